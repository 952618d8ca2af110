import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  extractRequirements,
  forecastPlan,
  MAX_BRIEF_CHARS,
  planOffline,
  resolvePlanSettings,
} from '@splitwork/planning-core';
import { longBrief, SMALL_BRIEF } from './briefs';
import { printRow, round, summarize, time } from './bench-util';

/**
 * Planning figures: offline planner on a small and a 20k-character brief,
 * and planning runs through the API (job queue, database) without and with
 * a plan cache hit. Run with `npm run bench:planning`.
 */
async function main(): Promise<void> {
  const settings = resolvePlanSettings({
    currency: 'USD',
    targetPlatforms: ['WEB', 'IOS', 'ANDROID', 'BACKEND'],
  });
  const big = longBrief(20_000);
  const smallPlan = planOffline(SMALL_BRIEF, settings);
  const bigPlan = planOffline(big, settings);
  process.stdout.write(`\nOffline planner (${process.version})\n`);
  printRow(
    `small brief (${SMALL_BRIEF.length} chars, ${smallPlan.tasks.length} tasks)`,
    await time(() => planOffline(SMALL_BRIEF, settings), 50),
  );
  printRow(
    `20k brief (${big.length} chars, ${bigPlan.tasks.length} tasks)`,
    await time(() => planOffline(big, settings), 10),
  );
  const limitBrief = longBrief(MAX_BRIEF_CHARS).slice(0, MAX_BRIEF_CHARS);
  printRow(
    `requirements of ${limitBrief.length}-char brief (limit)`,
    await time(() => extractRequirements(limitBrief), 10),
  );
  const limitPlan = planOffline(limitBrief, settings);
  printRow(
    `${limitBrief.length}-char brief (${limitPlan.tasks.length} tasks)`,
    await time(() => planOffline(limitBrief, settings), 3, 1),
  );
  const forecastOptions = { iterations: 2000, freelancers: 8 };
  printRow(
    `forecast, ${bigPlan.tasks.length} tasks × ${forecastOptions.iterations} iterations`,
    await time(() => forecastPlan(bigPlan, settings, forecastOptions), 10),
  );
  printRow(
    `forecast, ${limitPlan.tasks.length} tasks × ${forecastOptions.iterations} iterations`,
    await time(() => forecastPlan(limitPlan, settings, forecastOptions), 5),
  );

  await apiRuns();
}

/** Planning runs end to end through GraphQL on the zero-setup stack. */
async function apiRuns(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'splitwork-bench-'));
  Object.assign(process.env, {
    SPLITWORK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    JOBS_IN_PROCESS: 'true',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    NODE_ENV: 'test',
  });
  // Loaded after the environment is set: the config is read at module creation.
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const app = await createApiApp();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}/graphql`;
  const gql = async <T>(query: string, variables: object, token?: string): Promise<T> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  try {
    const { signUp } = await gql<{ signUp: { accessToken: string } }>(
      `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }`,
      {
        i: {
          email: `bench-${Date.now()}@example.com`,
          password: 'bench passphrase 42',
          displayName: 'Bench',
          roles: ['OWNER'],
        },
      },
    );
    const token = signUp.accessToken;
    const brief = longBrief(5000);
    const runOnce = async () => {
      const { createProject } = await gql<{ createProject: { project: { id: string } } }>(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`,
        {
          i: {
            title: 'Bench',
            brief,
            platforms: ['WEB', 'BACKEND'],
            budgetCents: 10_000_000,
            currency: 'USD',
          },
        },
        token,
      );
      const start = performance.now();
      const { planProject } = await gql<{ planProject: { run: { id: string } } }>(
        `mutation($i: PlanProjectInput!) { planProject(input: $i) { run { id } } }`,
        { i: { projectId: createProject.project.id } },
        token,
      );
      for (;;) {
        const { planningRun } = await gql<{
          planningRun: { status: string; cacheHit: boolean; latencyMs: number };
        }>(
          `query($id: ID!) { planningRun(id: $id) { status cacheHit latencyMs } }`,
          { id: planProject.run.id },
          token,
        );
        if (planningRun.status === 'SUCCEEDED' || planningRun.status === 'FAILED') {
          return { wallMs: performance.now() - start, ...planningRun };
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const miss = await runOnce();
    const hits = [];
    for (let i = 0; i < 20; i++) hits.push(await runOnce());
    process.stdout.write(
      `\nPlanning runs through the API (embedded PostgreSQL, in-process jobs, ${brief.length}-char brief)\n`,
    );
    printRow(
      'first run (cache miss): planner time',
      summarize([miss.latencyMs]),
      `wall ${round(miss.wallMs)} ms from mutation to SUCCEEDED`,
    );
    printRow(
      'repeat runs (cache hit): planner time',
      summarize(hits.map((h) => h.latencyMs)),
      `all hits: ${hits.every((h) => h.cacheHit)}`,
    );
    printRow(
      'repeat runs (cache hit): mutation to SUCCEEDED',
      summarize(hits.map((h) => h.wallMs)),
    );
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
