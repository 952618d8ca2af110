import fc from 'fast-check';
import { ErrorCode } from '@splitwork/kernel';
import { planRelease, ReleaseTask, satisfiesDependency, tasksToRelease } from '../release';
import { TaskState, transitionTask } from '../task-state';

const at = new Date('2026-03-02T09:00:00Z');

const BLOCKED: TaskState = { status: 'BLOCKED' };
const OPEN: TaskState = { status: 'OPEN', lastRejection: null };
const APPROVED: TaskState = {
  status: 'APPROVED',
  assigneeId: 'ana',
  revision: 1,
  approvedAt: at,
  approvedBy: 'REVIEWER',
};
const PAID: TaskState = { ...APPROVED, status: 'PAID', paidAt: at };
const SUBMITTED: TaskState = {
  status: 'SUBMITTED',
  assigneeId: 'ana',
  claimedAt: at,
  revision: 1,
  submittedAt: at,
  autoApproveAt: at,
};
const CANCELLED: TaskState = { status: 'CANCELLED', cancelledAt: at, cancelledFrom: 'OPEN' };

const task = (key: string, dependsOn: string[], state: TaskState = BLOCKED): ReleaseTask => ({
  key,
  dependsOn,
  state,
});

describe('planRelease', () => {
  it('opens the tasks without dependencies when the project is funded', () => {
    const tasks = [task('model', []), task('api', ['model']), task('design', [])];
    expect(planRelease(tasks)).toEqual({
      release: ['model', 'design'],
      waiting: [{ key: 'api', pendingDependencies: ['model'], cancelledDependencies: [] }],
    });
  });

  it('opens a task once every dependency is approved or paid, not merely submitted', () => {
    const tasks = [
      task('model', [], APPROVED),
      task('auth', [], PAID),
      task('screens', [], SUBMITTED),
      task('api', ['model', 'auth']),
      task('web', ['api', 'screens']),
      task('qa', ['model', 'screens']),
    ];
    expect(tasksToRelease(tasks)).toEqual(['api']);
  });

  it('considers only the dependents of a task just approved when asked', () => {
    const tasks = [
      task('model', [], APPROVED),
      task('auth', [], APPROVED),
      task('api', ['model']),
      task('login', ['auth']),
    ];
    expect(tasksToRelease(tasks, { dependentsOf: 'auth' })).toEqual(['login']);
  });

  it('leaves tasks that are not blocked alone', () => {
    expect(tasksToRelease([task('a', [], OPEN), task('b', [], CANCELLED)])).toEqual([]);
  });

  it('releases a paused blocked task, which RELEASE opens inside the pause', () => {
    const paused: TaskState = { status: 'PAUSED', pausedAt: at, pausedFrom: BLOCKED };
    const tasks = [task('a', [], APPROVED), task('b', ['a'], paused)];
    expect(tasksToRelease(tasks)).toEqual(['b']);
    expect(transitionTask(paused, { kind: 'RELEASE' })).toMatchObject({
      status: 'PAUSED',
      pausedFrom: { status: 'OPEN' },
    });
  });

  it('reports dependencies that were cancelled and will never be approved', () => {
    const tasks = [task('a', [], CANCELLED), task('b', [], OPEN), task('c', ['a', 'b'])];
    expect(planRelease(tasks).waiting).toEqual([
      { key: 'c', pendingDependencies: ['a', 'b'], cancelledDependencies: ['a'] },
    ]);
  });

  it('never opens a task that depends on itself or sits on a cycle', () => {
    const tasks = [task('self', ['self']), task('x', ['y']), task('y', ['x'])];
    expect(tasksToRelease(tasks)).toEqual([]);
  });

  it('refuses a duplicate key or a dependency missing from the list', () => {
    expect(() => planRelease([task('a', []), task('a', [])])).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
    expect(() => planRelease([task('a', ['ghost'])])).toThrow(
      expect.objectContaining({
        code: ErrorCode.BAD_USER_INPUT,
        details: { key: 'a', dependency: 'ghost' },
      }),
    );
  });
});

describe('release properties', () => {
  const STATES: TaskState[] = [BLOCKED, OPEN, SUBMITTED, APPROVED, PAID, CANCELLED];

  /** Random graphs (cycles included) over keys t0…tn with random states. */
  const graphs = fc
    .integer({ min: 1, max: 12 })
    .chain((n) =>
      fc.array(
        fc.record({
          deps: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }),
          state: fc.constantFrom(...STATES),
        }),
        { minLength: n, maxLength: n },
      ),
    )
    .map((rows) =>
      rows.map((row, i) =>
        task(
          `t${i}`,
          row.deps.map((d) => `t${d}`),
          row.state,
        ),
      ),
    );

  it('never opens a task with an unapproved dependency, and opens every blocked task whose dependencies are all approved', () => {
    fc.assert(
      fc.property(graphs, (tasks) => {
        const byKey = new Map(tasks.map((t) => [t.key, t]));
        const released = new Set(tasksToRelease(tasks));
        for (const t of tasks) {
          const ready =
            t.state.status === 'BLOCKED' &&
            t.dependsOn.every((d) => satisfiesDependency(byKey.get(d)?.state ?? BLOCKED));
          expect(released.has(t.key)).toBe(ready);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('opens an acyclic plan in dependency order as tasks are approved one by one', () => {
    const dags = fc
      .integer({ min: 1, max: 15 })
      .chain((n) =>
        fc.array(fc.uniqueArray(fc.nat(), { maxLength: 3 }), { minLength: n, maxLength: n }),
      )
      .map((rows) =>
        rows.map((deps, i) =>
          task(`t${i}`, i === 0 ? [] : [...new Set(deps.map((d) => `t${d % i}`))]),
        ),
      );
    fc.assert(
      fc.property(dags, fc.nat(), (initial, seed) => {
        let tasks = initial;
        const setState = (key: string, state: TaskState): void => {
          tasks = tasks.map((t) => (t.key === key ? { ...t, state } : t));
        };
        let approvals = 0;
        for (let round = 0; round <= initial.length; round += 1) {
          for (const key of tasksToRelease(tasks)) setState(key, OPEN);
          const open = tasks.filter((t) => t.state.status === 'OPEN');
          if (open.length === 0) break;
          for (const t of open) {
            const deps = t.dependsOn.map((d) => tasks.find((x) => x.key === d)?.state.status);
            expect(deps.every((s) => s === 'APPROVED')).toBe(true);
          }
          setState(open[(seed + round) % open.length].key, APPROVED);
          approvals += 1;
        }
        expect(approvals).toBe(initial.length);
      }),
      { numRuns: 200 },
    );
  });
});
