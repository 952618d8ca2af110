import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@splitwork/config';
import { jwtSecret } from '@splitwork/identity';
import { Clock } from '@splitwork/kernel';

/** How long the return and refresh URLs of an onboarding link stay usable. */
export const ONBOARDING_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The token in the onboarding return and refresh URLs: Stripe opens them
 * without our session, so they carry the connected account id, an expiry and
 * an HMAC over both (keyed from the JWT secret, under its own label). It
 * names an account and nothing else; a changed or expired one is refused.
 */
@Injectable()
export class OnboardingToken {
  private readonly key: Buffer;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = createHmac('sha256', jwtSecret(config)).update('payout-onboarding-url').digest();
  }

  sign(providerAccountId: string): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + ONBOARDING_TOKEN_TTL_SECONDS;
    const body = `${providerAccountId}.${expires}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The account id the token names, or null when it is malformed, forged or expired. */
  verify(token: string): string | null {
    const parts = token.split('.');
    if (parts.length !== 3 || !/^acct_\w+$/.test(parts[0]) || !/^\d+$/.test(parts[1])) return null;
    const body = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2]);
    const expected = Buffer.from(this.mac(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (Number(parts[1]) * 1000 < this.clock.now().getTime()) return null;
    return parts[0];
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
