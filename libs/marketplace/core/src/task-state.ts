import { DomainError, ErrorCode } from '@splitwork/kernel';
import { addMs, assertDate } from './time.util';

/**
 * The marketplace life of one task, in one place (DESIGN.md, "The flow").
 *
 * There is no REJECTED state. A rejection reopens the task at once, so the
 * owner's project does not wait on an appeal. The OPEN (or OFFERED) state
 * remembers the last rejection. An admin who overturns it on appeal while
 * nobody else has claimed the task approves the rejected submission
 * (APPEAL_OVERTURNED: OPEN/OFFERED → APPROVED, assignee = the appellant).
 * Once someone else claims the task, the rejection is forgotten and an
 * overturned appeal can no longer move the task. Paying the appellant anyway
 * is then an admin decision for the Money service.
 */
export const TASK_STATUSES = [
  'BLOCKED',
  'OPEN',
  'OFFERED',
  'CLAIMED',
  'SUBMITTED',
  'APPROVED',
  'PAID',
  'PAUSED',
  'CANCELLED',
] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The last rejected submission of a reopened task, which an appeal can still overturn. */
export interface TaskRejection {
  readonly freelancerId: string;
  readonly revision: number;
  readonly rejectedAt: Date;
}

export type ApprovalSource = 'REVIEWER' | 'AUTO' | 'APPEAL';

/** Waiting for dependencies (or for funding): nobody can claim it. */
export interface BlockedTaskState {
  readonly status: 'BLOCKED';
}

/** Anyone qualified can claim it. */
export interface OpenTaskState {
  readonly status: 'OPEN';
  readonly lastRejection: TaskRejection | null;
}

/** Offered to one freelancer until `offerExpiresAt`; only they can claim (accept) it. */
export interface OfferedTaskState {
  readonly status: 'OFFERED';
  readonly offeredTo: string;
  readonly offeredAt: Date;
  readonly offerExpiresAt: Date;
  readonly lastRejection: TaskRejection | null;
}

/**
 * Held by its assignee, who works on submission number `revision` (1 for the
 * first, n + 1 after changes were requested on n) until `claimDeadline`.
 */
export interface ClaimedTaskState {
  readonly status: 'CLAIMED';
  readonly assigneeId: string;
  readonly claimedAt: Date;
  readonly claimDeadline: Date;
  readonly revision: number;
}

/** Submission `revision` waits for review; approved by itself at `autoApproveAt`. */
export interface SubmittedTaskState {
  readonly status: 'SUBMITTED';
  readonly assigneeId: string;
  readonly claimedAt: Date;
  readonly revision: number;
  readonly submittedAt: Date;
  readonly autoApproveAt: Date;
}

export interface ApprovedTaskState {
  readonly status: 'APPROVED';
  readonly assigneeId: string;
  readonly revision: number;
  readonly approvedAt: Date;
  readonly approvedBy: ApprovalSource;
}

export interface PaidTaskState {
  readonly status: 'PAID';
  readonly assigneeId: string;
  readonly revision: number;
  readonly approvedAt: Date;
  readonly approvedBy: ApprovalSource;
  readonly paidAt: Date;
}

/** The states an owner may pause: nothing has been delivered yet. */
export type PausableTaskState =
  BlockedTaskState | OpenTaskState | OfferedTaskState | ClaimedTaskState;

export const PAUSABLE_STATUSES: readonly PausableTaskState['status'][] = [
  'BLOCKED',
  'OPEN',
  'OFFERED',
  'CLAIMED',
];

/**
 * Frozen by the owner. `pausedFrom` is restored on RESUME with its clocks
 * (offer expiry, claim deadline) moved on by the length of the pause.
 */
export interface PausedTaskState {
  readonly status: 'PAUSED';
  readonly pausedAt: Date;
  readonly pausedFrom: PausableTaskState;
}

export interface CancelledTaskState {
  readonly status: 'CANCELLED';
  readonly cancelledAt: Date;
  /** The state the task was in (under the pause, if it was paused). */
  readonly cancelledFrom: PausableTaskState['status'];
}

export type TaskState =
  | BlockedTaskState
  | OpenTaskState
  | OfferedTaskState
  | ClaimedTaskState
  | SubmittedTaskState
  | ApprovedTaskState
  | PaidTaskState
  | PausedTaskState
  | CancelledTaskState;

export const TASK_EVENT_KINDS = [
  'RELEASE',
  'BLOCK',
  'OFFER',
  'DECLINE_OFFER',
  'OFFER_EXPIRED',
  'CLAIM',
  'RELEASE_CLAIM',
  'CLAIM_EXPIRED',
  'SUBMIT',
  'REQUEST_CHANGES',
  'APPROVE',
  'AUTO_APPROVE',
  'REJECT',
  'APPEAL_OVERTURNED',
  'PAY',
  'PAUSE',
  'RESUME',
  'CANCEL',
] as const;

export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];

/**
 * What happens to a task. Who may cause each event (owner, reviewer, admin,
 * a job) is the service's check; the events that name a freelancer are also
 * checked here against the state.
 */
export type TaskEvent =
  /** Every dependency is approved (at funding, or after an approval). */
  | { readonly kind: 'RELEASE' }
  /** A dependency was added or reopened: the task waits again. */
  | { readonly kind: 'BLOCK' }
  /** The owner, the expert or auto-assignment invites one freelancer. */
  | {
      readonly kind: 'OFFER';
      readonly freelancerId: string;
      readonly at: Date;
      readonly expiresAt: Date;
    }
  | { readonly kind: 'DECLINE_OFFER'; readonly freelancerId: string }
  /** The invitation's delayed job; refused before `offerExpiresAt`. */
  | { readonly kind: 'OFFER_EXPIRED'; readonly at: Date }
  /** A claim of an OPEN task, or the acceptance of an offer by its invitee. */
  | {
      readonly kind: 'CLAIM';
      readonly freelancerId: string;
      readonly at: Date;
      /** From `claimDeadline` of the claim policy. */
      readonly deadline: Date;
    }
  | { readonly kind: 'RELEASE_CLAIM'; readonly freelancerId: string }
  /** The claim's delayed job; refused before `claimDeadline`. */
  | { readonly kind: 'CLAIM_EXPIRED'; readonly at: Date }
  /** Refused at or after the claim deadline: the claim is over then. */
  | {
      readonly kind: 'SUBMIT';
      readonly freelancerId: string;
      readonly at: Date;
      /** From `autoApprovalDueAt` of the review policy. */
      readonly autoApproveAt: Date;
    }
  /** Back to the assignee for revision n + 1, with a new deadline. */
  | { readonly kind: 'REQUEST_CHANGES'; readonly at: Date; readonly deadline: Date }
  | { readonly kind: 'APPROVE'; readonly at: Date }
  /** The review's delayed job; refused before `autoApproveAt`. */
  | { readonly kind: 'AUTO_APPROVE'; readonly at: Date }
  /** The task reopens; the rejection is kept for an appeal. */
  | { readonly kind: 'REJECT'; readonly at: Date }
  /** An admin overturned the rejection of this freelancer's submission `revision`. */
  | {
      readonly kind: 'APPEAL_OVERTURNED';
      readonly freelancerId: string;
      readonly revision: number;
      readonly at: Date;
    }
  | { readonly kind: 'PAY'; readonly at: Date }
  | { readonly kind: 'PAUSE'; readonly at: Date }
  | { readonly kind: 'RESUME'; readonly at: Date }
  | { readonly kind: 'CANCEL'; readonly at: Date };

/**
 * Every allowed transition: from a status, on an event, to one of these
 * statuses. Some are further guarded by the state's data (the right
 * freelancer, a timer that is due, a matching rejection); a guard that fails
 * throws like a missing entry, never a silent no-op.
 *
 * In PAUSED, RELEASE, DECLINE_OFFER and RELEASE_CLAIM act on the paused state
 * and keep the task paused; nothing else moves a paused task but RESUME and
 * CANCEL, and the timers of the paused state do not run.
 */
export const TASK_TRANSITIONS: Readonly<
  Record<TaskStatus, Readonly<Partial<Record<TaskEventKind, readonly TaskStatus[]>>>>
> = {
  BLOCKED: { RELEASE: ['OPEN'], PAUSE: ['PAUSED'], CANCEL: ['CANCELLED'] },
  OPEN: {
    BLOCK: ['BLOCKED'],
    OFFER: ['OFFERED'],
    CLAIM: ['CLAIMED'],
    APPEAL_OVERTURNED: ['APPROVED'],
    PAUSE: ['PAUSED'],
    CANCEL: ['CANCELLED'],
  },
  OFFERED: {
    BLOCK: ['BLOCKED'],
    DECLINE_OFFER: ['OPEN'],
    OFFER_EXPIRED: ['OPEN'],
    CLAIM: ['CLAIMED'],
    APPEAL_OVERTURNED: ['APPROVED'],
    PAUSE: ['PAUSED'],
    CANCEL: ['CANCELLED'],
  },
  CLAIMED: {
    RELEASE_CLAIM: ['OPEN'],
    CLAIM_EXPIRED: ['OPEN'],
    SUBMIT: ['SUBMITTED'],
    PAUSE: ['PAUSED'],
    CANCEL: ['CANCELLED'],
  },
  SUBMITTED: {
    REQUEST_CHANGES: ['CLAIMED'],
    APPROVE: ['APPROVED'],
    AUTO_APPROVE: ['APPROVED'],
    REJECT: ['OPEN'],
  },
  APPROVED: { PAY: ['PAID'] },
  PAID: {},
  PAUSED: {
    RELEASE: ['PAUSED'],
    DECLINE_OFFER: ['PAUSED'],
    RELEASE_CLAIM: ['PAUSED'],
    RESUME: ['BLOCKED', 'OPEN', 'OFFERED', 'CLAIMED'],
    CANCEL: ['CANCELLED'],
  },
  CANCELLED: {},
};

export function canTransitionTask(status: TaskStatus, event: TaskEventKind): boolean {
  return TASK_TRANSITIONS[status][event] !== undefined;
}

/** A task starts BLOCKED when its project is funded; `tasksToRelease` opens the ready ones. */
export function initialTaskState(): TaskState {
  return { status: 'BLOCKED' };
}

/** Why a transition in the table was refused by its guard. */
export type TaskTransitionGuard =
  'NOT_DUE' | 'CLAIM_DEADLINE_PASSED' | 'NO_MATCHING_REJECTION' | 'NOT_APPLICABLE_WHILE_PAUSED';

function refused(
  from: TaskStatus,
  action: TaskEventKind,
  guard: TaskTransitionGuard,
  reason: string,
  details: Record<string, unknown> = {},
): DomainError {
  return new DomainError(
    ErrorCode.INVALID_TRANSITION,
    `Cannot ${action} from state ${from}: ${reason}`,
    { from, action, guard, ...details },
  );
}

function notTheFreelancer(action: TaskEventKind, who: string): DomainError {
  return new DomainError(ErrorCode.FORBIDDEN, `Only ${who} can ${action} this task`, { action });
}

function assertFreelancerId(id: string): void {
  if (typeof id !== 'string' || id.trim() === '') {
    throw DomainError.badInput('freelancerId must not be empty', { field: 'freelancerId' });
  }
}

function assertAfter(later: Date, laterField: string, earlier: Date): void {
  assertDate(later, laterField);
  if (later.getTime() <= earlier.getTime()) {
    throw DomainError.badInput(`${laterField} must be after the time of the event`, {
      field: laterField,
    });
  }
}

function assertDue(from: TaskStatus, action: TaskEventKind, at: Date, dueAt: Date): void {
  assertDate(at, 'at');
  if (at.getTime() < dueAt.getTime()) {
    throw refused(from, action, 'NOT_DUE', `not due before ${dueAt.toISOString()}`, {
      dueAt: dueAt.toISOString(),
    });
  }
}

/** The paused state with its timers moved on by `ms`. */
function shifted(state: PausableTaskState, ms: number): PausableTaskState {
  switch (state.status) {
    case 'BLOCKED':
    case 'OPEN':
      return state;
    case 'OFFERED':
      return { ...state, offerExpiresAt: addMs(state.offerExpiresAt, ms) };
    case 'CLAIMED':
      return { ...state, claimDeadline: addMs(state.claimDeadline, ms) };
  }
}

function isPausable(state: TaskState): state is PausableTaskState {
  return (PAUSABLE_STATUSES as readonly TaskStatus[]).includes(state.status);
}

/** Events a paused task passes on to the state under the pause. */
const PASSED_THROUGH_PAUSE: readonly TaskEventKind[] = [
  'RELEASE',
  'DECLINE_OFFER',
  'RELEASE_CLAIM',
];

/**
 * The next state of a task, or a DomainError: INVALID_TRANSITION when the
 * event is not allowed in the state (or its guard fails), FORBIDDEN when the
 * event names a freelancer who does not hold the task, CONFLICT when someone
 * claims a task offered to another, BAD_USER_INPUT for malformed event data.
 */
export function transitionTask(state: TaskState, event: TaskEvent): TaskState {
  if (!canTransitionTask(state.status, event.kind)) {
    throw DomainError.invalidTransition(state.status, event.kind);
  }
  if (state.status === 'PAUSED' && PASSED_THROUGH_PAUSE.includes(event.kind)) {
    return transitionUnderPause(state, event);
  }
  return applyTransition(state, event);
}

function transitionUnderPause(state: PausedTaskState, event: TaskEvent): TaskState {
  if (!canTransitionTask(state.pausedFrom.status, event.kind)) {
    throw refused(
      'PAUSED',
      event.kind,
      'NOT_APPLICABLE_WHILE_PAUSED',
      `the task was paused while ${state.pausedFrom.status}`,
      { pausedFrom: state.pausedFrom.status },
    );
  }
  const inner = applyTransition(state.pausedFrom, event);
  if (!isPausable(inner)) {
    throw new Error(`${event.kind} under a pause led to ${inner.status}`);
  }
  return { status: 'PAUSED', pausedAt: state.pausedAt, pausedFrom: inner };
}

function applyTransition(state: TaskState, event: TaskEvent): TaskState {
  switch (event.kind) {
    case 'RELEASE':
      return { status: 'OPEN', lastRejection: null };

    case 'BLOCK':
      return { status: 'BLOCKED' };

    case 'OFFER': {
      if (state.status !== 'OPEN') throw DomainError.invalidTransition(state.status, event.kind);
      assertFreelancerId(event.freelancerId);
      assertDate(event.at, 'at');
      assertAfter(event.expiresAt, 'expiresAt', event.at);
      return {
        status: 'OFFERED',
        offeredTo: event.freelancerId,
        offeredAt: event.at,
        offerExpiresAt: event.expiresAt,
        lastRejection: state.lastRejection,
      };
    }

    case 'DECLINE_OFFER': {
      if (state.status !== 'OFFERED') throw DomainError.invalidTransition(state.status, event.kind);
      if (event.freelancerId !== state.offeredTo) {
        throw notTheFreelancer(event.kind, 'the invited freelancer');
      }
      return { status: 'OPEN', lastRejection: state.lastRejection };
    }

    case 'OFFER_EXPIRED': {
      if (state.status !== 'OFFERED') throw DomainError.invalidTransition(state.status, event.kind);
      assertDue(state.status, event.kind, event.at, state.offerExpiresAt);
      return { status: 'OPEN', lastRejection: state.lastRejection };
    }

    case 'CLAIM': {
      if (state.status !== 'OPEN' && state.status !== 'OFFERED') {
        throw DomainError.invalidTransition(state.status, event.kind);
      }
      assertFreelancerId(event.freelancerId);
      if (state.status === 'OFFERED' && event.freelancerId !== state.offeredTo) {
        throw DomainError.conflict('This task is offered to another freelancer', {
          from: state.status,
          action: event.kind,
        });
      }
      assertDate(event.at, 'at');
      assertAfter(event.deadline, 'deadline', event.at);
      return {
        status: 'CLAIMED',
        assigneeId: event.freelancerId,
        claimedAt: event.at,
        claimDeadline: event.deadline,
        revision: 1,
      };
    }

    case 'RELEASE_CLAIM': {
      if (state.status !== 'CLAIMED') throw DomainError.invalidTransition(state.status, event.kind);
      if (event.freelancerId !== state.assigneeId)
        throw notTheFreelancer(event.kind, 'the assignee');
      return { status: 'OPEN', lastRejection: null };
    }

    case 'CLAIM_EXPIRED': {
      if (state.status !== 'CLAIMED') throw DomainError.invalidTransition(state.status, event.kind);
      assertDue(state.status, event.kind, event.at, state.claimDeadline);
      return { status: 'OPEN', lastRejection: null };
    }

    case 'SUBMIT': {
      if (state.status !== 'CLAIMED') throw DomainError.invalidTransition(state.status, event.kind);
      if (event.freelancerId !== state.assigneeId)
        throw notTheFreelancer(event.kind, 'the assignee');
      assertDate(event.at, 'at');
      if (event.at.getTime() >= state.claimDeadline.getTime()) {
        throw refused(
          state.status,
          event.kind,
          'CLAIM_DEADLINE_PASSED',
          `the claim deadline passed at ${state.claimDeadline.toISOString()}`,
          { deadline: state.claimDeadline.toISOString() },
        );
      }
      assertAfter(event.autoApproveAt, 'autoApproveAt', event.at);
      return {
        status: 'SUBMITTED',
        assigneeId: state.assigneeId,
        claimedAt: state.claimedAt,
        revision: state.revision,
        submittedAt: event.at,
        autoApproveAt: event.autoApproveAt,
      };
    }

    case 'REQUEST_CHANGES': {
      if (state.status !== 'SUBMITTED')
        throw DomainError.invalidTransition(state.status, event.kind);
      assertDate(event.at, 'at');
      assertAfter(event.deadline, 'deadline', event.at);
      return {
        status: 'CLAIMED',
        assigneeId: state.assigneeId,
        claimedAt: state.claimedAt,
        claimDeadline: event.deadline,
        revision: state.revision + 1,
      };
    }

    case 'APPROVE':
    case 'AUTO_APPROVE': {
      if (state.status !== 'SUBMITTED')
        throw DomainError.invalidTransition(state.status, event.kind);
      assertDate(event.at, 'at');
      if (event.kind === 'AUTO_APPROVE') {
        assertDue(state.status, event.kind, event.at, state.autoApproveAt);
      }
      return {
        status: 'APPROVED',
        assigneeId: state.assigneeId,
        revision: state.revision,
        approvedAt: event.at,
        approvedBy: event.kind === 'APPROVE' ? 'REVIEWER' : 'AUTO',
      };
    }

    case 'REJECT': {
      if (state.status !== 'SUBMITTED')
        throw DomainError.invalidTransition(state.status, event.kind);
      assertDate(event.at, 'at');
      return {
        status: 'OPEN',
        lastRejection: {
          freelancerId: state.assigneeId,
          revision: state.revision,
          rejectedAt: event.at,
        },
      };
    }

    case 'APPEAL_OVERTURNED': {
      if (state.status !== 'OPEN' && state.status !== 'OFFERED') {
        throw DomainError.invalidTransition(state.status, event.kind);
      }
      const rejection = state.lastRejection;
      if (
        rejection === null ||
        rejection.freelancerId !== event.freelancerId ||
        rejection.revision !== event.revision
      ) {
        throw refused(
          state.status,
          event.kind,
          'NO_MATCHING_REJECTION',
          'this submission is not the last rejection of the task, or the task was claimed since',
        );
      }
      assertDate(event.at, 'at');
      return {
        status: 'APPROVED',
        assigneeId: rejection.freelancerId,
        revision: rejection.revision,
        approvedAt: event.at,
        approvedBy: 'APPEAL',
      };
    }

    case 'PAY': {
      if (state.status !== 'APPROVED')
        throw DomainError.invalidTransition(state.status, event.kind);
      assertDate(event.at, 'at');
      return { ...state, status: 'PAID', paidAt: event.at };
    }

    case 'PAUSE': {
      if (!isPausable(state)) throw DomainError.invalidTransition(state.status, event.kind);
      assertDate(event.at, 'at');
      return { status: 'PAUSED', pausedAt: event.at, pausedFrom: state };
    }

    case 'RESUME': {
      if (state.status !== 'PAUSED') throw DomainError.invalidTransition(state.status, event.kind);
      assertDate(event.at, 'at');
      const pausedMs = event.at.getTime() - state.pausedAt.getTime();
      if (pausedMs < 0) {
        throw DomainError.badInput('A task cannot resume before it was paused', { field: 'at' });
      }
      return shifted(state.pausedFrom, pausedMs);
    }

    case 'CANCEL': {
      const under = state.status === 'PAUSED' ? state.pausedFrom : state;
      if (!isPausable(under)) throw DomainError.invalidTransition(state.status, event.kind);
      assertDate(event.at, 'at');
      return { status: 'CANCELLED', cancelledAt: event.at, cancelledFrom: under.status };
    }
  }
}

/** The state that counts for the marketplace: the one under a pause, else the state itself. */
export function effectiveTaskState(state: TaskState): TaskState {
  return state.status === 'PAUSED' ? state.pausedFrom : state;
}

/** The freelancer the task is assigned to (claimed, submitted, approved, paid), through a pause. */
export function taskAssignee(state: TaskState): string | null {
  const current = effectiveTaskState(state);
  switch (current.status) {
    case 'CLAIMED':
    case 'SUBMITTED':
    case 'APPROVED':
    case 'PAID':
      return current.assigneeId;
    case 'BLOCKED':
    case 'OPEN':
    case 'OFFERED':
    case 'PAUSED':
    case 'CANCELLED':
      return null;
  }
}

/**
 * The one freelancer who holds the task: its assignee, or the invitee of a
 * pending offer. No transition hands a task from one holder to another
 * without going through a state with no holder.
 */
export function taskHolder(state: TaskState): string | null {
  const current = effectiveTaskState(state);
  return current.status === 'OFFERED' ? current.offeredTo : taskAssignee(current);
}

/**
 * Whether the task counts toward the freelancer's active-claims limit: they
 * hold a claim on it (paused or not). A submission waiting for review does
 * not count, nor does a pending offer (the limit applies when it is accepted).
 */
export function isActiveClaimOf(state: TaskState, freelancerId: string): boolean {
  const current = effectiveTaskState(state);
  return current.status === 'CLAIMED' && current.assigneeId === freelancerId;
}

/** A delayed job the state is waiting for: what it sends and when. */
export interface TaskTimer {
  readonly kind: 'OFFER_EXPIRED' | 'CLAIM_EXPIRED' | 'AUTO_APPROVE';
  readonly dueAt: Date;
}

/**
 * The timer to schedule after a transition into this state, or null. A
 * paused task has none: its timers start again, moved on, on RESUME. Stale
 * jobs are harmless: the transition refuses them (NOT_DUE, or a state that
 * no longer takes the event).
 */
export function pendingTaskTimer(state: TaskState): TaskTimer | null {
  switch (state.status) {
    case 'OFFERED':
      return { kind: 'OFFER_EXPIRED', dueAt: state.offerExpiresAt };
    case 'CLAIMED':
      return { kind: 'CLAIM_EXPIRED', dueAt: state.claimDeadline };
    case 'SUBMITTED':
      return { kind: 'AUTO_APPROVE', dueAt: state.autoApproveAt };
    case 'BLOCKED':
    case 'OPEN':
    case 'APPROVED':
    case 'PAID':
    case 'PAUSED':
    case 'CANCELLED':
      return null;
  }
}
