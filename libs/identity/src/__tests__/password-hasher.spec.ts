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
});
