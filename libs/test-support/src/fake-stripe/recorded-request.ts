import type { IncomingHttpHeaders } from 'node:http';
import type { FormObject } from './form';

/**
 * What became of a request: `applied` (handled, side effect done if any, and
 * answered, possibly late), `applied-then-dropped` (handled, then the socket
 * was destroyed unanswered), `replayed` (stored answer to a repeated
 * idempotency key), `injected-failure` (`failNext`: nothing done), `dropped`
 * (`dropNext`: socket destroyed before anything was done), `error` (the API
 * refused it: validation, missing object, idempotency mismatch).
 */
export type FakeStripeOutcome =
  'applied' | 'applied-then-dropped' | 'replayed' | 'injected-failure' | 'dropped' | 'error';

export interface RecordedStripeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: FormObject;
  readonly body: FormObject;
  readonly idempotencyKey: string | null;
  readonly stripeAccount: string | null;
  readonly headers: IncomingHttpHeaders;
  readonly receivedAt: number;
  /** HTTP status sent (null when the socket was dropped). */
  status: number | null;
  outcome: FakeStripeOutcome | null;
}
