import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, defaultErrorType } from './api-error';
import type { FaultPlan } from './faults';
import { parseStripeForm } from './form';
import type { IdempotencyStore } from './idempotency';
import { newId } from './params';
import type { FakeStripeOutcome, RecordedStripeRequest } from './recorded-request';
import type { Router } from './router';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function recordOf(req: IncomingMessage, raw: string): RecordedStripeRequest {
  const method = (req.method ?? 'GET').toUpperCase();
  const [path, queryString = ''] = (req.url ?? '/').split('?');
  const header = (name: string): string | null => {
    const value = req.headers[name];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  return {
    method,
    path,
    query: parseStripeForm(queryString),
    body: method === 'GET' ? {} : parseStripeForm(raw),
    idempotencyKey: header('idempotency-key'),
    stripeAccount: header('stripe-account'),
    headers: req.headers,
    receivedAt: Date.now(),
    status: null,
    outcome: null,
  };
}

interface Answer {
  readonly outcome: FakeStripeOutcome;
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/**
 * One HTTP exchange with the fake: the request is recorded, authenticated,
 * met with its scripted fault if any, answered from the idempotency store or
 * routed, and the answer sent, late, or never.
 */
export class StripeExchange {
  constructor(
    private readonly requests: RecordedStripeRequest[],
    private readonly router: Router,
    private readonly faults: FaultPlan,
    private readonly idempotency: IdempotencyStore,
    private readonly timers: Set<NodeJS.Timeout>,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record = recordOf(req, await readBody(req));
    this.requests.push(record);

    const authorization = req.headers.authorization;
    if (!authorization || !/^Bearer \S+$/.test(authorization)) {
      const error = new ApiError(
        401,
        'invalid_request_error',
        undefined,
        'You did not provide an API key.',
      );
      this.send(res, record, { outcome: 'error', status: 401, body: error.body(), headers: {} });
      return;
    }

    const fault = this.faults.take(record.method, record.path);
    if (fault?.kind === 'fail') {
      const { spec } = fault;
      const error = new ApiError(
        spec.status,
        spec.type ?? defaultErrorType(spec.status),
        spec.code,
        spec.message ?? `Injected failure (HTTP ${spec.status})`,
      );
      const headers: Record<string, string> =
        spec.shouldRetry === undefined ? {} : { 'stripe-should-retry': String(spec.shouldRetry) };
      this.send(res, record, {
        outcome: 'injected-failure',
        status: error.status,
        body: error.body(),
        headers,
      });
      return;
    }
    if (fault?.kind === 'drop') {
      this.drop(req, record, 'dropped');
      return;
    }

    const answer = this.answer(record);
    if (fault?.kind === 'apply-then-drop') {
      this.drop(
        req,
        record,
        answer.outcome === 'applied' ? 'applied-then-dropped' : answer.outcome,
      );
      return;
    }
    if (fault?.kind === 'delay') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.send(res, record, answer);
      }, fault.ms);
      this.timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        if (record.status === null) record.outcome = answer.outcome;
      });
      return;
    }
    this.send(res, record, answer);
  }

  /** The stored answer to a repeated key, or the route's (stored for later replays). */
  private answer(record: RecordedStripeRequest): Answer {
    const verdict = this.idempotency.check(record);
    if (verdict.kind === 'mismatch') {
      return {
        outcome: 'error',
        status: verdict.error.status,
        body: verdict.error.body(),
        headers: {},
      };
    }
    if (verdict.kind === 'replay') {
      return {
        outcome: 'replayed',
        status: verdict.status,
        body: verdict.body,
        headers: { 'idempotent-replayed': 'true' },
      };
    }
    try {
      const routed = this.router.dispatch(record.method, record.path, record.body, record.query);
      this.idempotency.store(record, routed.status, routed.body);
      return { outcome: 'applied', status: routed.status, body: routed.body, headers: {} };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { outcome: 'error', status: error.status, body: error.body(), headers: {} };
    }
  }

  private drop(
    req: IncomingMessage,
    record: RecordedStripeRequest,
    outcome: FakeStripeOutcome,
  ): void {
    record.outcome = outcome;
    req.socket.destroy();
  }

  private send(res: ServerResponse, record: RecordedStripeRequest, answer: Answer): void {
    record.outcome = answer.outcome;
    if (res.writableEnded || res.destroyed) return;
    record.status = answer.status;
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'request-id': newId('req'),
      ...(record.idempotencyKey ? { 'idempotency-key': record.idempotencyKey } : {}),
      ...answer.headers,
    });
    res.end(JSON.stringify(answer.body));
  }
}
