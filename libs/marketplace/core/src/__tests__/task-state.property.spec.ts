import fc from 'fast-check';
import { DomainError, ErrorCode } from '@splitwork/kernel';
import {
  initialTaskState,
  TASK_EVENT_KINDS,
  TASK_TRANSITIONS,
  TaskEvent,
  TaskEventKind,
  TaskState,
  taskAssignee,
  taskHolder,
  transitionTask,
} from '../task-state';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3_600_000;
const FREELANCERS = ['ana', 'ben', 'cy'] as const;

/**
 * One step of a random history: time moves on, then something happens. The
 * events that move a task forward come more often, so histories reach PAID.
 */
interface Step {
  readonly advanceHours: number;
  readonly kind: TaskEventKind;
  readonly who: number;
  readonly hours: number;
  readonly revision: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  advanceHours: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 48 }) },
  ),
  kind: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom<TaskEventKind>(
        'RELEASE',
        'CLAIM',
        'SUBMIT',
        'REQUEST_CHANGES',
        'APPROVE',
        'REJECT',
        'APPEAL_OVERTURNED',
        'PAY',
        'RESUME',
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(...TASK_EVENT_KINDS) },
  ),
  who: fc.integer({ min: 0, max: FREELANCERS.length - 1 }),
  hours: fc.integer({ min: 1, max: 96 }),
  revision: fc.integer({ min: 1, max: 2 }),
});

function eventOf(s: Step, now: number): TaskEvent {
  const at = new Date(now);
  const later = new Date(now + s.hours * HOUR);
  const freelancerId = FREELANCERS[s.who];
  switch (s.kind) {
    case 'RELEASE':
    case 'BLOCK':
      return { kind: s.kind };
    case 'OFFER':
      return { kind: s.kind, freelancerId, at, expiresAt: later };
    case 'DECLINE_OFFER':
    case 'RELEASE_CLAIM':
      return { kind: s.kind, freelancerId };
    case 'CLAIM':
      return { kind: s.kind, freelancerId, at, deadline: later };
    case 'SUBMIT':
      return { kind: s.kind, freelancerId, at, autoApproveAt: later };
    case 'REQUEST_CHANGES':
      return { kind: s.kind, at, deadline: later };
    case 'APPEAL_OVERTURNED':
      return { kind: s.kind, freelancerId, revision: s.revision, at };
    case 'OFFER_EXPIRED':
    case 'CLAIM_EXPIRED':
    case 'APPROVE':
    case 'AUTO_APPROVE':
    case 'REJECT':
    case 'PAY':
    case 'PAUSE':
    case 'RESUME':
    case 'CANCEL':
      return { kind: s.kind, at };
  }
}

const REFUSAL_CODES: readonly ErrorCode[] = [
  ErrorCode.INVALID_TRANSITION,
  ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT,
  ErrorCode.BAD_USER_INPUT,
];

/** Plays a history; calls `check` on every transition that was accepted. */
function play(
  steps: readonly Step[],
  check: (before: TaskState, event: TaskEvent, after: TaskState, history: TaskState[]) => void,
): void {
  let now = T0;
  let state = initialTaskState();
  const history: TaskState[] = [state];
  for (const s of steps) {
    now += s.advanceHours * HOUR;
    const event = eventOf(s, now);
    let next: TaskState;
    try {
      next = transitionTask(state, event);
    } catch (error) {
      // A plain check: expect() on every refused event would dominate the run time.
      if (!(error instanceof DomainError) || !REFUSAL_CODES.includes(error.code)) throw error;
      continue;
    }
    check(state, event, next, history);
    history.push(next);
    state = next;
  }
}

/** Histories of up to 60 steps (`size: 'max'`, or fast-check keeps them short). */
const histories = fc.array(step, { minLength: 1, maxLength: 60, size: 'max' });

describe('task state machine properties', () => {
  it('only takes transitions that the table lists', () => {
    fc.assert(
      fc.property(histories, (steps) =>
        play(steps, (before, event, after) => {
          expect(TASK_TRANSITIONS[before.status][event.kind]).toContain(after.status);
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('never hands a task from one freelancer to another without it being free in between', () => {
    fc.assert(
      fc.property(histories, (steps) =>
        play(steps, (before, event, after) => {
          const from = taskHolder(before);
          const to = taskHolder(after);
          // An offer is not work held: overturning the last rejection on appeal withdraws it
          // (OFFERED → APPROVED for the appellant, task-state.ts header).
          const offerWithdrawnOnAppeal =
            before.status === 'OFFERED' && event.kind === 'APPEAL_OVERTURNED';
          if (from !== null && to !== null && !offerWithdrawnOnAppeal) expect(to).toBe(from);
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('never pays a task that was not APPROVED just before, for the same assignee', () => {
    fc.assert(
      fc.property(histories, (steps) =>
        play(steps, (before, _event, after) => {
          if (after.status !== 'PAID') return;
          expect(before.status).toBe('APPROVED');
          expect(taskAssignee(after)).toBe(taskAssignee(before));
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('approves only a freelancer who submitted that revision', () => {
    fc.assert(
      fc.property(histories, (steps) =>
        play(steps, (_before, _event, after, history) => {
          if (after.status !== 'APPROVED') return;
          const submittedIt = history.some(
            (s) =>
              s.status === 'SUBMITTED' &&
              s.assigneeId === after.assigneeId &&
              s.revision === after.revision,
          );
          expect(submittedIt).toBe(true);
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('numbers revisions 1, 2, 3… within one claim', () => {
    fc.assert(
      fc.property(histories, (steps) =>
        play(steps, (before, event, after) => {
          if (after.status !== 'CLAIMED') return;
          if (event.kind === 'CLAIM') expect(after.revision).toBe(1);
          if (event.kind === 'REQUEST_CHANGES' && before.status === 'SUBMITTED') {
            expect(after.revision).toBe(before.revision + 1);
          }
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('lets exactly one of many claims on an open task win, whatever their order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 8 }).filter((id) => id.trim() !== ''),
          { minLength: 2, maxLength: 120 },
        ),
        (claimants) => {
          let state: TaskState = { status: 'OPEN', lastRejection: null };
          const winners: string[] = [];
          for (const freelancerId of claimants) {
            try {
              state = transitionTask(state, {
                kind: 'CLAIM',
                freelancerId,
                at: new Date(T0),
                deadline: new Date(T0 + 24 * HOUR),
              });
              winners.push(freelancerId);
            } catch (error) {
              expect(error).toMatchObject({ code: ErrorCode.INVALID_TRANSITION });
            }
          }
          expect(winners).toEqual([claimants[0]]);
          expect(taskAssignee(state)).toBe(claimants[0]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
