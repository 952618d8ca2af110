import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TokenService } from '@splitwork/identity';
import { Role } from '@splitwork/kernel';
import { initialTaskState, transitionTask } from '@splitwork/marketplace-core';
import { freshDatabase, printRow, round, summarize } from './bench-util';

const TASKS = 100_000;
const TASKS_PER_PROJECT = 100;
const FREELANCERS = 10_000;
const CLIENTS = 16;
const LOAD_SECONDS = 15;
const CLAIMS = 2_000;
const SKILLS = ['react', 'typescript', 'node', 'postgres', 'swift', 'kotlin', 'figma', 'docker'];
const PLATFORMS = ['WEB', 'BACKEND', 'IOS', 'ANDROID'];

const BROWSE = `query($first: Int!, $sort: TaskSort, $after: String) {
  openTasks(first: $first, sort: $sort, after: $after) {
    edges { node { id title price { amountCents } project { title platforms } owner { displayName }
      dependencies { id title status } } }
    pageInfo { endCursor }
  }
}`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id status } }`;

/**
 * Marketplace browsing and claiming on the PostgreSQL server named by
 * DATABASE_URL (required: a fresh database is created for the run and
 * dropped after): 100k tasks and 10k freelancers seeded with bulk SQL, then
 * - openTasks (page of 20 with project, owner, dependencies) under
 *   CLIENTS concurrent HTTP clients: requests per second, median and p95;
 * - SQL statements per openTasks request at page size 10 and 100;
 * - the query plans of the openTasks statement for each sort;
 * - claims per second, distinct freelancers claiming distinct tasks.
 * Run with `npm run bench:marketplace`.
 */
async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL (a PostgreSQL server) is required for this benchmark');
  const database = await freshDatabase(server);
  const dataDir = mkdtempSync(join(tmpdir(), 'splitwork-bench-'));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SPLITWORK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    JOBS_IN_PROCESS: 'true',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    NODE_ENV: 'test',
  });
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const app = await createApiApp();
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${port}/graphql`;
    const seeded = await seed(database.url);
    const tokens = app.get(TokenService);
    const tokenOf = (id: string) => tokens.issueAccessToken({ id, roles: [Role.FREELANCER] }).token;

    process.stdout.write(
      `\nMarketplace on the PostgreSQL server (fresh database ${database.name}; ${process.version})\n`,
    );
    process.stdout.write(
      `seeded ${TASKS} OPEN tasks in ${TASKS / TASKS_PER_PROJECT} projects and ${FREELANCERS} freelancers in ${seeded.seconds} s\n`,
    );

    const counts = await statementsPerRequest(app, url, tokenOf(seeded.freelancerIds[0]));
    process.stdout.write(
      `SQL statements per openTasks request: first 10 → ${counts[10]}, first 100 → ${counts[100]}\n`,
    );
    await plans(app, url, tokenOf(seeded.freelancerIds[0]));
    await browseLoad(url, seeded.freelancerIds.slice(0, 200).map(tokenOf));
    await claimLoad(database.url, url, seeded.freelancerIds.slice(200, 200 + CLAIMS).map(tokenOf));
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

async function seed(url: string): Promise<{ freelancerIds: string[]; seconds: number }> {
  const start = performance.now();
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const openState = JSON.stringify(transitionTask(initialTaskState(), { kind: 'RELEASE' }));
    const projects = TASKS / TASKS_PER_PROJECT;
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO users (email, display_name, password_hash, roles)
       SELECT 'owner' || g || '@bench.test', 'Owner ' || g, 'x', '{OWNER}' FROM generate_series(1, $1) g`,
      [projects],
    );
    await db.query(
      `INSERT INTO users (email, display_name, password_hash, roles)
       SELECT 'freelancer' || g || '@bench.test', 'Freelancer ' || g, 'x', '{FREELANCER}'
         FROM generate_series(1, $1) g`,
      [FREELANCERS],
    );
    await db.query(
      `INSERT INTO freelancer_profiles (user_id, skills, hourly_rate_cents, weekly_hours)
       SELECT id, (SELECT jsonb_agg(jsonb_build_object('skill', s, 'level', 5)) FROM unnest($1::text[]) s),
              4000 + (random() * 4000)::int, 40
         FROM users WHERE roles = '{FREELANCER}'`,
      [SKILLS],
    );
    await db.query(
      `INSERT INTO projects (owner_id, title, brief, platforms, budget_cents, currency, rate_card, status)
       SELECT id, 'Bench project of ' || display_name, 'A brief freelancers must not see', '{WEB,BACKEND}',
              100000000, 'USD', '{}'::jsonb, 'FUNDED'
         FROM users WHERE roles = '{OWNER}'`,
    );
    await db.query(
      `INSERT INTO marketplace_tasks (project_id, task_key, feature_key, title, description,
         acceptance_criteria, skills, platform, estimate, price_cents, currency, depends_on, status,
         state, created_at)
       SELECT p.id, 'T' || k, 'feature', 'Task ' || k || ' of ' || p.title, 'Do the thing',
              '["It works"]'::jsonb,
              jsonb_build_array(jsonb_build_object('skill', ($1::text[])[1 + k % 8], 'minLevel', 2),
                                jsonb_build_object('skill', ($1::text[])[1 + (k * 3 + 1) % 8], 'minLevel', 3)),
              ($2::text[])[1 + k % 4],
              jsonb_build_object('optimistic', h * 0.5, 'likely', h, 'pessimistic', h * 2),
              h * 5000 + (random() * 2000)::int, 'USD',
              CASE WHEN k % 2 = 0 THEN ARRAY['T' || (k - 1), 'T' || greatest(1, k - 3)] ELSE '{}' END,
              'OPEN', $3::jsonb, now() - random() * interval '30 days'
         FROM projects p
        CROSS JOIN generate_series(1, $4) k
        CROSS JOIN LATERAL (SELECT 1 + (k * 7) % 8 AS h) est`,
      [SKILLS, PLATFORMS, openState, TASKS_PER_PROJECT],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE');
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM users WHERE roles = '{FREELANCER}' ORDER BY id`,
    );
    return {
      freelancerIds: rows.map((r) => r.id),
      seconds: round((performance.now() - start) / 1000, 1),
    };
  } finally {
    await db.end();
  }
}

async function post(
  url: string,
  token: string,
  query: string,
  variables: object,
): Promise<{
  status: number;
  body: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

/** Statements sent through TypeORM while one request runs (job-queue statements left out). */
async function captured(app: NestExpressApplication, work: () => Promise<unknown>) {
  const logger = app.get(DataSource).logger;
  const original = logger.logQuery.bind(logger);
  const seen: { query: string; parameters?: unknown[] }[] = [];
  logger.logQuery = (query, parameters, runner) => {
    if (!/job/i.test(query))
      seen.push({ query, parameters: Array.isArray(parameters) ? parameters : undefined });
    original(query, parameters, runner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

async function statementsPerRequest(app: NestExpressApplication, url: string, token: string) {
  const counts: Record<number, number> = {};
  for (const first of [10, 100]) {
    const seen = await captured(app, async () => {
      const res = await post(url, token, BROWSE, { first, sort: 'PRICE_DESC' });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    });
    counts[first] = seen.length;
  }
  return counts;
}

/** EXPLAIN ANALYZE of the statement openTasks really sends, for each sort, with a cursor. */
async function plans(app: NestExpressApplication, url: string, token: string) {
  process.stdout.write(`\nopenTasks page query plans (100k rows, second page):\n`);
  const dataSource = app.get(DataSource);
  for (const sort of ['NEWEST', 'OLDEST', 'PRICE_DESC', 'PRICE_ASC', 'ESTIMATE_ASC']) {
    const first = await post(url, token, BROWSE, { first: 20, sort });
    const after = (first.body.data as { openTasks: { pageInfo: { endCursor: string } } }).openTasks
      .pageInfo.endCursor;
    const seen = await captured(app, () => post(url, token, BROWSE, { first: 20, sort, after }));
    const page = seen.find(
      (s) => /FROM "marketplace_tasks"/.test(s.query) && /ORDER BY/.test(s.query),
    )!;
    const plan = await dataSource.query<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN ANALYZE ${page.query}`,
      page.parameters,
    );
    const lines = plan.map((r) => r['QUERY PLAN']);
    const scan = lines.find((l) => /Scan/.test(l))?.trim() ?? lines[0];
    const total = lines.find((l) => /Execution Time/.test(l))?.trim();
    process.stdout.write(`  ${sort.padEnd(13)} ${scan}  [${total}]\n`);
  }
}

async function browseLoad(url: string, tokens: string[]) {
  const sorts = ['NEWEST', 'OLDEST', 'PRICE_DESC', 'PRICE_ASC', 'ESTIMATE_ASC'];
  const samples: number[] = [];
  let errors = 0;
  const until = performance.now() + LOAD_SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      let after: string | null = null;
      for (let i = 0; performance.now() < until; i++) {
        const sort = sorts[(c + Math.floor(i / 5)) % sorts.length];
        if (i % 5 === 0) after = null;
        const t0 = performance.now();
        const res = await post(url, tokens[(c * 7 + i) % tokens.length], BROWSE, {
          first: 20,
          sort,
          after,
        });
        samples.push(performance.now() - t0);
        if (res.status !== 200 || res.body.errors) errors++;
        else
          after = (res.body.data as { openTasks: { pageInfo: { endCursor: string | null } } })
            .openTasks.pageInfo.endCursor;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(
    `\nopenTasks, page of 20 with project, owner and dependencies, ${CLIENTS} concurrent clients for ${LOAD_SECONDS} s (pages 1–5 of each sort)\n`,
  );
  printRow(
    'openTasks over HTTP',
    summarize(samples),
    `${round(samples.length / seconds, 1)} req/s, ${errors} errors`,
  );
}

async function claimLoad(dbUrl: string, url: string, tokens: string[]) {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM marketplace_tasks WHERE status = 'OPEN' ORDER BY random() LIMIT $1`,
    [tokens.length],
  );
  const samples: number[] = [];
  let won = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < tokens.length; i = next++) {
        const t0 = performance.now();
        const res = await post(url, tokens[i], CLAIM, { input: { taskId: rows[i].id } });
        samples.push(performance.now() - t0);
        if (!res.body.errors) won++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const { rows: check } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM marketplace_tasks WHERE status = 'CLAIMED'`,
  );
  await db.end();
  process.stdout.write(
    `\nClaims: ${tokens.length} freelancers claiming distinct tasks, ${CLIENTS} concurrent clients\n`,
  );
  printRow(
    'claimTask over HTTP',
    summarize(samples),
    `${round(won / seconds, 1)} claims/s, ${won} won, ${check[0].n} CLAIMED in the database`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
