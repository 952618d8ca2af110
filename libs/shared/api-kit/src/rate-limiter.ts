import type { Redis } from 'ioredis';
import { DomainError, ErrorCode } from '@splitwork/kernel';

/** Counts hits per key in fixed windows; shared by all replicas when Redis backs it. */
export abstract class RateLimiter {
  /** Counts one hit and returns how many the key has in the current window. */
  protected abstract hit(key: string, windowMs: number): Promise<number>;

  /** Refuses with RATE_LIMITED once `key` has used up `limit` hits in the window. */
  async consume(key: string, limit: number, windowMs = 60_000): Promise<void> {
    const count = await this.hit(key, windowMs);
    if (count > limit) {
      throw new DomainError(ErrorCode.RATE_LIMITED, 'Too many attempts, try again in a minute', {
        retryAfterSeconds: Math.ceil(windowMs / 1000),
      });
    }
  }
}

export class InMemoryRateLimiter extends RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  protected async hit(key: string, windowMs: number): Promise<number> {
    const now = this.now();
    const current = this.windows.get(key);
    if (!current || now - current.start >= windowMs) {
      if (this.windows.size > 100_000) this.evict(now, windowMs);
      this.windows.set(key, { start: now, count: 1 });
      return 1;
    }
    current.count += 1;
    return current.count;
  }

  private evict(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= windowMs) this.windows.delete(key);
    }
  }
}

export class RedisRateLimiter extends RateLimiter {
  constructor(private readonly redis: Redis) {
    super();
  }

  protected async hit(key: string, windowMs: number): Promise<number> {
    const bucket = `ratelimit:${key}:${Math.floor(Date.now() / windowMs)}`;
    const [[, count]] = (await this.redis
      .multi()
      .incr(bucket)
      .pexpire(bucket, windowMs)
      .exec()) as [[Error | null, number], [Error | null, number]];
    return count;
  }
}
