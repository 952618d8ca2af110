import { DomainError } from '@splitwork/kernel';
import { checkSortValue, decodeCursor, encodeCursor } from '../connection';
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

describe('cursor sort values by kind', () => {
  it('accepts the timestamps PostgreSQL prints and ISO strings, and finite numbers', () => {
    expect(checkSortValue('2026-11-24 15:00:00.123456+00', 'timestamp')).toBe(
      '2026-11-24 15:00:00.123456+00',
    );
    expect(checkSortValue('2026-11-24T15:00:00.123Z', 'timestamp')).toBe(
      '2026-11-24T15:00:00.123Z',
    );
    expect(checkSortValue(1250, 'number')).toBe(1250);
    expect(checkSortValue('anything', undefined)).toBe('anything');
  });

  it.each([
    ['yesterday', 'timestamp'],
    [42, 'timestamp'],
    ['2026-13-45 99:99:99+00', 'timestamp'],
    ['12', 'number'],
    [Number.POSITIVE_INFINITY, 'number'],
  ] as const)('refuses %j as a %s sort value with a typed error', (value, type) => {
    expect(() => checkSortValue(value, type)).toThrow(DomainError);
  });
});
