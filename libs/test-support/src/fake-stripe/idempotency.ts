import { ApiError } from './api-error';
import { canonical, type FormObject } from './form';

interface StoredResponse {
  readonly method: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

export interface IdempotentRequest {
  readonly method: string;
  readonly path: string;
  readonly body: FormObject;
  readonly idempotencyKey: string | null;
  readonly stripeAccount: string | null;
}

/** What the idempotency store says of a request before it is handled. */
export type IdempotencyVerdict =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'mismatch'; readonly error: ApiError };

/**
 * Idempotency keys as Stripe honours them, per account: the same key on the
 * same endpoint with the same parameters gets the stored answer (and no
 * second side effect); another endpoint or other parameters get a 400
 * idempotency_error. Only POSTs, and only successful answers, are stored.
 */
export class IdempotencyStore {
  private readonly answers = new Map<string, StoredResponse>();

  private static scope(request: IdempotentRequest): string {
    return `${request.stripeAccount ?? 'platform'}\u0000${request.idempotencyKey ?? ''}`;
  }

  check(request: IdempotentRequest): IdempotencyVerdict {
    const { method, path, idempotencyKey } = request;
    const stored =
      method === 'POST' && idempotencyKey
        ? this.answers.get(IdempotencyStore.scope(request))
        : undefined;
    if (!stored) return { kind: 'new' };
    if (
      stored.method === method &&
      stored.path === path &&
      stored.fingerprint === canonical(request.body)
    ) {
      return { kind: 'replay', status: stored.status, body: stored.body };
    }
    const sameEndpoint = stored.method === method && stored.path === path;
    const error = new ApiError(
      400,
      'idempotency_error',
      undefined,
      sameEndpoint
        ? `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`
        : `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.path}' vs '${path}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
    );
    return { kind: 'mismatch', error };
  }

  /** Keeps a successful answer to a keyed POST for the key's replays. */
  store(request: IdempotentRequest, status: number, body: unknown): void {
    const { method, path, idempotencyKey } = request;
    if (method !== 'POST' || !idempotencyKey || status >= 300) return;
    this.answers.set(IdempotencyStore.scope(request), {
      method,
      path,
      fingerprint: canonical(request.body),
      status,
      body,
    });
  }

  clear(): void {
    this.answers.clear();
  }
}
