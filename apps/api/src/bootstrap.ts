import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@splitwork/config';
import { DemoAccounts } from '@splitwork/identity';
import { AppModule } from './app.module';
import { mountGraphiql } from './graphiql';
import { mountWebApp } from './web-app';
import { apiSecurityHeaders } from './security-headers';
import { bodyParserErrors, MAX_REQUEST_BODY_BYTES } from './http-limits';

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
  const config = app.get(AppConfig);
  // req.ip, the address every limit and log uses, believes X-Forwarded-For
  // only from the proxies TRUST_PROXY names (none by default).
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(apiSecurityHeaders);
  app.useBodyParser('json', { limit: MAX_REQUEST_BODY_BYTES });
  app.useBodyParser('urlencoded', { limit: MAX_REQUEST_BODY_BYTES, extended: true });
  app.use(bodyParserErrors);
  // GraphiQL's packages are development dependencies: looked up only here.
  if (!config.isProduction) mountGraphiql(app.getHttpAdapter().getInstance());
  // The web app (built by `npm run build`) at `/`, with its own, looser policy.
  mountWebApp(app.getHttpAdapter().getInstance(), config.WEB_APP_DIR, {
    // Stripe mode only: simulated payments never load Stripe.js.
    stripePublishableKey: config.STRIPE_SECRET_KEY ? config.STRIPE_PUBLISHABLE_KEY : undefined,
  });
  app.enableShutdownHooks();
  return app;
}

/** Seeds the demo accounts when asked; production never gets a known password. */
export async function seedIfAsked(app: INestApplication): Promise<void> {
  await app.get(DemoAccounts).atStart();
}
