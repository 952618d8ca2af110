import { Injectable } from '@nestjs/common';
import { BackoffPolicy, RateLimiter } from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';

const HOUR_MS = 3_600_000;

/**
 * Throttles sign-up and log-in by client address, and failed log-ins by
 * (email, address) pair with an exponential lock, as identity providers do.
 * Nothing is counted per email alone: an attacker rotating addresses could
 * then lock the owner out of their own account. The owner's own address has
 * its own pair, untouched by failures from anywhere else.
 */
@Injectable()
export class AuthThrottle {
  private readonly policy: BackoffPolicy;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {
    const maxMs = config.AUTH_LOGIN_BACKOFF_MAX_SECONDS * 1000;
    this.policy = {
      freeFailures: config.AUTH_LOGIN_BACKOFF_AFTER,
      baseMs: Math.min(1000, maxMs),
      maxMs,
      forgetAfterMs: Math.max(24 * HOUR_MS, maxMs),
    };
  }

  /** Before checking a password: refuses an address or pair that has failed too often. */
  async beforeLogIn(email: string, clientAddress: string): Promise<void> {
    await this.limiter.consume(`login:ip:${clientAddress}`, this.config.AUTH_RATE_LIMIT_PER_MINUTE);
    await this.limiter.assertUnder(
      `login-failures:ip:${clientAddress}`,
      this.config.AUTH_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR,
      HOUR_MS,
    );
    await this.limiter.assertNotLocked(pairKey(email, clientAddress));
  }

  async logInFailed(email: string, clientAddress: string): Promise<void> {
    await this.limiter.record(`login-failures:ip:${clientAddress}`, HOUR_MS);
    await this.limiter.recordFailure(pairKey(email, clientAddress), this.policy);
  }

  async logInSucceeded(email: string, clientAddress: string): Promise<void> {
    await this.limiter.resetFailures(pairKey(email, clientAddress));
  }

  /**
   * Every sign-up attempt counts, successful or not: whether an email is
   * taken can only be asked a few times per address.
   */
  async beforeSignUp(clientAddress: string): Promise<void> {
    await this.limiter.consume(
      `signup:ip:${clientAddress}`,
      this.config.AUTH_RATE_LIMIT_PER_MINUTE,
    );
    await this.limiter.consume(
      `signup-hour:ip:${clientAddress}`,
      this.config.AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR,
      HOUR_MS,
    );
  }
}

function pairKey(email: string, clientAddress: string): string {
  return `login:pair:${email.trim().toLowerCase()}|${clientAddress}`;
}
