/**
 * The parts of a payment provider error that decide what to do next. Fits a
 * `StripeError` from the SDK (`statusCode`, `code`, `type` such as
 * 'StripeConnectionError', `rawType` such as 'api_error') as well as the raw
 * `{error: {type, code}}` body of the API; none of the fields is required.
 */
export interface ProviderErrorLike {
  readonly statusCode?: number | null;
  readonly code?: string | null;
  readonly type?: string | null;
  readonly rawType?: string | null;
  readonly message?: string | null;
}

export interface ProviderErrorClassification {
  /** Whether the same request (same idempotency key) may be sent again later. */
  readonly retryable: boolean;
  /** Whether the account must finish Stripe onboarding first (the error is then not retryable). */
  readonly onboardingRequired: boolean;
  readonly code: string | null;
  /** A short reason for humans (admins and the payout's owner). */
  readonly reason: string;
}

/** Errors raised by the network or the SDK before any answer arrived. */
const CONNECTION_TYPES = new Set(['stripeconnectionerror', 'connection_error']);
const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Stripe codes that say "try again" whatever the status. */
const RETRYABLE_CODES = new Set(['lock_timeout', 'rate_limit', 'idempotency_key_in_use']);
const RETRYABLE_TYPES = new Set([
  'stripeapierror',
  'api_error',
  'striperatelimiterror',
  'rate_limit_error',
]);
/** Stripe codes meaning the connected account cannot receive transfers yet. */
const ONBOARDING_CODES = new Set([
  'insufficient_capabilities_for_transfer',
  'account_invalid',
  'account_not_verified',
  'transfers_not_allowed',
]);

function normalizedType(error: ProviderErrorLike): string {
  return (error.type ?? error.rawType ?? '').toLowerCase();
}

/**
 * Retryable: no answer (connection errors, timeouts), 409, 429, 5xx, lock
 * timeouts. Permanent: any other 4xx (invalid request, card, account,
 * authentication, permission, idempotency mismatch). An error without a
 * status or a recognisable type is retried: we never learned whether the
 * request was applied, and only a replay with the same idempotency key tells.
 */
export function classifyProviderError(error: ProviderErrorLike): ProviderErrorClassification {
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  const code = error.code ?? null;
  const type = normalizedType(error);
  const message = error.message ?? null;
  const describe = (what: string): string =>
    `${what}${code ? ` (${code})` : ''}${message ? `: ${message}` : ''}`;

  if (code !== null && ONBOARDING_CODES.has(code)) {
    return {
      retryable: false,
      onboardingRequired: true,
      code,
      reason: describe('Account not ready for transfers'),
    };
  }
  if (status === null) {
    const connection =
      CONNECTION_TYPES.has(type) || (code !== null && CONNECTION_CODES.has(code)) || type === '';
    return {
      retryable: true,
      onboardingRequired: false,
      code,
      reason: describe(connection ? 'No answer from the provider' : 'Unexpected provider error'),
    };
  }
  if (status === 429 || status === 409 || status >= 500) {
    return {
      retryable: true,
      onboardingRequired: false,
      code,
      reason: describe(`Provider error ${status}`),
    };
  }
  if ((code !== null && RETRYABLE_CODES.has(code)) || RETRYABLE_TYPES.has(type)) {
    return {
      retryable: true,
      onboardingRequired: false,
      code,
      reason: describe(`Provider error ${status}`),
    };
  }
  return {
    retryable: false,
    onboardingRequired: false,
    code,
    reason: describe(`Provider refused the request (${status})`),
  };
}
