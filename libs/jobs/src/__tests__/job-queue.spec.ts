import type { EntityManager, QueryRunner } from 'typeorm';
import { defineJob, JobQueue, JobSpec, latestPerKey } from '../job';

const REMIND = defineJob<{ taskId: string }>('test.remind', { maxAttempts: 3 });
const EXPIRE = defineJob<{ taskId: string }>('test.expire');

class RecordingQueue extends JobQueue {
  readonly writes: JobSpec[][] = [];
  protected async write(_manager: EntityManager, jobs: readonly JobSpec[]): Promise<void> {
    this.writes.push([...jobs]);
  }
}

function transaction() {
  const runner = { data: {}, isReleased: false, isTransactionActive: true } as QueryRunner;
  const manager = { queryRunner: runner } as EntityManager;
  (runner as { manager: EntityManager }).manager = manager;
  return { runner, manager };
}

type Hook = (event: { queryRunner: QueryRunner }) => unknown;

function hooksOf(queue: JobQueue) {
  const hooks = queue.transactionHooks() as Record<string, Hook>;
  return (name: string, runner: QueryRunner) => hooks[name]({ queryRunner: runner });
}

describe('JobQueue in a transaction', () => {
  it('writes the jobs of a transaction together, just before it commits', async () => {
    const queue = new RecordingQueue();
    const hook = hooksOf(queue);
    const { runner, manager } = transaction();
    hook('afterTransactionStart', runner);
    await queue.enqueue(manager, REMIND, { taskId: 't1' }, { jobKey: 'remind:t1' });
    await queue.enqueue(manager, EXPIRE, { taskId: 't1' }, { jobKey: 'expire:t1' });
    expect(queue.writes).toEqual([]);
    await hook('beforeTransactionCommit', runner);
    hook('afterTransactionCommit', runner);
    expect(queue.writes).toHaveLength(1);
    expect(queue.writes[0].map((j) => [j.name, j.jobKey, j.maxAttempts])).toEqual([
      ['test.remind', 'remind:t1', 3],
      ['test.expire', 'expire:t1', 10],
    ]);
    expect(runner.data).toEqual({});
  });

  it('drops the jobs of a rolled-back savepoint and keeps the ones before it', async () => {
    const queue = new RecordingQueue();
    const hook = hooksOf(queue);
    const { runner, manager } = transaction();
    hook('afterTransactionStart', runner);
    await queue.enqueue(manager, REMIND, { taskId: 'kept' });
    hook('afterTransactionStart', runner); // SAVEPOINT
    await queue.enqueue(manager, EXPIRE, { taskId: 'dropped' });
    hook('afterTransactionRollback', runner); // ROLLBACK TO SAVEPOINT
    hook('afterTransactionStart', runner); // SAVEPOINT
    await queue.enqueue(manager, EXPIRE, { taskId: 'released' });
    await hook('beforeTransactionCommit', runner); // RELEASE SAVEPOINT: nothing written yet
    hook('afterTransactionCommit', runner);
    expect(queue.writes).toEqual([]);
    await hook('beforeTransactionCommit', runner);
    hook('afterTransactionCommit', runner);
    expect(queue.writes.map((w) => w.map((j) => (j.payload as { taskId: string }).taskId))).toEqual(
      [['kept', 'released']],
    );
  });

  it('writes nothing for a rolled-back transaction', async () => {
    const queue = new RecordingQueue();
    const hook = hooksOf(queue);
    const { runner, manager } = transaction();
    hook('afterTransactionStart', runner);
    await queue.enqueue(manager, REMIND, { taskId: 't1' });
    hook('afterTransactionRollback', runner);
    expect(queue.writes).toEqual([]);
    expect(runner.data).toEqual({});
  });

  it('writes at once outside a transaction', async () => {
    const queue = new RecordingQueue();
    await queue.enqueue({ queryRunner: undefined } as EntityManager, REMIND, { taskId: 't1' });
    expect(queue.writes).toHaveLength(1);
  });

  it('keeps only the latest job of a key enqueued twice, in order', () => {
    const spec = (name: string, jobKey: string | null): JobSpec => ({
      name,
      payload: {},
      maxAttempts: 1,
      runAt: null,
      jobKey,
    });
    expect(
      latestPerKey([spec('a', 'k'), spec('b', null), spec('c', 'k'), spec('d', 'j')]).map(
        (j) => j.name,
      ),
    ).toEqual(['b', 'c', 'd']);
  });
});
