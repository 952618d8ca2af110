import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AppConfig, ConfigError, loadConfig } from '@splitwork/config';
import { EmbeddedDatabase } from '@splitwork/database';
import { DEMO_PASSWORD, demoSeedPlan } from '@splitwork/identity';
import { NotificationMailer } from '@splitwork/notifications';
import type { Planner } from '@splitwork/planning-core';
import { describePlanner, PLANNER } from '@splitwork/planning';
import { createApiApp, seedIfAsked } from './bootstrap';
import { graphiqlFiles, GraphiqlUnavailable } from './graphiql';

async function main(): Promise<void> {
  // Fail fast, before anything starts, on a bad variable or a missing GraphiQL.
  if (!loadConfig().isProduction) graphiqlFiles();
  const startedAt = Date.now();
  const app = await createApiApp();
  await seedIfAsked(app);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  // The port actually bound (PORT=0 picks a free one).
  const { port } = app.getHttpServer().address() as AddressInfo;
  const embedded = app.get(EmbeddedDatabase).server;
  const lines = [
    '',
    `Splitwork API ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    existsSync(join(resolve(config.WEB_APP_DIR), 'index.html'))
      ? `  Open the app: http://localhost:${port}/`
      : `  No web app built in ${resolve(config.WEB_APP_DIR)} (npm run build:web builds it)`,
    `  GraphQL${config.isProduction ? '' : ' (and GraphiQL in a browser)'}: http://localhost:${port}/graphql`,
    `  Data folder: ${resolve(config.SPLITWORK_DATA_DIR)}`,
    embedded
      ? `  Database: embedded PostgreSQL in ${resolve(config.SPLITWORK_DATA_DIR, 'pg')}, on the Unix socket in ${embedded.socketDirectory} (this user only, no TCP): psql "${embedded.connectionUrl}"`
      : '  Database: PostgreSQL server (DATABASE_URL)',
    `  Planner: ${describePlanner(app.get<Planner>(PLANNER))}`,
    `  Jobs: ${config.jobRunner}${config.JOBS_IN_PROCESS ? ', running in this process' : ', run by the worker'}`,
    `  ${app.get(NotificationMailer).describe()}`,
  ];
  if (config.seedsDemoData) {
    // The public demo password only outside production; production's comes from its environment.
    lines.push(
      config.isProduction
        ? '  Demo accounts (password: DEMO_ACCOUNT_PASSWORD):'
        : `  Demo accounts (password ${config.DEMO_ACCOUNT_PASSWORD ? 'from DEMO_ACCOUNT_PASSWORD' : DEMO_PASSWORD}):`,
    );
    for (const a of demoSeedPlan(config).accounts) {
      lines.push(`    ${a.roles.join(',').padEnd(10)} ${a.email}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof GraphiqlUnavailable) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Splitwork API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
