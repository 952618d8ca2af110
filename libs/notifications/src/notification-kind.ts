/**
 * What a notification is about. Each kind is one line of the user's
 * preferences: its email can be turned off on its own (or all at once).
 */
export const NOTIFICATION_KINDS = [
  'OFFER_MADE',
  'OFFER_EXPIRING',
  'CLAIM_DEADLINE_APPROACHING',
  'SUBMISSION_WAITING_FOR_REVIEW',
  'CHANGES_REQUESTED',
  'SUBMISSION_REJECTED',
  'TASK_APPROVED',
  'TASK_PAID',
  'APPEAL_DECIDED',
  'PLANNING_FINISHED',
  'PLANNING_FAILED',
  'FUNDING_CONFIRMED',
  'THREAD_MESSAGE',
  'DISPUTE_OPENED',
  'DISPUTE_RESOLVED',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * Email is on by default for what needs the user to act or tells them about
 * money; off for the chatty ones (every thread message), which the inbox
 * shows anyway.
 */
const EMAIL_OFF_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set(['THREAD_MESSAGE']);

export function defaultEmailEnabled(kind: NotificationKind): boolean {
  return !EMAIL_OFF_BY_DEFAULT.has(kind);
}

export interface KindPreference {
  readonly kind: NotificationKind;
  readonly email: boolean;
}

/** Every kind with its effective email setting: the user's choice, else the default. */
export function effectivePreferences(chosen: readonly KindPreference[]): KindPreference[] {
  const byKind = new Map(chosen.map((p) => [p.kind, p.email]));
  return NOTIFICATION_KINDS.map((kind) => ({
    kind,
    email: byKind.get(kind) ?? defaultEmailEnabled(kind),
  }));
}

const HOUR = 3_600_000;

/**
 * When to remind someone of a deadline: a quarter of the window before it,
 * at most a day and at least five minutes before (never before `from`).
 */
export function reminderTime(from: Date, deadline: Date): Date {
  const window = deadline.getTime() - from.getTime();
  const lead = Math.min(24 * HOUR, Math.max(5 * 60_000, window / 4));
  return new Date(Math.max(from.getTime(), deadline.getTime() - lead));
}
