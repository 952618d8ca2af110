import { DomainError } from '@splitwork/kernel';
import { decodeCursor, encodeCursor } from '../connection';
import { InMemoryRateLimiter } from '../rate-limiter';

describe('keyset cursors', () => {
  it('round-trips the sort value and id', () => {
    expect(decodeCursor(encodeCursor('2026-01-01T00:00:00.000Z', 'abc'))).toEqual([
      '2026-01-01T00:00:00.000Z',
      'abc',
    ]);
    expect(decodeCursor(encodeCursor(42, 'id'))).toEqual([42, 'id']);
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1]').toString('base64url'),
  ])('refuses the cursor %j with a typed error', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
  });
});

describe('InMemoryRateLimiter', () => {
  it('refuses hits over the limit until the window ends', async () => {
    let now = 0;
    const limiter = new InMemoryRateLimiter(() => now);
    await limiter.consume('k', 2);
    await limiter.consume('k', 2);
    await expect(limiter.consume('k', 2)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    now = 60_000;
    await expect(limiter.consume('k', 2)).resolves.toBeUndefined();
  });
});
