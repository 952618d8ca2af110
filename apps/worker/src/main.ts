import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@splitwork/config';
import { describePlanner, PLANNER } from '@splitwork/planning';
import type { Planner } from '@splitwork/planning-core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log(`Planner: ${describePlanner(app.get<Planner>(PLANNER))}`);
  app.get(Logger).log('Splitwork worker running; stop it with SIGTERM or Ctrl+C');
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Splitwork worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
