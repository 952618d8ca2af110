/**
 * The fault language: which requests a scripted fault applies to, and what
 * it does to them (fail, answer late, apply then drop, drop).
 */

/**
 * Which requests a fault applies to:
 * - a string `'POST /v1/transfers'` or `'/v1/transfers/:id/reversals'`
 *   (method optional; `:name` and `*` match one path segment);
 * - a RegExp, tested against the path;
 * - a predicate.
 */
export type RequestMatcher =
  string | RegExp | ((request: { readonly method: string; readonly path: string }) => boolean);

export interface FailureSpec {
  readonly status: number;
  /** Stripe error type; by default from the status (api_error, rate_limit_error, card_error, invalid_request_error). */
  readonly type?: string;
  readonly code?: string;
  readonly message?: string;
  /** How many matching requests fail (default 1). */
  readonly times?: number;
  /** Sends `Stripe-Should-Retry` (the SDK obeys it). */
  readonly shouldRetry?: boolean;
}

export type FaultAction =
  | { readonly kind: 'fail'; readonly spec: FailureSpec }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'apply-then-drop' }
  | { readonly kind: 'drop' };

interface FaultRule {
  readonly matches: (method: string, path: string) => boolean;
  readonly action: FaultAction;
  remaining: number;
}

export function compileMatcher(matcher: RequestMatcher): (method: string, path: string) => boolean {
  if (typeof matcher === 'function') return (method, path) => matcher({ method, path });
  if (matcher instanceof RegExp) return (_method, path) => matcher.test(path);
  const [first, second] = matcher.trim().split(/\s+/);
  const method = second === undefined ? null : first.toUpperCase();
  const pattern = second ?? first;
  const source = pattern
    .split('/')
    .map((segment) =>
      segment === '*' || segment.startsWith(':')
        ? '[^/]+'
        : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  const regex = new RegExp(`^${source}$`);
  return (m, path) => (method === null || method === m) && regex.test(path);
}

/** The armed faults, each used by the next `times` matching requests, first armed first. */
export class FaultPlan {
  private rules: FaultRule[] = [];

  add(matcher: RequestMatcher, action: FaultAction, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
    this.rules.push({ matches: compileMatcher(matcher), action, remaining: times });
  }

  /** The fault for this request, used up; null when none applies. */
  take(method: string, path: string): FaultAction | null {
    const rule = this.rules.find((f) => f.remaining > 0 && f.matches(method, path));
    if (!rule) return null;
    rule.remaining -= 1;
    this.rules = this.rules.filter((f) => f.remaining > 0);
    return rule.action;
  }

  clear(): void {
    this.rules = [];
  }

  get pending(): number {
    return this.rules.reduce((sum, f) => sum + f.remaining, 0);
  }
}
