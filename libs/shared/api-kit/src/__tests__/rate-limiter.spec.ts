import { ErrorCode } from '@splitwork/kernel';
import { backoffDelayMs, BackoffPolicy, InMemoryRateLimiter } from '../rate-limiter';

const policy: BackoffPolicy = {
  freeFailures: 3,
  baseMs: 1000,
  maxMs: 10_000,
  forgetAfterMs: 60_000,
};

describe('backoffDelayMs', () => {
  it('allows the free failures, then doubles the lock up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMs(n, policy))).toEqual([
      0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('stays at the cap for a huge count', () => {
    expect(backoffDelayMs(10_000, policy)).toBe(10_000);
  });
});

describe('InMemoryRateLimiter backoff', () => {
  let now = 0;
  const limiter = new InMemoryRateLimiter(() => now);

  it('locks a key after its free failures with a retry-after hint, and only that key', async () => {
    for (let i = 0; i < 3; i++) await limiter.recordFailure('a', policy);
    await expect(limiter.assertNotLocked('a')).rejects.toMatchObject({
      code: ErrorCode.RATE_LIMITED,
      details: { retryAfterSeconds: 1 },
    });
    await expect(limiter.assertNotLocked('b')).resolves.toBeUndefined();
    now += 1000;
    await expect(limiter.assertNotLocked('a')).resolves.toBeUndefined();
  });

  it('forgets the failures on a reset and after the forget delay', async () => {
    for (let i = 0; i < 3; i++) await limiter.recordFailure('c', policy);
    await limiter.resetFailures('c');
    await expect(limiter.assertNotLocked('c')).resolves.toBeUndefined();
    for (let i = 0; i < 2; i++) await limiter.recordFailure('d', policy);
    now += 60_000;
    expect((await limiter.recordFailure('d', policy)).failures).toBe(1);
  });

  it('refuses once a counted key reaches its limit in the window', async () => {
    await limiter.record('e', 1000);
    await limiter.record('e', 1000);
    await expect(limiter.assertUnder('e', 3, 1000)).resolves.toBeUndefined();
    await limiter.record('e', 1000);
    await expect(limiter.assertUnder('e', 3, 1000)).rejects.toMatchObject({
      code: ErrorCode.RATE_LIMITED,
    });
  });
});
