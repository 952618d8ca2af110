import { PasswordHasher, PRODUCTION_PASSWORD_HASH_PARAMS } from '../password-hasher';

describe('PasswordHasher', () => {
  it('hashes with argon2id at production cost unless built for tests', async () => {
    const hash = await new PasswordHasher().hash('a long passphrase 42');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(PRODUCTION_PASSWORD_HASH_PARAMS).toEqual({
      memoryCost: 65536,
      timeCost: 3,
      parallelism: 4,
    });
  });

  it('verifies a hash made at either cost, and refuses a wrong password', async () => {
    const cheap = PasswordHasher.cheapForTests();
    const production = new PasswordHasher();
    const cheapHash = await cheap.hash('a long passphrase 42');
    expect(cheapHash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    await expect(production.verify(cheapHash, 'a long passphrase 42')).resolves.toBe(true);
    await expect(production.verify(cheapHash, 'another passphrase 42')).resolves.toBe(false);
  });

  it('runs at most maxConcurrent hashes at once and serves every caller', async () => {
    const hasher = new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }, 2);
    let running = 0;
    let most = 0;
    const hash = hasher.hash.bind(hasher);
    const tracked = (password: string) =>
      (hasher as unknown as { inTurn: <T>(work: () => Promise<T>) => Promise<T> }).inTurn(
        async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
          return password;
        },
      );
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(tracked));
    expect(answers).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(2);
    const hashes = await Promise.all(['one passphrase', 'two passphrase', 'three'].map(hash));
    await expect(hasher.verify(hashes[1], 'two passphrase')).resolves.toBe(true);
  });

  it('passes the turn on when a hash fails', async () => {
    const hasher = new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }, 1);
    await expect(hasher.verify('not a hash', 'x')).rejects.toThrow();
    await expect(hasher.verify('not a hash', 'x')).rejects.toThrow();
    await expect(hasher.hash('a long passphrase 42')).resolves.toMatch(/^\$argon2id\$/);
  });
});
