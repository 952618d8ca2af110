import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { TokenService } from '@splitwork/identity';
import { Role } from '@splitwork/kernel';
import { freshDatabase, printRow, round, summarize } from './bench-util';
import { seedMarket } from './market-seed';

const TASKS = 100_000;
const TASKS_PER_PROJECT = 100;
const FREELANCERS = 10_000;
const CLIENTS = 16;
const LOAD_SECONDS = 15;
const CLAIMS = 2_000;

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
 * (the feed's query plans for each sort: bench/feed-load-bench.ts);
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
    const seeded = await seedMarket(database.url, {
      tasks: TASKS,
      tasksPerProject: TASKS_PER_PROJECT,
      freelancers: FREELANCERS,
    });
    const tokens = app.get(TokenService);
    const tokenOf = (id: string) => tokens.issueAccessToken({ id, roles: [Role.FREELANCER] }).token;

    process.stdout.write(
      `\nMarketplace on the PostgreSQL server (fresh database ${database.name}; ${process.version})\n`,
    );
    process.stdout.write(
      `seeded ${TASKS} OPEN tasks in ${TASKS / TASKS_PER_PROJECT} projects and ${FREELANCERS} freelancers in ${seeded.seconds} s\n`,
    );

    const counts = await statementsPerRequest(url, tokenOf(seeded.freelancerIds[0]));
    process.stdout.write(
      `SQL statements per openTasks request: first 10 → ${counts[10]}, first 100 → ${counts[100]}\n`,
    );
    await browseLoad(url, seeded.freelancerIds.slice(0, 200).map(tokenOf));
    await claimLoad(database.url, url, seeded.freelancerIds.slice(200, 200 + CLAIMS).map(tokenOf));
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
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

/**
 * Statements sent to PostgreSQL while one request runs, at the pg client
 * (TypeORM's and the feed's prepared statements alike; job-queue ones left out).
 */
async function captured(work: () => Promise<unknown>) {
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen: { query: string }[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text =
      typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    if (!/job/i.test(text)) seen.push({ query: text });
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return seen;
}

async function statementsPerRequest(url: string, token: string) {
  const counts: Record<number, number> = {};
  for (const first of [10, 100]) {
    const seen = await captured(async () => {
      const res = await post(url, token, BROWSE, { first, sort: 'PRICE_DESC' });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    });
    counts[first] = seen.length;
  }
  return counts;
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
