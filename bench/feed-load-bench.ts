import 'reflect-metadata';
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { runMigrations as runJobQueueMigrations } from 'graphile-worker';
import { sign } from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@splitwork/database';
import { FeedSelection, FeedSort, TaskFeedRepository } from '@splitwork/marketplace';
import { freshDatabase, round } from './bench-util';
import { seedMarket, seedWorkloads } from './market-seed';

/**
 * The task feed under load, beside PostGraphile v5 on the same database, in
 * one alternating run. Each server is its own process; this process only
 * generates load (autocannon, 10 connections) and measures: req/s, p50/p99,
 * Node CPU ms and PostgreSQL CPU ms per request (from /proc of the server and
 * of its backends), bytes allocated per request (v8 GCProfiler inside the
 * server, bench/peers/probe.cjs), SQL statements per request
 * (pg_stat_statements), RSS. Then claims, after a warm-up of each API's claim
 * path, in alternating rounds: contended (2 freelancers per task) and
 * uncontended (every claim a distinct task, fresh claimants each round), with
 * 0 double claims checked in SQL and the statements of a claim listed; `me`
 * against the floor (bare graphql-js), and statements per request at page
 * size 10 and 100 for the feed, myTasks (a freelancer holding 150 tasks),
 * reviewQueue (a reviewer with 150 submitted tasks) and the notifications
 * inbox (150 notifications). Memory last: each server's RSS once started, its
 * peak RSS in each phase (the kernel's high-water mark, reset between phases)
 * and its RSS after the runs. Each build's API runs with the Node flags of
 * its own `npm run start:api`.
 *
 *   npm run bench:feed -- [--before <dir of another checkout, built>] [--seconds 10]
 *     [--rounds 2] [--cpu-prof <dir>] [--out bench/results/feed-load.txt]
 *     [--only feed,me,statements,plans,claims,memory]
 *
 * `--cpu-prof` profiles our servers under the feed and under `me` (each when
 * its section runs; the floor too under `me`), and under uncontended claims
 * when the claims section runs.
 *
 * Servers listen on free ports of 127.0.0.1.
 * Needs the PostgreSQL server at BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres, trust auth); creates and drops
 * its own database.
 */

const TASKS = 100_000;
const TASKS_PER_PROJECT = 100;
const FREELANCERS = 10_000;
const CONNECTIONS = 10;
/**
 * `me` runs in at least this many rounds, more than the other sections: a request is about 0.2 ms
 * of CPU, and on a shared 2-core machine one target's throughput swings by a
 * quarter between back-to-back runs. The ratio is the median over rounds of
 * each round's ours / floor, the two measured next to each other.
 */
const ME_ROUNDS = 6;
const CONTENDED_CLAIMS = 1500;
const UNCONTENDED_CLAIMS = 3000;
/** Unmeasured uncontended claims per API before the claim runs: its claim path compiled and warm. */
const WARM_UP_CLAIMS = 2000;
/**
 * Which seeded freelancers claim in which run (ranges of indexes; freelancer
 * 0 reads the feed). A contended run uses its target's claimants again each
 * round (one claim each per round, far below the limit of 5); uncontended
 * runs and warm-ups take fresh ones from UNCONTENDED_CLAIMANTS, five claims
 * each, the limit.
 */
const CLAIMANTS = {
  splitwork: { contended: [1000, 2520], profile: [9000, 9400] },
  'splitwork-before': { contended: [2520, 4040], profile: [9400, 9800] },
} as const;
const UNCONTENDED_CLAIMANTS = [4040, 9000] as const;
const ROOT = resolve(__dirname, '..', '..');
const SECRET = randomBytes(32).toString('base64url');

const FEED = `query Feed { openTasks(first: 20) { edges { node { id title price { amountCents }
  project { title platforms } owner { displayName } dependencies { id key title status } } } } }`;
/** The feed at a page size; a smaller selection, so that page 100 stays under GRAPHQL_MAX_COST. */
const FEED_OF = (first: number) =>
  `query Feed { openTasks(first: ${first}) { edges { node { id
  owner { displayName } dependencies { id } } } } }`;
const MY_TASKS_OF = (first: number) =>
  `query Mine { myTasks(first: ${first}) { edges { node { id
  owner { displayName } dependencies { id } } } } }`;
const REVIEW_QUEUE_OF = (first: number) =>
  `query Queue { reviewQueue(first: ${first}) { edges { node { id
  owner { displayName } dependencies { id } } } } }`;
const NOTIFICATIONS_OF = (first: number) =>
  `query Inbox { notifications(first: ${first}) { edges { cursor node { id kind subject read createdAt } } } }`;
/** Rows seeded for myTasks, the review queue and the inbox: more than the largest page. */
const WORKLOAD = 150;
const PEER_FEED = `query Feed { allMarketplaceTasks(first: 20, condition: { status: "OPEN" },
  orderBy: [CREATED_AT_ASC, PRIMARY_KEY_ASC]) { nodes { id title priceCents
  projectByProjectId { title platforms userByOwnerId { displayName } }
  dependencies { nodes { id taskKey title status } } } } }`;
const FLOOR_FEED = `query Feed { openTasks(first: 20) { id title priceCents project { title platforms }
  owner { displayName } dependencies { id key title status } } }`;
const ME = `query Me { me { id email displayName roles } }`;
const CLAIM = `mutation Claim($input: TaskRefInput!) { claimTask(input: $input) { id status } }`;

interface Options {
  before?: string;
  seconds: number;
  rounds: number;
  cpuProf?: string;
  out?: string;
  /** Sections to run (feed, me, statements, plans, claims, memory); all when absent. */
  only?: string[];
}

function options(): Options {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    before: value('--before'),
    seconds: Number(value('--seconds') ?? 10),
    rounds: Number(value('--rounds') ?? 2),
    cpuProf: value('--cpu-prof'),
    out: value('--out'),
    only: value('--only')?.split(','),
  };
}

interface Target {
  name: string;
  url: string;
  child: ChildProcess;
  feed: string;
  me?: string;
}

const lines: string[] = [];
function say(line = ''): void {
  lines.push(line);
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const opts = options();
  const server = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await freshDatabase(server);
  const dataDir = mkdtempSync(join(tmpdir(), 'splitwork-feed-bench-'));
  const children: ChildProcess[] = [];
  try {
    await migrate(database.url);
    const seeded = await seedMarket(database.url, {
      tasks: TASKS,
      tasksPerProject: TASKS_PER_PROJECT,
      freelancers: FREELANCERS,
    });
    const statsOk = await preparePeerSchema(database.url);
    const token = (id: string) =>
      sign({ sub: id, roles: ['FREELANCER'] }, SECRET, { algorithm: 'HS256', expiresIn: '2h' });
    const viewerToken = token(seeded.freelancerIds[0]);

    const apiEnv = (port: number) => ({
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '10',
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'info',
      SEED_DEMO_DATA: 'false',
      JOBS_IN_PROCESS: 'false',
      SPLITWORK_DATA_DIR: join(dataDir, String(port)),
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      MAX_ACTIVE_CLAIMS: '5',
    });
    const probe = join(ROOT, 'bench', 'peers', 'probe.cjs');
    const targets: Target[] = [];
    const startApi = async (name: string, dir: string, port: number) => {
      const child = spawn(
        process.execPath,
        [
          ...apiNodeFlags(dir),
          '-r',
          probe,
          '-r',
          join(dir, 'tools', 'register-paths.js'),
          join(dir, 'dist', 'apps', 'api', 'src', 'main.js'),
        ],
        { cwd: dir, env: apiEnv(port), stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
      );
      children.push(child);
      const target = { name, url: `http://127.0.0.1:${port}/graphql`, child, feed: FEED, me: ME };
      await ready(target, viewerToken);
      targets.push(target);
    };
    // Free ports, not fixed ones: other benchmarks may run on the same machine.
    await startApi('splitwork', ROOT, await freePort());
    if (opts.before) await startApi('splitwork-before', resolve(opts.before), await freePort());
    const peerPort = await freePort();
    const peer = spawn(
      process.execPath,
      [
        '-r',
        probe,
        join(ROOT, 'bench', 'peers', 'postgraphile-peer.cjs'),
        database.url,
        String(peerPort),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    children.push(peer);
    const pgl = {
      name: 'postgraphile-v5',
      url: `http://127.0.0.1:${peerPort}/graphql`,
      child: peer,
      feed: PEER_FEED,
    };
    await ready(pgl, viewerToken);
    targets.push(pgl);
    const floorPort = await freePort();
    const floorChild = spawn(
      process.execPath,
      [
        '-r',
        probe,
        join(ROOT, 'bench', 'peers', 'floor-peer.cjs'),
        database.url,
        String(floorPort),
        SECRET,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    children.push(floorChild);
    const floor = {
      name: 'floor (graphql-js + pg)',
      url: `http://127.0.0.1:${floorPort}/graphql`,
      child: floorChild,
      feed: FLOOR_FEED,
      me: ME,
    };
    await ready(floor, viewerToken);
    targets.push(floor);

    const idle = new Map<string, number>();
    for (const target of targets) {
      const stats = await probeCall(target.child, 'start').then(() =>
        probeCall(target.child, 'stop'),
      );
      idle.set(target.name, stats.rssBytes);
    }
    // Peak RSS and heap of each server per phase: from its start to here
    // (boot and the first feed request), then each section that loads it.
    const peaks = new Map<string, Map<string, Peak>>(targets.map((t) => [t.name, new Map()]));
    const phaseDone = async (phase: string) => {
      for (const target of targets) {
        peaks.get(target.name)!.set(phase, await peakSince(target.child));
      }
    };
    await phaseDone('start');

    say(`Task feed load benchmark (${new Date().toISOString()}, Node ${process.version})`);
    say(
      `database ${database.name}: ${TASKS} OPEN tasks, ${TASKS / TASKS_PER_PROJECT} projects, ${FREELANCERS} freelancers (seeded in ${seeded.seconds} s)`,
    );
    for (const target of targets.filter((t) => t.name.startsWith('splitwork'))) {
      const dir = target.name === 'splitwork' ? ROOT : resolve(opts.before!);
      say(`${target.name} API node flags: ${apiNodeFlags(dir).join(' ') || '(none)'}`);
    }
    say(
      `autocannon: ${CONNECTIONS} connections, ${opts.seconds} s per run, ${opts.rounds} alternating rounds`,
    );
    // On a server without autovacuum the claim runs analyze what claims write, as autovacuum would.
    const analyzeBeforeClaims = !(await autovacuumAt(database.url));
    if ((!opts.only || opts.only.includes('claims')) && analyzeBeforeClaims) {
      say(
        'autovacuum is off on this server: the claim runs ANALYZE the tables claims write before each run, as autovacuum would',
      );
    }
    say(
      statsOk
        ? 'SQL statements from pg_stat_statements'
        : 'pg_stat_statements MISSING (add it to shared_preload_libraries and restart): statements not counted',
    );

    const want = (section: string) => !opts.only || opts.only.includes(section);
    if (want('feed')) {
      say('');
      say('Feed: 20 OPEN tasks with project title, owner name and dependencies, freelancer token');
      const feedRows = new Map<string, Measured[]>();
      for (let r = 0; r < opts.rounds; r++) {
        for (const target of targets) {
          const m = await measure(
            target,
            target.feed,
            viewerToken,
            opts.seconds,
            database,
            statsOk,
          );
          feedRows.set(target.name, [...(feedRows.get(target.name) ?? []), m]);
        }
      }
      printTable(feedRows);
      const ours = mean(feedRows.get('splitwork')!, 'rps');
      const theirs = mean(feedRows.get('postgraphile-v5')!, 'rps');
      say(`ratio splitwork / postgraphile-v5 = ${round(ours / theirs, 2)}`);
      if (opts.before) {
        say(
          `ratio splitwork-before / postgraphile-v5 = ${round(mean(feedRows.get('splitwork-before')!, 'rps') / theirs, 2)}`,
        );
      }
      await phaseDone('feed');
    }

    if (want('me')) {
      say('');
      say(
        `me (one user row) against the floor: ${Math.max(opts.rounds, ME_ROUNDS)} rounds, each target once per round, the order reversed every other round`,
      );
      const meRows = new Map<string, Measured[]>();
      // The floor in the middle: next to ours in either order.
      const ours = targets.filter((t) => t.me && t !== floor);
      const meTargets = [ours[0], floor, ...ours.slice(1)];
      const rounds = Math.max(opts.rounds, ME_ROUNDS);
      for (let r = 0; r < rounds; r++) {
        for (const target of r % 2 === 0 ? meTargets : [...meTargets].reverse()) {
          const m = await measure(target, target.me!, viewerToken, opts.seconds, database, statsOk);
          meRows.set(target.name, [...(meRows.get(target.name) ?? []), m]);
        }
      }
      printTable(meRows);
      const floorRps = meRows.get(floor.name)!.map((m) => m.rps);
      for (const name of ['splitwork', ...(opts.before ? ['splitwork-before'] : [])]) {
        const paired = meRows.get(name)!.map((m, r) => m.rps / floorRps[r]);
        say(
          `ratio ${name} / floor = ${round(median(paired), 2)} (median of the rounds: ${paired.map((x) => round(x, 2)).join(', ')}; ratio of the means ${round(mean(meRows.get(name)!, 'rps') / mean(meRows.get(floor.name)!, 'rps'), 2)})`,
        );
      }
      await phaseDone('me');
    }

    if (want('statements')) {
      const work = await seedWorkloads(database.url, seeded.freelancerIds, WORKLOAD);
      const holder = token(work.holderId);
      const reviewer = sign({ sub: work.reviewerId, roles: ['REVIEWER'] }, SECRET, {
        algorithm: 'HS256',
        expiresIn: '2h',
      });
      const paths: [string, (first: number) => string, string][] = [
        ['openTasks', FEED_OF, viewerToken],
        [`myTasks (${WORKLOAD} held)`, MY_TASKS_OF, holder],
        [`reviewQueue (${WORKLOAD} submitted)`, REVIEW_QUEUE_OF, reviewer],
        [`notifications (${WORKLOAD})`, NOTIFICATIONS_OF, holder],
      ];
      say('');
      say(
        'Statements per request, page size 10 vs 100 (pg_stat_statements, 20 requests each; lists with owner and dependencies)',
      );
      say(
        `  ${'target'.padEnd(18)} ${'path'.padEnd(32)} ${'first: 10'.padStart(10)} ${'first: 100'.padStart(11)}`,
      );
      for (const target of targets.filter((t) => t.name.startsWith('splitwork'))) {
        for (const [label, query, who] of paths) {
          const counts: string[] = [];
          for (const first of [10, 100]) {
            counts.push(await statementsPer(target, query(first), who, database, statsOk));
          }
          say(
            `  ${target.name.padEnd(18)} ${label.padEnd(32)} ${counts[0].padStart(10)} ${counts[1].padStart(11)}`,
          );
        }
      }
      await phaseDone('statements');
    }

    if (want('plans')) await plans(database.url, seeded.freelancerIds[0]);

    if (want('claims')) {
      say('');
      say(
        `Claims: ${CONNECTIONS} connections, MAX_ACTIVE_CLAIMS 5, ${opts.rounds} alternating rounds after ` +
          `${WARM_UP_CLAIMS} unmeasured claims per API; contended: 2 freelancers race for each task ` +
          `(${CONTENDED_CLAIMS} requests); uncontended: every request a distinct task, 5 per fresh freelancer (${UNCONTENDED_CLAIMS} requests)`,
      );
      const ours = targets.filter((t) => t.name.startsWith('splitwork'));
      // Fresh claimants for each uncontended run: five claims each (and the
      // spare bodies autocannon builds ahead), then they are at their limit.
      const claimantsFor = (claims: number) => Math.ceil((claims + 2 * CONNECTIONS) / 5);
      const needed =
        ours.length *
        (claimantsFor(WARM_UP_CLAIMS) + opts.rounds * claimantsFor(UNCONTENDED_CLAIMS));
      // A contended claimant wins up to one task per round: past 4 rounds the limit of 5 would refuse some.
      if (opts.rounds > 4 || needed > UNCONTENDED_CLAIMANTS[1] - UNCONTENDED_CLAIMANTS[0]) {
        throw new Error(
          `claims: ${opts.rounds} rounds for ${ours.length} builds is more than the seeded freelancers allow`,
        );
      }
      let nextClaimant = UNCONTENDED_CLAIMANTS[0];
      const freshClaimants = (claims: number) => {
        const from = nextClaimant;
        nextClaimant += claimantsFor(claims);
        return seeded.freelancerIds.slice(from, nextClaimant);
      };
      for (const target of ours) {
        await claimRun(
          target,
          database,
          'uncontended',
          freshClaimants(WARM_UP_CLAIMS),
          WARM_UP_CLAIMS,
          token,
          statsOk,
          analyzeBeforeClaims,
        );
      }
      const runs: ClaimRun[] = [];
      for (let r = 0; r < opts.rounds; r++) {
        for (const kind of ['contended', 'uncontended'] as const) {
          for (const target of ours) {
            const range = CLAIMANTS[target.name as keyof typeof CLAIMANTS].contended;
            const run = await claimRun(
              target,
              database,
              kind,
              kind === 'contended'
                ? seeded.freelancerIds.slice(range[0], range[1])
                : freshClaimants(UNCONTENDED_CLAIMS),
              kind === 'contended' ? CONTENDED_CLAIMS : UNCONTENDED_CLAIMS,
              token,
              statsOk,
              analyzeBeforeClaims,
            );
            runs.push({ ...run, target: `${run.target} #${r + 1}` });
          }
        }
      }
      printClaimRuns(runs);
      for (const target of ours) {
        const rate = (kind: ClaimRun['kind'], of: (r: ClaimRun) => number) =>
          runs
            .filter((r) => r.target.startsWith(`${target.name} #`) && r.kind === kind)
            .map((r) => round(of(r) / r.seconds, 0));
        const won = rate('uncontended', (r) => r.won);
        const answered = rate('contended', (r) => r.requests);
        say(
          `  ${target.name}: uncontended won/s ${won.join(', ')} (median ${round(median(won), 0)}); ` +
            `contended answered/s ${answered.join(', ')} (median ${round(median(answered), 0)})`,
        );
      }
      for (const run of runs) {
        say(
          `  ${run.target} ${run.kind}: ${run.claimed} of ${run.tasks} tasks CLAIMED` +
            (run.kind === 'contended'
              ? `; a refused claim ~${round(2 * run.statements - runs.find((r) => r.target === run.target && r.kind === 'uncontended')!.statements, 2)} statements (2 x contended - uncontended of the round)`
              : ''),
        );
      }
      say('');
      for (const run of runs.filter((r) => r.kind === 'uncontended' && r.target.endsWith(' #1'))) {
        printStatements(run);
      }

      if (opts.cpuProf) {
        mkdirSync(resolve(opts.cpuProf), { recursive: true });
        for (const target of ours) {
          const file = join(resolve(opts.cpuProf), `${target.name}-claims.cpuprofile`);
          const range = CLAIMANTS[target.name as keyof typeof CLAIMANTS].profile;
          const claimants = seeded.freelancerIds.slice(range[0], range[1]);
          const amount = (claimants.length - 5) * 5;
          await claimRun(
            target,
            database,
            'uncontended',
            claimants,
            amount,
            token,
            statsOk,
            analyzeBeforeClaims,
            file,
          );
          say('');
          say(
            `CPU profile of ${target.name} under uncontended claims (inspector, ${amount} claims)`,
          );
          for (const line of summarizeProfile(file, amount)) say(`  ${line}`);
        }
      }

      say('');
      say('myTasks after the claims (a freelancer who won contended claims), page size 10 vs 100');
      for (const target of ours) {
        const range = CLAIMANTS[target.name as keyof typeof CLAIMANTS].contended;
        const holder = token(
          await holderAmong(database.url, seeded.freelancerIds.slice(range[0], range[1])),
        );
        for (const first of [10, 100]) {
          const n = await statementsPer(target, MY_TASKS_OF(first), holder, database, statsOk);
          say(`  ${target.name.padEnd(18)} myTasks(first: ${String(first).padEnd(3)}) ${n}`);
        }
      }
      await phaseDone('claims');
    }

    if (opts.cpuProf && (want('feed') || want('me'))) {
      mkdirSync(resolve(opts.cpuProf), { recursive: true });
      const loads = (
        [
          ['feed', FEED],
          ['me', ME],
        ] as const
      ).filter(([load]) => want(load));
      // The floor beside ours under `me`: what the bare minimum spends per request.
      const profiled = (load: string) =>
        targets.filter((t) => t.name.startsWith('splitwork') || (load === 'me' && t === floor));
      for (const [load, query] of loads) {
        for (const target of profiled(load)) {
          const slug = target.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
          const file = join(resolve(opts.cpuProf), `${slug}-${load}.cpuprofile`);
          await probeMessage(target.child, { probe: 'profile-start' }, 'profile-started');
          const run = await autocannon({
            url: target.url,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${viewerToken}` },
            body: JSON.stringify({ query }),
            connections: CONNECTIONS,
            duration: opts.seconds,
          });
          await probeMessage(target.child, { probe: 'profile-stop', file }, 'profile-stopped');
          say('');
          say(
            `CPU profile of ${target.name} under the ${load} load (inspector, ${opts.seconds} s, ${run.requests.total} requests)`,
          );
          for (const line of summarizeProfile(file, run.requests.total)) say(`  ${line}`);
        }
      }
      await phaseDone('profile');
    }

    if (want('memory')) {
      say('');
      say('Memory (server mode, MB): RSS after start, peak RSS in each phase, RSS after the runs');
      const phases = [...peaks.get('splitwork')!.keys()];
      say(
        `  ${'target'.padEnd(26)} ${'start'.padStart(6)} ${phases.map((p) => `peak ${p}`.padStart(Math.max(11, p.length + 6))).join(' ')} ${'after'.padStart(6)} ${'peak'.padStart(6)}  heap after (peak in a phase)`,
      );
      for (const target of targets) {
        const stats = await probeCall(target.child, 'start').then(() =>
          probeCall(target.child, 'stop'),
        );
        const mine = peaks.get(target.name)!;
        const mb = (bytes: number) => String(round(bytes / 1048576, 1));
        const heapPeak = Math.max(...[...mine.values()].map((p) => p.heapTotalBytes));
        // getrusage's maxRSS follows the reset high-water mark: the peak is the highest phase's.
        const rssPeakKb = Math.max(stats.maxRssKb, ...[...mine.values()].map((p) => p.rssKb));
        say(
          `  ${target.name.padEnd(26)} ${mb(idle.get(target.name)!).padStart(6)} ${phases
            .map((p) =>
              (mine.has(p) ? mb(mine.get(p)!.rssKb * 1024) : '-').padStart(
                Math.max(11, p.length + 6),
              ),
            )
            .join(
              ' ',
            )} ${mb(stats.rssBytes).padStart(6)} ${mb(rssPeakKb * 1024).padStart(6)}  ${mb(stats.heapTotalBytes)} (${mb(heapPeak)})`,
        );
      }
      say(
        '  start: RSS once ready and idle; peak <phase>: the kernel high-water mark (VmHWM) from the end of the previous phase;',
      );
      say(
        '  peak: the highest of them; heap: V8 heap total (after the runs; highest sampled every 20 ms in any phase)',
      );
    }
    if (opts.out) {
      mkdirSync(resolve(opts.out, '..'), { recursive: true });
      writeFileSync(opts.out, `${lines.join('\n')}\n`);
    }
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (!process.env.BENCH_KEEP_DB) await database.drop();
  }
}

/**
 * The Node flags a build's `npm run start:api` gives the API (the Dockerfile
 * gives the same), so that each build is measured as it runs in production.
 */
function apiNodeFlags(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const words = (pkg.scripts?.['start:api'] ?? '').split(/\s+/);
  const flags = words.slice(words.indexOf('node') + 1);
  return flags.slice(
    0,
    flags.findIndex((w) => !w.startsWith('--')),
  );
}

/** A TCP port nothing listens on now (the kernel's pick). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Both schemas, before any server starts: the API's migrations and the job
 * queue's (graphile-worker's). Left to the servers, the first API started
 * installed the job queue's schema at boot, and that process then spent
 * 2.5x the GC time per feed request of the second for its whole life (major
 * GCs under load where the other ran only scavenges; same build, same
 * directory): it was the start-order bias of earlier results.
 */
async function migrate(url: string): Promise<void> {
  const dataSource = await new DataSource(
    dataSourceOptions({ url, poolSize: 1, applicationName: 'feed-bench-migrate' }),
  ).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await runJobQueueMigrations({ pgPool: pool });
  } finally {
    await pool.end();
  }
}

/** pg_stat_statements in the bench database (false when the server has not loaded it), and the peer's computed column. */
async function preparePeerSchema(url: string): Promise<boolean> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    // PostGraphile follows foreign keys; dependencies are task keys, so the
    // peer gets them as a computed column (a SQL function), bench database only.
    await db.query(`CREATE FUNCTION marketplace_tasks_dependencies(t marketplace_tasks)
      RETURNS SETOF marketplace_tasks LANGUAGE sql STABLE AS $$
        SELECT d.* FROM marketplace_tasks d
         WHERE d.project_id = t.project_id AND d.task_key = ANY(t.depends_on)
         ORDER BY d.created_at, d.id $$`);
    try {
      await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await db.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
      return true;
    } catch {
      return false;
    }
  } finally {
    await db.end();
  }
}

async function ready(target: Pick<Target, 'url' | 'feed' | 'name'>, token: string): Promise<void> {
  const until = Date.now() + 120_000;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: target.feed }),
      });
      const body = (await res.json()) as { errors?: unknown };
      if (res.ok && !body.errors) return;
      last = JSON.stringify(body).slice(0, 500);
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${target.name} did not answer the feed: ${last}`);
}

interface ProbeStats {
  heapTotalBytes: number;
  externalBytes: number;
  allocatedBytes: number;
  gcCount: number;
  /** Main-thread GC pause time between 'start' and 'stop' (GCProfiler). */
  gcMs: number;
  rssBytes: number;
  maxRssKb: number;
}

interface Peak {
  rssKb: number;
  heapTotalBytes: number;
  heapUsedBytes: number;
}

/** Peak RSS and heap of a server since the previous call (or its start); starts a new phase. */
async function peakSince(child: ChildProcess): Promise<Peak> {
  const m = (await probeMessage(child, { probe: 'peak' }, 'peaked')) as {
    peakRssKb: number;
    peakHeapTotalBytes: number;
    peakHeapUsedBytes: number;
  };
  return {
    rssKb: m.peakRssKb,
    heapTotalBytes: m.peakHeapTotalBytes,
    heapUsedBytes: m.peakHeapUsedBytes,
  };
}

function probeMessage(child: ChildProcess, message: object, reply: string): Promise<unknown> {
  return new Promise((resolveCall) => {
    const onMessage = (m: unknown) => {
      if ((m as { probe?: string })?.probe === reply) {
        child.off('message', onMessage);
        resolveCall(m);
      }
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

function probeCall(child: ChildProcess, what: 'start' | 'stop'): Promise<ProbeStats> {
  return new Promise((resolveCall) => {
    const onMessage = (message: unknown) => {
      const m = message as { probe?: string } & ProbeStats;
      if (m?.probe === (what === 'start' ? 'started' : 'stopped')) {
        child.off('message', onMessage);
        resolveCall(m);
      }
    };
    child.on('message', onMessage);
    child.send({ probe: what });
  });
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return 0;
  }
}

interface Database {
  name: string;
  url: string;
}

/** CPU ms of every backend serving the bench database now, by pid. */
async function backendCpu(db: Client, name: string): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [name],
  );
  return new Map(rows.map((r) => [r.pid, cpuMsOf(r.pid)]));
}

async function statementCalls(db: Client, ok: boolean): Promise<number> {
  if (!ok) return Number.NaN;
  const { rows } = await db.query<{ n: string | null }>(
    `SELECT sum(calls) AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat%'
        AND s.query NOT ILIKE '%pg_backend_pid%' AND s.query NOT ILIKE '%_private_jobs%'
        AND s.query NOT ILIKE '%graphile_worker%'`,
  );
  return Number(rows[0].n ?? 0);
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  nodeCpuMs: number;
  pgCpuMs: number;
  allocKb: number;
  gcMs: number;
  statements: number;
  errors: number;
}

async function measure(
  target: Target,
  query: string,
  token: string,
  seconds: number,
  database: Database,
  statsOk: boolean,
): Promise<Measured> {
  const body = JSON.stringify({ query });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  await autocannon({
    url: target.url,
    method: 'POST',
    headers,
    body,
    connections: CONNECTIONS,
    duration: 2,
  });
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    const cpu0 = cpuMsOf(target.child.pid!);
    const pg0 = await backendCpu(db, database.name);
    const calls0 = await statementCalls(db, statsOk);
    await probeCall(target.child, 'start');
    let refused = 0;
    const result = await autocannon({
      url: target.url,
      method: 'POST',
      headers,
      body,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          onResponse: (_status, text) => {
            if (text.includes('"errors"')) refused++;
          },
        },
      ],
    });
    const probe = await probeCall(target.child, 'stop');
    const cpu1 = cpuMsOf(target.child.pid!);
    const pg1 = await backendCpu(db, database.name);
    const calls1 = await statementCalls(db, statsOk);
    const requests = result.requests.total;
    let pgMs = 0;
    for (const [pid, after] of pg1) pgMs += after - (pg0.get(pid) ?? 0);
    const errors = result.non2xx + result.errors + refused;
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      nodeCpuMs: (cpu1 - cpu0) / requests,
      pgCpuMs: pgMs / requests,
      allocKb: probe.allocatedBytes / 1024 / requests,
      gcMs: probe.gcMs / requests,
      statements: (calls1 - calls0) / requests,
      errors,
    };
  } finally {
    await db.end();
  }
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mean(rows: Measured[], key: keyof Measured): number {
  return rows.reduce((s, r) => s + r[key], 0) / rows.length;
}

function printTable(rows: Map<string, Measured[]>): void {
  say(
    `  ${'target'.padEnd(26)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'node ms/req'.padStart(12)} ${'pg ms/req'.padStart(10)} ${'KB alloc/req'.padStart(13)} ${'GC ms/req'.padStart(10)} ${'stmts/req'.padStart(10)} errors`,
  );
  for (const [name, runs] of rows) {
    for (const [i, m] of runs.entries()) {
      say(
        `  ${`${name} #${i + 1}`.padEnd(26)} ${String(round(m.rps, 0)).padStart(8)} ${String(m.p50).padStart(7)} ${String(m.p99).padStart(7)} ${String(round(m.nodeCpuMs, 2)).padStart(12)} ${String(round(m.pgCpuMs, 2)).padStart(10)} ${String(round(m.allocKb, 0)).padStart(13)} ${String(round(m.gcMs, 3)).padStart(10)} ${String(round(m.statements, 2)).padStart(10)} ${m.errors}`,
      );
    }
  }
}

async function statementsPer(
  target: Target,
  query: string,
  token: string,
  database: Database,
  statsOk: boolean,
): Promise<string> {
  if (!statsOk) return 'n/a (pg_stat_statements missing)';
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    const before = await statementCalls(db, statsOk);
    for (let i = 0; i < 20; i++) {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const answer = (await res.json()) as { errors?: unknown };
      if (answer.errors) return `refused: ${JSON.stringify(answer.errors).slice(0, 300)}`;
    }
    const after = await statementCalls(db, statsOk);
    return String(round((after - before) / 20, 2));
  } finally {
    await db.end();
  }
}

/** Statement calls in the bench database by statement, job enqueues included (nothing polls the queue here). */
async function statementsByQuery(db: Client, ok: boolean): Promise<Map<string, StatementCalls>> {
  if (!ok) return new Map();
  const { rows } = await db.query<{ queryid: string; query: string; calls: string }>(
    `SELECT s.queryid::text AS queryid, s.query, s.calls::text AS calls
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat%'
        AND s.query NOT ILIKE '%pg_backend_pid%'`,
  );
  return new Map(rows.map((r) => [r.queryid, { query: r.query, calls: Number(r.calls) }]));
}

interface StatementCalls {
  query: string;
  calls: number;
}

interface ClaimRun {
  target: string;
  kind: 'contended' | 'uncontended';
  requests: number;
  won: number;
  lost: number;
  seconds: number;
  p50: number;
  p99: number;
  nodeCpuMs: number;
  pgCpuMs: number;
  statements: number;
  /** Of `statements`, graphile-worker's add_job calls. */
  jobStatements: number;
  byQuery: StatementCalls[];
  claimed: number;
  tasks: number;
  doubles: number;
}

/**
 * One claim run: `requests` claims, 10 connections. Contended: request i is
 * freelancer i's claim of task floor(i / 2) (two freelancers race for each
 * task). Uncontended: request i claims task i for freelancer floor(i / 5)
 * (every task claimed once; each freelancer reaches MAX_ACTIVE_CLAIMS, 5, and
 * no more). Won claims/s, latency, CPU of the server and of its backends and
 * statements per request; then, in SQL, that no task has two claimants.
 */
async function claimRun(
  target: Target,
  database: Database,
  kind: ClaimRun['kind'],
  freelancerIds: string[],
  requests: number,
  token: (id: string) => string,
  statsOk: boolean,
  analyzeFirst: boolean,
  profile?: string,
): Promise<ClaimRun> {
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    // autocannon builds one request per connection ahead: a few spare bodies, never sent twice.
    const bodyCount = requests + 2 * CONNECTIONS;
    const taskCount = kind === 'contended' ? Math.ceil(bodyCount / 2) : bodyCount;
    const need = kind === 'contended' ? bodyCount : Math.ceil(bodyCount / 5);
    if (freelancerIds.length < need) throw new Error(`${kind} claims need ${need} freelancers`);
    if (analyzeFirst) {
      // What autovacuum does between runs on a server that has it: fresh
      // statistics for the tables claims write. Without them, the plan that
      // graphile-worker's add_jobs cached while its table was nearly empty
      // (a sequential scan, then a hash join on the job key) stays in use
      // while the table grows by two jobs per claim.
      await db.query('ANALYZE graphile_worker._private_jobs, marketplace_tasks');
    }
    const tasks = (
      await db.query<{ id: string }>(
        `SELECT id FROM marketplace_tasks WHERE status = 'OPEN' ORDER BY random() LIMIT $1`,
        [taskCount],
      )
    ).rows.map((r) => r.id);
    const tokens = new Map<string, string>();
    const bodies = Array.from({ length: bodyCount }, (_, i) => {
      const freelancerId = freelancerIds[kind === 'contended' ? i : Math.floor(i / 5)];
      const taskId = tasks[kind === 'contended' ? i >> 1 : i];
      let bearer = tokens.get(freelancerId);
      if (!bearer) tokens.set(freelancerId, (bearer = token(freelancerId)));
      return {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query: CLAIM, variables: { input: { taskId } } }),
      };
    });
    let next = 0;
    let won = 0;
    let lost = 0;
    const calls0 = await statementsByQuery(db, statsOk);
    const pg0 = await backendCpu(db, database.name);
    const cpu0 = cpuMsOf(target.child.pid!);
    if (profile) await probeMessage(target.child, { probe: 'profile-start' }, 'profile-started');
    // Timed here, to the last answer: autocannon ends a run of a fixed
    // amount of requests on its next whole-second tick.
    const started = performance.now();
    let lastAnswer = started;
    const result = await autocannon({
      url: target.url,
      method: 'POST',
      connections: CONNECTIONS,
      amount: requests,
      requests: [
        {
          setupRequest: (req) => {
            const b = bodies[next++ % bodies.length];
            return { ...req, headers: b.headers, body: b.body };
          },
          onResponse: (_status, body) => {
            lastAnswer = performance.now();
            if (body.includes('"errors"')) lost++;
            else won++;
          },
        },
      ],
    });
    const seconds = (lastAnswer - started) / 1000;
    if (profile) {
      await probeMessage(target.child, { probe: 'profile-stop', file: profile }, 'profile-stopped');
    }
    const cpu1 = cpuMsOf(target.child.pid!);
    const pg1 = await backendCpu(db, database.name);
    const calls1 = await statementsByQuery(db, statsOk);
    let pgMs = 0;
    for (const [pid, after] of pg1) pgMs += after - (pg0.get(pid) ?? 0);
    const byQuery: StatementCalls[] = [];
    for (const [id, after] of calls1) {
      const calls = after.calls - (calls0.get(id)?.calls ?? 0);
      if (calls > 0) byQuery.push({ query: after.query, calls });
    }
    byQuery.sort((a, b) => b.calls - a.calls);
    const total = result.requests.total;
    const statements = byQuery.reduce((sum, q) => sum + q.calls, 0);
    const jobStatements = byQuery
      .filter((q) => /graphile_worker\.add_job/.test(q.query))
      .reduce((sum, q) => sum + q.calls, 0);
    const { rows } = await db.query<{ claimed: string; double: string }>(
      `SELECT count(*) FILTER (WHERE status = 'CLAIMED') AS claimed,
              count(*) FILTER (WHERE status = 'CLAIMED' AND (state->>'assigneeId') IS DISTINCT FROM assignee_id::text) AS double
         FROM marketplace_tasks WHERE id = ANY($1::uuid[])`,
      [tasks],
    );
    return {
      target: target.name,
      kind,
      requests: total,
      won,
      lost,
      seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      nodeCpuMs: (cpu1 - cpu0) / total,
      pgCpuMs: pgMs / total,
      statements: statements / total,
      jobStatements: jobStatements / total,
      byQuery,
      claimed: Number(rows[0].claimed),
      tasks: kind === 'contended' ? Math.ceil(total / 2) : total,
      // More wins than CLAIMED rows, or a row whose two assignee copies disagree.
      doubles: won - Number(rows[0].claimed) + Number(rows[0].double),
    };
  } finally {
    await db.end();
  }
}

async function autovacuumAt(url: string): Promise<boolean> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ autovacuum: string }>('SHOW autovacuum');
    return rows[0].autovacuum === 'on';
  } finally {
    await db.end();
  }
}

/** One of `freelancerIds` who won a contended claim (one claim each per round). */
async function holderAmong(url: string, freelancerIds: string[]): Promise<string> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(
      `SELECT assignee_id AS id FROM marketplace_tasks
        WHERE status = 'CLAIMED' AND assignee_id = ANY($1::uuid[]) LIMIT 1`,
      [freelancerIds],
    );
    return rows[0].id;
  } finally {
    await db.end();
  }
}

function printClaimRuns(runs: ClaimRun[]): void {
  say(
    `  ${'target'.padEnd(30)} ${'req/s'.padStart(6)} ${'won/s'.padStart(6)} ${'won'.padStart(5)} ${'refused'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'node ms/req'.padStart(12)} ${'pg ms/req'.padStart(10)} ${'stmts/req'.padStart(10)} ${'(jobs)'.padStart(7)} double claims`,
  );
  for (const r of runs) {
    say(
      `  ${`${r.target} ${r.kind}`.padEnd(30)} ${String(round(r.requests / r.seconds, 0)).padStart(6)} ${String(round(r.won / r.seconds, 0)).padStart(6)} ${String(r.won).padStart(5)} ${String(r.lost).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(round(r.nodeCpuMs, 2)).padStart(12)} ${String(round(r.pgCpuMs, 2)).padStart(10)} ${String(round(r.statements, 2)).padStart(10)} ${String(round(r.jobStatements, 2)).padStart(7)} ${r.doubles}`,
    );
  }
}

/** Statements per request of a run, by statement (the uncontended run: each one a won claim). */
function printStatements(run: ClaimRun): void {
  say(`  ${run.target} ${run.kind}: statements per request, by statement`);
  for (const q of run.byQuery) {
    const per = q.calls / run.requests;
    if (per < 0.01) continue;
    const text = q.query.replace(/\s+/g, ' ').slice(0, 110);
    say(`    ${String(round(per, 2)).padStart(5)}  ${text}`);
  }
}

/**
 * EXPLAIN ANALYZE of the statement the feed sends (TaskFeedRepository, the
 * full selection) for each sort, page 100, second page: which index serves
 * the page, the owner and the dependency look-ups.
 */
async function plans(url: string, freelancerId: string): Promise<void> {
  const dataSource = await new DataSource(
    dataSourceOptions({ url, poolSize: 1, applicationName: 'feed-bench-plans' }),
  ).initialize();
  const feed = new TaskFeedRepository(dataSource);
  const selection: FeedSelection = {
    columns: new Set(['title', 'priceCents', 'currency']),
    project: true,
    owner: true,
    dependencies: true,
  };
  const sorts: FeedSort[] = [
    { column: 'created_at', direction: 'ASC', sqlType: 'timestamptz' },
    { column: 'created_at', direction: 'DESC', sqlType: 'timestamptz' },
    { column: 'price_cents', direction: 'DESC', sqlType: 'bigint' },
    { column: 'price_cents', direction: 'ASC', sqlType: 'bigint' },
    { column: 'likely_hours', direction: 'ASC', sqlType: 'numeric' },
  ];
  say('');
  say('Feed statement plans (page 100 after a first page of 100, full selection; EXPLAIN ANALYZE)');
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  try {
    for (const sort of sorts) {
      const viewer = { freelancerId };
      const filter = { skills: [], allSkills: false };
      const first = await feed.openPage(viewer, filter, { sort, limit: 100 }, selection);
      const last = first[first.length - 1];
      let captured: { text: string; values: unknown[] } | undefined;
      proto.query = function (this: unknown, ...args: unknown[]) {
        const q = args[0] as { name?: string; text?: string; values?: unknown[] };
        if (q && typeof q === 'object' && q.name?.startsWith('sw_') && !captured) {
          captured = { text: q.text!, values: q.values ?? [] };
        }
        return original.apply(this, args);
      };
      const after = { sortValue: last.sortValue, id: last.id };
      await feed.openPage(viewer, filter, { sort, limit: 100, after }, selection);
      proto.query = original;
      const rows = await dataSource.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN (ANALYZE, COSTS OFF) ${captured!.text}`,
        captured!.values,
      );
      const plan = rows.map((r) => r['QUERY PLAN']);
      const scans = plan
        .filter((l) => /Scan/.test(l))
        .map((l) =>
          l
            .trim()
            .replace(/^->\s*/, '')
            .replace(/\s*\(actual.*$/, ''),
        );
      const total = plan.find((l) => /Execution Time/.test(l))?.trim();
      say(`  ${sort.column} ${sort.direction}: ${[...new Set(scans)].join('; ')}  [${total}]`);
    }
  } finally {
    proto.query = original;
    await dataSource.destroy();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * Top self-time functions of a .cpuprofile, and self time by package, each
 * as a share of the busy samples and, given the requests served while it
 * recorded, in microseconds of the main thread per request.
 */
function summarizeProfile(file: string, requests?: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
  };
  const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const idle = profile.nodes
    .filter((n) => n.callFrame.functionName === '(idle)')
    .reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const busy = total - idle;
  // Samples are evenly spaced over the recording: each stands for this many microseconds.
  const usPerHit = (profile.endTime - profile.startTime) / total;
  const perRequest = (hits: number) =>
    requests ? `${String(round((hits * usPerHit) / requests, 1)).padStart(6)} us/req  ` : '';
  const bySelf = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const n of profile.nodes) {
    if (n.callFrame.functionName === '(idle)') continue;
    const hits = n.hitCount ?? 0;
    const url = n.callFrame.url;
    const pkg = packageOf(url) || n.callFrame.functionName;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
    const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${file}${file ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    bySelf.set(key, (bySelf.get(key) ?? 0) + hits);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${String(round((100 * v) / busy, 1)).padStart(5)}%  ${perRequest(v)}${k}`);
  return [
    `busy ${round((100 * busy) / total, 1)}% of the samples${requests ? ` (${perRequest(busy).trim()} of the main thread)` : ''}; top functions by self time (% of busy):`,
    ...top(bySelf, 15),
    'self time by package:',
    ...top(byPackage, 12),
  ];
}

function packageOf(url: string): string {
  if (url.includes('node_modules/')) {
    const parts = url.split('node_modules/').pop()!.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.includes('/dist/')) {
    return `splitwork ${url.split('/dist/')[1].split('/').slice(0, 3).join('/')}`;
  }
  return url.startsWith('node:') ? 'node core' : url;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
