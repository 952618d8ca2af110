import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@splitwork/config';
import { DemoAccounts } from '@splitwork/identity';
import { AppModule } from './app.module';
import { mountGraphiql } from './graphiql';

/** Builds the API application (not yet listening). */
export async function createApiApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    forceCloseConnections: true,
    // Stripe signatures are checked on the exact bytes received.
    rawBody: true,
  });
  return configureApiApp(app);
}

/** Settings of the HTTP application; shared by main and the tests. */
export function configureApiApp(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  const config = app.get(AppConfig);
  if (!config.isProduction) mountGraphiql(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  return app;
}

/** Seeds the demo accounts when asked; production never gets a known password. */
export async function seedIfAsked(app: INestApplication): Promise<void> {
  await app.get(DemoAccounts).atStart();
}
