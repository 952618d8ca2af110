import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoError, runDemo } from './run-demo';

/**
 * `npm run demo`: runs the demo against DEMO_API_URL when it is set; otherwise
 * starts the zero-setup API in this process (embedded PostgreSQL in a fresh
 * temporary folder, demo accounts seeded, jobs in process) on a free port,
 * runs the demo against it and stops it.
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const external = process.env.DEMO_API_URL;
  if (external) {
    print(`Splitwork demo against ${external}`);
    await runDemo({ url: external, print });
    print(`Done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    return;
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'splitwork-demo-'));
  Object.assign(process.env, {
    SPLITWORK_DATA_DIR: dataDir,
    SEED_DEMO_DATA: 'true',
    JOBS_IN_PROCESS: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'OPENAI_API_KEY', 'STRIPE_SECRET_KEY']) {
    delete process.env[name]; // zero-setup: embedded database, offline planner, simulated payments
  }
  // Loaded after the environment is set: the config is read at import time by some modules.
  const { createApiApp, seedIfAsked } = await import('../../apps/api/src/bootstrap');
  const app = await createApiApp();
  try {
    await seedIfAsked(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/graphql`;
    print(
      `Splitwork demo: zero-setup API on ${url} (fresh data in ${dataDir}), ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    await runDemo({ url, print });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  print(`Done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `Demo failed: ${
        error instanceof DemoError
          ? error.message
          : error instanceof Error
            ? (error.stack ?? error.message)
            : String(error)
      }\n`,
    );
    process.exit(1);
  },
);
