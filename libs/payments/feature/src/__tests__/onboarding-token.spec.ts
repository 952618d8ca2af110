import { AppConfig } from '@splitwork/config';
import { ManualClock } from '@splitwork/kernel';
import { ONBOARDING_TOKEN_TTL_SECONDS, OnboardingToken } from '../onboarding-token';

const config = (secret: string) => Object.assign(new AppConfig(), { JWT_SECRET: secret });

describe('OnboardingToken', () => {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const tokens = new OnboardingToken(config('s'.repeat(40)), clock);

  it('names the account it was signed for', () => {
    expect(tokens.verify(tokens.sign('acct_123abc'))).toBe('acct_123abc');
  });

  it('refuses a token for another account, a changed signature or expiry, and garbage', () => {
    const token = tokens.sign('acct_123abc');
    const [, expires, mac] = token.split('.');
    expect(tokens.verify(`acct_999zzz.${expires}.${mac}`)).toBeNull();
    expect(tokens.verify(`acct_123abc.${Number(expires) + 3600}.${mac}`)).toBeNull();
    expect(tokens.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    for (const bad of ['', 'acct_1', 'acct_1.2', 'x.y.z', `${token}.extra`]) {
      expect(tokens.verify(bad)).toBeNull();
    }
  });

  it('refuses a token signed with another secret', () => {
    const other = new OnboardingToken(config('t'.repeat(40)), clock);
    expect(tokens.verify(other.sign('acct_123abc'))).toBeNull();
  });

  it('expires after its lifetime', () => {
    const token = tokens.sign('acct_123abc');
    clock.advance(ONBOARDING_TOKEN_TTL_SECONDS * 1000);
    expect(tokens.verify(token)).toBe('acct_123abc');
    clock.advance(1000);
    expect(tokens.verify(token)).toBeNull();
  });
});
