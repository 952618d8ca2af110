/**
 * Where a notification's email stands. At most once: the row is marked
 * SENDING (committed) before the SMTP conversation, so a run that finds
 * SENDING knows an earlier run may have handed the message over and never
 * sends it again (UNCERTAIN).
 */
export const EMAIL_STATUSES = [
  'PENDING',
  'SENDING',
  'SENT',
  'SKIPPED',
  'FAILED',
  'UNCERTAIN',
] as const;

export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** What a failed SMTP attempt tells about the message. */
export type SendFailure =
  | { readonly kind: 'NOT_DELIVERED'; readonly retryable: boolean }
  | { readonly kind: 'MAYBE_DELIVERED' };

/** The fields of a nodemailer error this decision reads. */
export interface SmtpErrorLike {
  readonly code?: string;
  /** The system error under nodemailer's code (e.g. ECONNREFUSED under ESOCKET). */
  readonly originalCode?: string;
  readonly responseCode?: number;
}

/** Failures before any message could be handed over: no server reached, or not logged in. */
const NO_CONNECTION_CODES = new Set(['EDNS', 'EAUTH', 'ENOAUTH']);
const NO_CONNECTION_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * A server that answered with a reply code refused the message (4xx: try
 * again later, 5xx: never); a server never reached, or one that refused the
 * login, got no message. Anything else (the connection dropped or timed out
 * mid-way, perhaps after the server accepted the message) is
 * MAYBE_DELIVERED: it is not retried, since a second send could deliver it
 * twice.
 */
export function classifySendFailure(error: SmtpErrorLike): SendFailure {
  if (typeof error.responseCode === 'number' && error.responseCode >= 400) {
    return { kind: 'NOT_DELIVERED', retryable: error.responseCode < 500 };
  }
  if (
    (error.code && NO_CONNECTION_CODES.has(error.code)) ||
    (error.originalCode && NO_CONNECTION_SYSTEM_CODES.has(error.originalCode))
  ) {
    return { kind: 'NOT_DELIVERED', retryable: true };
  }
  return { kind: 'MAYBE_DELIVERED' };
}

export type SendDecision = 'SEND' | 'DONE' | 'MARK_UNCERTAIN';

/** What a run of the email job does with the row it locked. */
export function decideSend(status: EmailStatus): SendDecision {
  switch (status) {
    case 'PENDING':
      return 'SEND';
    case 'SENDING':
      // An earlier run began the SMTP conversation and never recorded how it
      // ended (it crashed, or its lease ran out): the server may have
      // accepted the message, so it is not sent again.
      return 'MARK_UNCERTAIN';
    case 'SENT':
    case 'SKIPPED':
    case 'FAILED':
    case 'UNCERTAIN':
      return 'DONE';
  }
}
