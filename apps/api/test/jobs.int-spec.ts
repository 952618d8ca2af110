import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@splitwork/config';
import {
  createJobRunner,
  defineJob,
  JobContext,
  JobLeaseLostError,
  JobLeaseOptions,
  JobQueue,
  JobRegistry,
  JobRunner,
  jobRunnerSettings,
  reclaimWithinMs,
} from '@splitwork/jobs';
import { ApiHarness, startApi } from './api-harness';

interface Marker {
  marker: string;
}

const RECORD = defineJob<Marker>('test.record');
const FLAKY = defineJob<Marker>('test.flaky', { maxAttempts: 3 });
/** Waits for its gate (when the test set one) before it records its run. */
const GATED = defineJob<Marker>('test.gated');
/** Writes a probe row in a transaction fenced to its execution. */
const FENCED = defineJob<Marker>('test.fenced');

/** Short windows, so a lease can expire within a test. */
const LEASE: JobLeaseOptions = { leaseMs: 2_000, heartbeatMs: 400 };

interface Gate {
  started: Deferred;
  release: Deferred;
}

describe('job queue (runner of this run: embedded or graphile-worker)', () => {
  let api: ApiHarness;
  let dataSource: DataSource;
  let queue: JobQueue;
  let runner: JobRunner;
  const ran: string[] = [];
  const flakyAttempts = new Map<string, number>();

  const gated: string[] = [];
  const gates = new Map<string, Gate>();
  let runnerKind: 'embedded' | 'graphile';

  beforeAll(async () => {
    api = await startApi({
      JOBS_LEASE_MS: String(LEASE.leaseMs),
      JOBS_HEARTBEAT_MS: String(LEASE.heartbeatMs),
    });
    dataSource = api.app.get(DataSource);
    queue = api.app.get(JobQueue);
    runner = api.app.get(JobRunner);
    runnerKind = api.app.get(AppConfig).jobRunner;
    await dataSource.query(
      `CREATE TABLE IF NOT EXISTS test_job_fence_probe (marker text NOT NULL, writer text NOT NULL)`,
    );
    const registry = api.app.get(JobRegistry);
    registry.register(GATED, async ({ marker }) => {
      const gate = gates.get(marker);
      if (gate) {
        gate.started.resolve();
        await gate.release.promise;
      }
      gated.push(marker);
    });
    registry.register(FENCED, ({ marker }, job) => writeProbe(job, marker, 'current'));
    registry.register(RECORD, async ({ marker }) => {
      ran.push(marker);
    });
    registry.register(FLAKY, async ({ marker }, { attempt }) => {
      flakyAttempts.set(marker, attempt);
      if (attempt < 2) throw new Error('first attempt fails');
      ran.push(marker);
    });
  });
  afterAll(async () => {
    await dataSource?.query(`DROP TABLE IF EXISTS test_job_fence_probe`);
    await api?.close();
  });

  /** A second runner on the same database, as another worker process would be. */
  function secondRunner(registry: JobRegistry, lease: JobLeaseOptions = LEASE): JobRunner {
    const settings = { ...jobRunnerSettings(api.app.get(AppConfig)), concurrency: 1, lease };
    return createJobRunner(settings, dataSource, registry, api.clock);
  }

  function writeProbe(job: JobContext, marker: string, writer: string): Promise<void> {
    return dataSource.transaction(async (manager: EntityManager) => {
      await job.assertStillOwner(manager);
      await manager.query(`INSERT INTO test_job_fence_probe (marker, writer) VALUES ($1, $2)`, [
        marker,
        writer,
      ]);
    });
  }

  async function probeWriters(marker: string): Promise<string[]> {
    const rows: { writer: string }[] = await dataSource.query(
      `SELECT writer FROM test_job_fence_probe WHERE marker = $1 ORDER BY writer`,
      [marker],
    );
    return rows.map((r) => r.writer);
  }

  /**
   * A runner takes a FENCED job, then stops beating while its handler lives
   * on (a crashed or stalled process: nothing renews its lease). The test's
   * runner polls until it has run the job; then the stalled handler wakes and
   * tries its own fenced write.
   */
  async function abandonAndRetake(marker: string) {
    const started = deferred();
    const wake = deferred();
    let staleOutcome: unknown = 'not attempted';
    const stalledRegistry = new JobRegistry();
    stalledRegistry.register(FENCED, async ({ marker: m }, job) => {
      started.resolve();
      await wake.promise;
      staleOutcome = await writeProbe(job, m, 'stale').then(
        () => 'written',
        (error: unknown) => error,
      );
      if (staleOutcome !== 'written') throw staleOutcome;
    });
    // Its heartbeat never comes: the lease it took at the claim is all it has.
    const stalled = secondRunner(stalledRegistry, { ...LEASE, heartbeatMs: 3_600_000 });
    await dataSource.transaction((m) => queue.enqueue(m, FENCED, { marker }));
    const stalledDrain = stalled.drain();
    await started.promise;
    const takenAt = Date.now();
    while ((await probeWriters(marker)).length === 0 && Date.now() - takenAt < 20_000) {
      await runner.drain();
      await sleep(100);
    }
    const retakenAfterMs = Date.now() - takenAt;
    wake.resolve();
    await stalledDrain;
    return { retakenAfterMs, staleOutcome };
  }

  const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;

  it('runs a job enqueued in a committed transaction, once', async () => {
    const marker = unique('committed');
    await dataSource.transaction((m) => queue.enqueue(m, RECORD, { marker }));
    await runner.drain();
    await runner.drain();
    expect(ran.filter((m) => m === marker)).toHaveLength(1);
  });

  it('never runs a job enqueued in a rolled-back transaction', async () => {
    const marker = unique('rolled-back');
    await expect(
      dataSource.transaction(async (m) => {
        await queue.enqueue(m, RECORD, { marker });
        throw new Error('the state change fails');
      }),
    ).rejects.toThrow('the state change fails');
    await runner.drain();
    expect(ran).not.toContain(marker);
  });

  it('does not run a delayed job before its time', async () => {
    const marker = unique('delayed');
    const runAt = new Date(api.clock.now().getTime() + 3_600_000);
    await dataSource.transaction((m) => queue.enqueue(m, RECORD, { marker }, { runAt }));
    await runner.drain();
    expect(ran).not.toContain(marker);
  });

  it('runs a delayed job once its time comes', async () => {
    const marker = unique('due-later');
    // The embedded runner reads the application clock, graphile-worker the database's.
    const runAt = new Date(Math.max(api.clock.now().getTime(), Date.now()) + 1_500);
    await dataSource.transaction((m) => queue.enqueue(m, RECORD, { marker }, { runAt }));
    await runner.drain();
    expect(ran).not.toContain(marker);
    api.clock.set(runAt);
    await sleep(Math.max(0, runAt.getTime() - Date.now()) + 50);
    const deadline = Date.now() + 5_000;
    while (!ran.includes(marker) && Date.now() < deadline) {
      await runner.drain();
      await sleep(100);
    }
    expect(ran.filter((m) => m === marker)).toHaveLength(1);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const marker = unique('flaky');
    await dataSource.transaction((m) => queue.enqueue(m, FLAKY, { marker }));
    await runner.drain();
    expect(flakyAttempts.get(marker)).toBe(1);
    expect(ran).not.toContain(marker);
    // The retry is due after the backoff, not at once.
    api.clock.advance(60_000);
    await makeRetriesDue(dataSource);
    await runner.drain();
    expect(flakyAttempts.get(marker)).toBe(2);
    expect(ran).toContain(marker);
  });

  it('runs each job once when several runners drain the queue together', async () => {
    const markers = Array.from({ length: 30 }, (_, i) => unique(`parallel-${i}`));
    await dataSource.transaction(async (m) => {
      for (const marker of markers) await queue.enqueue(m, RECORD, { marker });
    });
    await Promise.all([runner.drain(), runner.drain(), runner.drain()]);
    for (const marker of markers) expect(ran.filter((m) => m === marker)).toHaveLength(1);
  });

  it('never lets a second runner take a job that runs longer than its lease while its runner heartbeats', async () => {
    const marker = unique('long');
    const gate = { started: deferred(), release: deferred() };
    gates.set(marker, gate);
    await dataSource.transaction((m) => queue.enqueue(m, GATED, { marker }));
    const first = runner.drain();
    await gate.started.promise;
    const otherRegistry = new JobRegistry();
    otherRegistry.register(GATED, async ({ marker: m }) => {
      gated.push(`second-runner:${m}`);
    });
    const other = secondRunner(otherRegistry);
    // Three leases long, the second runner keeps asking for due jobs.
    const until = Date.now() + 3 * LEASE.leaseMs;
    while (Date.now() < until) {
      await other.drain();
      await sleep(200);
    }
    gate.release.resolve();
    await first;
    await runner.drain();
    expect(gated.filter((m) => m.endsWith(marker))).toEqual([marker]);
  });

  it('takes again the job of a runner that stopped heartbeating once its lease expires', async () => {
    const marker = unique('abandoned');
    const { retakenAfterMs } = await abandonAndRetake(marker);
    expect(await probeWriters(marker)).toContain('current');
    // Not while the lease holds; within the reclaim window once it has expired.
    expect(retakenAfterMs).toBeGreaterThanOrEqual(LEASE.leaseMs - 500);
    expect(retakenAfterMs).toBeLessThan(reclaimWithinMs(runnerKind, LEASE) + 1_500);
  });

  it('refuses the writes of an execution that lost its lease and keeps those of the one that took the job', async () => {
    const marker = unique('fenced');
    const { staleOutcome } = await abandonAndRetake(marker);
    expect(staleOutcome).toBeInstanceOf(JobLeaseLostError);
    expect(await probeWriters(marker)).toEqual(['current']);
  });

  it('runs a job key again after its running job when it is enqueued while that job runs', async () => {
    const jobKey = unique('key');
    const first = unique('key-first');
    const second = unique('key-second');
    const gate = { started: deferred(), release: deferred() };
    gates.set(first, gate);
    await dataSource.transaction((m) => queue.enqueue(m, GATED, { marker: first }, { jobKey }));
    const running = runner.drain();
    await gate.started.promise;
    await dataSource.transaction((m) => queue.enqueue(m, GATED, { marker: second }, { jobKey }));
    gate.release.resolve();
    await running;
    await runner.drain();
    expect(gated.filter((m) => m === first || m === second)).toEqual([first, second]);
  });
});

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** graphile-worker compares run_at with the database clock: move the retry to now. */
async function makeRetriesDue(dataSource: DataSource): Promise<void> {
  const graphile = await dataSource.query(
    `SELECT to_regclass('graphile_worker._private_jobs') AS t`,
  );
  if (graphile[0].t) {
    await dataSource.query(
      `UPDATE graphile_worker._private_jobs SET run_at = now() WHERE task_id IN
        (SELECT id FROM graphile_worker._private_tasks WHERE identifier LIKE 'test.%')`,
    );
  }
}
