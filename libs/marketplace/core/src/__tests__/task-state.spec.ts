import { DomainError, ErrorCode } from '@splitwork/kernel';
import {
  canTransitionTask,
  initialTaskState,
  isActiveClaimOf,
  pendingTaskTimer,
  TASK_EVENT_KINDS,
  TASK_STATUSES,
  TASK_TRANSITIONS,
  TaskEvent,
  TaskEventKind,
  TaskRejection,
  TaskState,
  TaskStatus,
  taskAssignee,
  taskHolder,
  transitionTask,
} from '../task-state';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (hours: number): Date => new Date(T0 + hours * 3_600_000);

const ANA = 'freelancer-ana';
const BEN = 'freelancer-ben';

const rejection: TaskRejection = { freelancerId: ANA, revision: 2, rejectedAt: at(0) };

const blocked: TaskState = { status: 'BLOCKED' };
const open: TaskState = { status: 'OPEN', lastRejection: rejection };
const offered: TaskState = {
  status: 'OFFERED',
  offeredTo: ANA,
  offeredAt: at(0),
  offerExpiresAt: at(1),
  lastRejection: rejection,
};
const claimed: TaskState = {
  status: 'CLAIMED',
  assigneeId: ANA,
  claimedAt: at(0),
  claimDeadline: at(24),
  revision: 2,
};
const submitted: TaskState = {
  status: 'SUBMITTED',
  assigneeId: ANA,
  claimedAt: at(0),
  revision: 2,
  submittedAt: at(2),
  autoApproveAt: at(74),
};
const approved: TaskState = {
  status: 'APPROVED',
  assigneeId: ANA,
  revision: 2,
  approvedAt: at(3),
  approvedBy: 'REVIEWER',
};

/** States of each status, as a task would hold them; PAUSED once for each pausable state. */
const STATES_OF: Record<TaskStatus, TaskState[]> = {
  BLOCKED: [blocked],
  OPEN: [open],
  OFFERED: [offered],
  CLAIMED: [claimed],
  SUBMITTED: [submitted],
  APPROVED: [approved],
  PAID: [
    {
      status: 'PAID',
      assigneeId: ANA,
      revision: 2,
      approvedAt: at(3),
      approvedBy: 'AUTO',
      paidAt: at(4),
    },
  ],
  PAUSED: [blocked, open, offered, claimed].map((pausedFrom): TaskState => ({
    status: 'PAUSED',
    pausedAt: at(0.5),
    pausedFrom,
  })),
  CANCELLED: [{ status: 'CANCELLED', cancelledAt: at(1), cancelledFrom: 'OPEN' }],
};

/** An event of each kind that every guard accepts for the states above. */
const EVENTS_OF: Record<TaskEventKind, TaskEvent> = {
  RELEASE: { kind: 'RELEASE' },
  BLOCK: { kind: 'BLOCK' },
  OFFER: { kind: 'OFFER', freelancerId: BEN, at: at(1), expiresAt: at(5) },
  DECLINE_OFFER: { kind: 'DECLINE_OFFER', freelancerId: ANA },
  OFFER_EXPIRED: { kind: 'OFFER_EXPIRED', at: at(1) },
  CLAIM: { kind: 'CLAIM', freelancerId: ANA, at: at(0.75), deadline: at(30) },
  RELEASE_CLAIM: { kind: 'RELEASE_CLAIM', freelancerId: ANA },
  CLAIM_EXPIRED: { kind: 'CLAIM_EXPIRED', at: at(24) },
  SUBMIT: { kind: 'SUBMIT', freelancerId: ANA, at: at(6), autoApproveAt: at(78) },
  REQUEST_CHANGES: { kind: 'REQUEST_CHANGES', at: at(5), deadline: at(29) },
  APPROVE: { kind: 'APPROVE', at: at(5) },
  AUTO_APPROVE: { kind: 'AUTO_APPROVE', at: at(74) },
  REJECT: { kind: 'REJECT', at: at(5) },
  APPEAL_OVERTURNED: { kind: 'APPEAL_OVERTURNED', freelancerId: ANA, revision: 2, at: at(9) },
  PAY: { kind: 'PAY', at: at(6) },
  PAUSE: { kind: 'PAUSE', at: at(0.5) },
  RESUME: { kind: 'RESUME', at: at(2.5) },
  CANCEL: { kind: 'CANCEL', at: at(7) },
};

/** The table written out as triples, so a change to it shows here. */
const ALLOWED: readonly (readonly [TaskStatus, TaskEventKind, TaskStatus])[] = [
  ['BLOCKED', 'RELEASE', 'OPEN'],
  ['BLOCKED', 'PAUSE', 'PAUSED'],
  ['BLOCKED', 'CANCEL', 'CANCELLED'],
  ['OPEN', 'BLOCK', 'BLOCKED'],
  ['OPEN', 'OFFER', 'OFFERED'],
  ['OPEN', 'CLAIM', 'CLAIMED'],
  ['OPEN', 'APPEAL_OVERTURNED', 'APPROVED'],
  ['OPEN', 'PAUSE', 'PAUSED'],
  ['OPEN', 'CANCEL', 'CANCELLED'],
  ['OFFERED', 'BLOCK', 'BLOCKED'],
  ['OFFERED', 'DECLINE_OFFER', 'OPEN'],
  ['OFFERED', 'OFFER_EXPIRED', 'OPEN'],
  ['OFFERED', 'CLAIM', 'CLAIMED'],
  ['OFFERED', 'APPEAL_OVERTURNED', 'APPROVED'],
  ['OFFERED', 'PAUSE', 'PAUSED'],
  ['OFFERED', 'CANCEL', 'CANCELLED'],
  ['CLAIMED', 'RELEASE_CLAIM', 'OPEN'],
  ['CLAIMED', 'CLAIM_EXPIRED', 'OPEN'],
  ['CLAIMED', 'SUBMIT', 'SUBMITTED'],
  ['CLAIMED', 'PAUSE', 'PAUSED'],
  ['CLAIMED', 'CANCEL', 'CANCELLED'],
  ['SUBMITTED', 'REQUEST_CHANGES', 'CLAIMED'],
  ['SUBMITTED', 'APPROVE', 'APPROVED'],
  ['SUBMITTED', 'AUTO_APPROVE', 'APPROVED'],
  ['SUBMITTED', 'REJECT', 'OPEN'],
  ['APPROVED', 'PAY', 'PAID'],
  ['PAUSED', 'RELEASE', 'PAUSED'],
  ['PAUSED', 'DECLINE_OFFER', 'PAUSED'],
  ['PAUSED', 'RELEASE_CLAIM', 'PAUSED'],
  ['PAUSED', 'RESUME', 'BLOCKED'],
  ['PAUSED', 'RESUME', 'OPEN'],
  ['PAUSED', 'RESUME', 'OFFERED'],
  ['PAUSED', 'RESUME', 'CLAIMED'],
  ['PAUSED', 'CANCEL', 'CANCELLED'],
];

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('transitionTask', () => {
  describe.each(TASK_STATUSES.flatMap((s) => TASK_EVENT_KINDS.map((e) => [s, e] as const)))(
    'from %s on %s',
    (status, kind) => {
      const allowed = ALLOWED.filter(([from, on]) => from === status && on === kind).map(
        ([, , to]) => to,
      );

      if (allowed.length === 0) {
        it('refuses with INVALID_TRANSITION', () => {
          expect(canTransitionTask(status, kind)).toBe(false);
          for (const state of STATES_OF[status]) {
            const error = thrownBy(() => transitionTask(state, EVENTS_OF[kind]));
            expect(error).toBeInstanceOf(DomainError);
            expect(error).toMatchObject({
              code: ErrorCode.INVALID_TRANSITION,
              details: { from: status, action: kind },
            });
          }
        });
      } else {
        it(`moves to ${allowed.join(' or ')}`, () => {
          expect(canTransitionTask(status, kind)).toBe(true);
          expect(TASK_TRANSITIONS[status][kind]).toEqual(allowed);
          const reached = new Set<TaskStatus>();
          for (const state of STATES_OF[status]) {
            try {
              reached.add(transitionTask(state, EVENTS_OF[kind]).status);
            } catch (error) {
              // Only the pause's pass-through guard may refuse an event of the table here.
              expect(status).toBe('PAUSED');
              expect(error).toMatchObject({
                code: ErrorCode.INVALID_TRANSITION,
                details: { guard: 'NOT_APPLICABLE_WHILE_PAUSED' },
              });
            }
          }
          expect([...reached].sort()).toEqual([...allowed].sort());
        });
      }
    },
  );

  it('starts BLOCKED', () => {
    expect(initialTaskState()).toEqual({ status: 'BLOCKED' });
  });

  it('walks claim, submit, changes requested, resubmit, approve, pay', () => {
    let state = transitionTask(initialTaskState(), { kind: 'RELEASE' });
    state = transitionTask(state, {
      kind: 'CLAIM',
      freelancerId: ANA,
      at: at(0),
      deadline: at(24),
    });
    expect(state).toEqual({
      status: 'CLAIMED',
      assigneeId: ANA,
      claimedAt: at(0),
      claimDeadline: at(24),
      revision: 1,
    });
    state = transitionTask(state, {
      kind: 'SUBMIT',
      freelancerId: ANA,
      at: at(5),
      autoApproveAt: at(77),
    });
    state = transitionTask(state, { kind: 'REQUEST_CHANGES', at: at(6), deadline: at(30) });
    expect(state).toEqual({
      status: 'CLAIMED',
      assigneeId: ANA,
      claimedAt: at(0),
      claimDeadline: at(30),
      revision: 2,
    });
    state = transitionTask(state, {
      kind: 'SUBMIT',
      freelancerId: ANA,
      at: at(8),
      autoApproveAt: at(80),
    });
    expect(state).toMatchObject({ status: 'SUBMITTED', revision: 2, submittedAt: at(8) });
    state = transitionTask(state, { kind: 'APPROVE', at: at(9) });
    state = transitionTask(state, { kind: 'PAY', at: at(10) });
    expect(state).toEqual({
      status: 'PAID',
      assigneeId: ANA,
      revision: 2,
      approvedAt: at(9),
      approvedBy: 'REVIEWER',
      paidAt: at(10),
    });
  });

  it('reopens a rejected task and approves it for the appellant when the appeal is overturned', () => {
    const reopened = transitionTask(submitted, { kind: 'REJECT', at: at(5) });
    expect(reopened).toEqual({
      status: 'OPEN',
      lastRejection: { freelancerId: ANA, revision: 2, rejectedAt: at(5) },
    });
    expect(
      transitionTask(reopened, {
        kind: 'APPEAL_OVERTURNED',
        freelancerId: ANA,
        revision: 2,
        at: at(30),
      }),
    ).toEqual({
      status: 'APPROVED',
      assigneeId: ANA,
      revision: 2,
      approvedAt: at(30),
      approvedBy: 'APPEAL',
    });
  });

  it('refuses an overturned appeal once another freelancer has claimed the reopened task', () => {
    const reopened = transitionTask(submitted, { kind: 'REJECT', at: at(5) });
    const claimedByBen = transitionTask(reopened, {
      kind: 'CLAIM',
      freelancerId: BEN,
      at: at(6),
      deadline: at(30),
    });
    const releasedByBen = transitionTask(claimedByBen, {
      kind: 'RELEASE_CLAIM',
      freelancerId: BEN,
    });
    const overturn: TaskEvent = {
      kind: 'APPEAL_OVERTURNED',
      freelancerId: ANA,
      revision: 2,
      at: at(9),
    };
    expect(thrownBy(() => transitionTask(claimedByBen, overturn))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION,
    });
    expect(thrownBy(() => transitionTask(releasedByBen, overturn))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION,
      details: { guard: 'NO_MATCHING_REJECTION' },
    });
  });

  it('refuses an overturned appeal for another submission than the rejected one', () => {
    for (const [freelancerId, revision] of [
      [BEN, 2],
      [ANA, 1],
    ] as const) {
      expect(
        thrownBy(() =>
          transitionTask(open, { kind: 'APPEAL_OVERTURNED', freelancerId, revision, at: at(9) }),
        ),
      ).toMatchObject({ details: { guard: 'NO_MATCHING_REJECTION' } });
    }
  });

  it('lets only the invitee accept an offer; anyone else gets CONFLICT', () => {
    const claim = (freelancerId: string): TaskState =>
      transitionTask(offered, { kind: 'CLAIM', freelancerId, at: at(0.5), deadline: at(24) });
    expect(claim(ANA)).toMatchObject({ status: 'CLAIMED', assigneeId: ANA, revision: 1 });
    const error = thrownBy(() => claim(BEN));
    expect(error).toMatchObject({ code: ErrorCode.CONFLICT });
    expect(JSON.stringify((error as DomainError).details)).not.toContain(ANA);
  });

  it('refuses a second claim on a claimed task', () => {
    expect(
      thrownBy(() =>
        transitionTask(claimed, { kind: 'CLAIM', freelancerId: BEN, at: at(1), deadline: at(25) }),
      ),
    ).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION,
      message: 'Cannot CLAIM from state CLAIMED',
    });
  });

  it('lets only the assignee submit or release, and only the invitee decline', () => {
    const cases: [TaskState, TaskEvent][] = [
      [claimed, { kind: 'SUBMIT', freelancerId: BEN, at: at(1), autoApproveAt: at(73) }],
      [claimed, { kind: 'RELEASE_CLAIM', freelancerId: BEN }],
      [offered, { kind: 'DECLINE_OFFER', freelancerId: BEN }],
    ];
    for (const [state, event] of cases) {
      expect(thrownBy(() => transitionTask(state, event))).toMatchObject({
        code: ErrorCode.FORBIDDEN,
        details: { action: event.kind },
      });
    }
  });

  it('refuses a submission at or after the claim deadline', () => {
    expect(
      thrownBy(() =>
        transitionTask(claimed, {
          kind: 'SUBMIT',
          freelancerId: ANA,
          at: at(24),
          autoApproveAt: at(96),
        }),
      ),
    ).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION,
      details: { guard: 'CLAIM_DEADLINE_PASSED', deadline: at(24).toISOString() },
    });
  });

  it('refuses timer events before they are due, so a stale job cannot end a newer claim', () => {
    const early: [TaskState, TaskEvent][] = [
      [offered, { kind: 'OFFER_EXPIRED', at: at(0.99) }],
      [claimed, { kind: 'CLAIM_EXPIRED', at: at(23.99) }],
      [submitted, { kind: 'AUTO_APPROVE', at: at(73.99) }],
    ];
    for (const [state, event] of early) {
      expect(thrownBy(() => transitionTask(state, event))).toMatchObject({
        code: ErrorCode.INVALID_TRANSITION,
        details: { guard: 'NOT_DUE' },
      });
    }
    expect(transitionTask(claimed, { kind: 'CLAIM_EXPIRED', at: at(24) })).toEqual({
      status: 'OPEN',
      lastRejection: null,
    });
    expect(transitionTask(submitted, { kind: 'AUTO_APPROVE', at: at(74) })).toMatchObject({
      status: 'APPROVED',
      approvedBy: 'AUTO',
    });
  });

  it('keeps the last rejection through an offer that is declined or expires', () => {
    const reoffered = transitionTask(open, {
      kind: 'OFFER',
      freelancerId: BEN,
      at: at(1),
      expiresAt: at(3),
    });
    expect(reoffered).toMatchObject({
      status: 'OFFERED',
      offeredTo: BEN,
      lastRejection: rejection,
    });
    expect(transitionTask(reoffered, { kind: 'DECLINE_OFFER', freelancerId: BEN })).toEqual({
      status: 'OPEN',
      lastRejection: rejection,
    });
    expect(transitionTask(reoffered, { kind: 'OFFER_EXPIRED', at: at(3) })).toEqual({
      status: 'OPEN',
      lastRejection: rejection,
    });
  });

  it('freezes a paused claim and moves its deadline on by the length of the pause', () => {
    const paused = transitionTask(claimed, { kind: 'PAUSE', at: at(10) });
    expect(
      thrownBy(() => transitionTask(paused, { kind: 'CLAIM_EXPIRED', at: at(30) })),
    ).toMatchObject({ code: ErrorCode.INVALID_TRANSITION });
    expect(
      thrownBy(() =>
        transitionTask(paused, {
          kind: 'SUBMIT',
          freelancerId: ANA,
          at: at(11),
          autoApproveAt: at(83),
        }),
      ),
    ).toMatchObject({ code: ErrorCode.INVALID_TRANSITION });
    expect(transitionTask(paused, { kind: 'RESUME', at: at(16) })).toEqual({
      ...claimed,
      claimDeadline: at(30),
    });
  });

  it('moves an offer expiry on by the length of the pause', () => {
    const paused = transitionTask(offered, { kind: 'PAUSE', at: at(0.5) });
    expect(transitionTask(paused, { kind: 'RESUME', at: at(2.5) })).toMatchObject({
      status: 'OFFERED',
      offerExpiresAt: at(3),
    });
  });

  it('releases a paused blocked task inside the pause, so it resumes OPEN', () => {
    const paused = transitionTask(blocked, { kind: 'PAUSE', at: at(1) });
    const released = transitionTask(paused, { kind: 'RELEASE' });
    expect(released).toEqual({
      status: 'PAUSED',
      pausedAt: at(1),
      pausedFrom: { status: 'OPEN', lastRejection: null },
    });
    expect(transitionTask(released, { kind: 'RESUME', at: at(2) })).toEqual({
      status: 'OPEN',
      lastRejection: null,
    });
  });

  it('lets the assignee give up a paused claim, and the task stays paused', () => {
    const paused = transitionTask(claimed, { kind: 'PAUSE', at: at(1) });
    expect(transitionTask(paused, { kind: 'RELEASE_CLAIM', freelancerId: ANA })).toEqual({
      status: 'PAUSED',
      pausedAt: at(1),
      pausedFrom: { status: 'OPEN', lastRejection: null },
    });
    expect(
      thrownBy(() => transitionTask(paused, { kind: 'RELEASE_CLAIM', freelancerId: BEN })),
    ).toMatchObject({ code: ErrorCode.FORBIDDEN });
  });

  it('records the state under the pause when a paused task is cancelled', () => {
    const paused = transitionTask(claimed, { kind: 'PAUSE', at: at(1) });
    expect(transitionTask(paused, { kind: 'CANCEL', at: at(2) })).toEqual({
      status: 'CANCELLED',
      cancelledAt: at(2),
      cancelledFrom: 'CLAIMED',
    });
  });

  it('refuses malformed event data with BAD_USER_INPUT', () => {
    const bad: [TaskState, TaskEvent][] = [
      [open, { kind: 'CLAIM', freelancerId: ANA, at: at(5), deadline: at(5) }],
      [open, { kind: 'CLAIM', freelancerId: ' ', at: at(5), deadline: at(6) }],
      [open, { kind: 'OFFER', freelancerId: ANA, at: at(5), expiresAt: at(4) }],
      [open, { kind: 'CLAIM', freelancerId: ANA, at: new Date(Number.NaN), deadline: at(6) }],
      [claimed, { kind: 'SUBMIT', freelancerId: ANA, at: at(5), autoApproveAt: at(5) }],
      [submitted, { kind: 'REQUEST_CHANGES', at: at(5), deadline: at(1) }],
      [STATES_OF.PAUSED[0], { kind: 'RESUME', at: at(0) }],
    ];
    for (const [state, event] of bad) {
      expect(thrownBy(() => transitionTask(state, event))).toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
      });
    }
  });
});

describe('task holder, assignee and timers', () => {
  it('names the one freelancer who holds the task, through a pause', () => {
    expect(taskHolder(offered)).toBe(ANA);
    expect(taskAssignee(offered)).toBeNull();
    expect(taskHolder(claimed)).toBe(ANA);
    expect(taskAssignee(STATES_OF.PAUSED[3])).toBe(ANA);
    expect(taskHolder(open)).toBeNull();
    expect(taskAssignee(approved)).toBe(ANA);
  });

  it('counts only claims, paused or not, as active claims', () => {
    expect(isActiveClaimOf(claimed, ANA)).toBe(true);
    expect(isActiveClaimOf(STATES_OF.PAUSED[3], ANA)).toBe(true);
    expect(isActiveClaimOf(claimed, BEN)).toBe(false);
    expect(isActiveClaimOf(submitted, ANA)).toBe(false);
    expect(isActiveClaimOf(offered, ANA)).toBe(false);
  });

  it('tells which delayed job to schedule after a transition', () => {
    expect(pendingTaskTimer(offered)).toEqual({ kind: 'OFFER_EXPIRED', dueAt: at(1) });
    expect(pendingTaskTimer(claimed)).toEqual({ kind: 'CLAIM_EXPIRED', dueAt: at(24) });
    expect(pendingTaskTimer(submitted)).toEqual({ kind: 'AUTO_APPROVE', dueAt: at(74) });
    expect(pendingTaskTimer(STATES_OF.PAUSED[3])).toBeNull();
    expect(pendingTaskTimer(open)).toBeNull();
  });
});
