import { DataSource } from 'typeorm';
import { defineJob, JobQueue, JobRegistry, JobRunner } from '@splitwork/jobs';
import { ApiHarness, startApi } from './api-harness';

interface Marker {
  marker: string;
}

const RECORD = defineJob<Marker>('test.record');
const FLAKY = defineJob<Marker>('test.flaky', { maxAttempts: 3 });

describe('job queue (runner of this run: embedded or graphile-worker)', () => {
  let api: ApiHarness;
  let dataSource: DataSource;
  let queue: JobQueue;
  let runner: JobRunner;
  const ran: string[] = [];
  const flakyAttempts = new Map<string, number>();

  beforeAll(async () => {
    api = await startApi();
    dataSource = api.app.get(DataSource);
    queue = api.app.get(JobQueue);
    runner = api.app.get(JobRunner);
    const registry = api.app.get(JobRegistry);
    registry.register(RECORD, async ({ marker }) => {
      ran.push(marker);
    });
    registry.register(FLAKY, async ({ marker }, { attempt }) => {
      flakyAttempts.set(marker, attempt);
      if (attempt < 2) throw new Error('first attempt fails');
      ran.push(marker);
    });
  });
  afterAll(() => api?.close());

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
});

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
