import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from '@splitwork/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@splitwork/identity';
import { createApiApp, seedIfAsked } from './bootstrap';

async function main(): Promise<void> {
  loadConfig(); // fail fast, before anything starts, on a bad variable
  const startedAt = Date.now();
  const app = await createApiApp();
  await seedIfAsked(app);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  const url = `http://localhost:${config.PORT}/graphql`;
  const lines = [
    '',
    `Splitwork API ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    `  GraphQL (and GraphiQL in a browser): ${url}`,
    `  Database: ${config.usesEmbeddedDatabase ? `embedded PostgreSQL in ${config.SPLITWORK_DATA_DIR}/pg` : 'PostgreSQL server'}`,
    `  Jobs: ${config.jobRunner}${config.JOBS_IN_PROCESS ? ', running in this process' : ', run by the worker'}`,
  ];
  if (config.SEED_DEMO_DATA) {
    lines.push(`  Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.roles.join(',').padEnd(10)} ${a.email}`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Splitwork API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
