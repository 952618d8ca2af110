import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Viewer } from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { UserRepository } from '@splitwork/identity';
import { DomainEvents } from '@splitwork/database';
import { Clock, DomainError, ErrorCode } from '@splitwork/kernel';
import { ConnectedAccountEntity } from './connected-account.entity';
import { OnboardingToken } from './onboarding-token';
import { PayoutAccountReady } from './payout-account.events';
import { ConnectedAccountState, PaymentProvider } from './providers/payment-provider';

/**
 * Stripe Connect Express onboarding of payees: freelancers and reviewers
 * alike. Whenever an account is recorded as able to receive transfers,
 * PayoutAccountReady is raised in that transaction, which releases the
 * payee's waiting payouts (payout-release.flow.ts).
 */
@Injectable()
export class OnboardingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly users: UserRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly tokens: OnboardingToken,
  ) {}

  account(userId: string, manager?: EntityManager): Promise<ConnectedAccountEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(ConnectedAccountEntity)
      .findOneBy({ userId });
  }

  /**
   * Creates the freelancer's connected account on first call, then returns a
   * fresh single-use onboarding link (Account Links expire after minutes).
   */
  async startOnboarding(
    viewer: Viewer,
  ): Promise<{ url: string; expiresAt: Date; account: ConnectedAccountEntity }> {
    let account = await this.account(viewer.id);
    try {
      if (!account) {
        const user = await this.users.findById(viewer.id);
        if (!user) throw DomainError.unauthenticated('This account no longer exists');
        const created = await this.provider.createConnectedAccount({
          userId: viewer.id,
          email: user.email,
          idempotencyKey: `connected-account:${viewer.id}`,
        });
        account = await this.save(viewer.id, created);
      }
      const link = await this.accountLink(account.providerAccountId);
      return { ...link, account };
    } catch (error) {
      throw this.providerFailure(
        error,
        'The payment provider could not start onboarding; try again',
      );
    }
  }

  /**
   * A fresh Account Link whose return and refresh URLs carry a token signed
   * for this account only (they are opened from Stripe, without our session).
   */
  private accountLink(providerAccountId: string): Promise<{ url: string; expiresAt: Date }> {
    const token = encodeURIComponent(this.tokens.sign(providerAccountId));
    return this.provider.createAccountLink({
      accountId: providerAccountId,
      refreshUrl: `${this.config.PUBLIC_URL}/payouts/onboarding/refresh?token=${token}`,
      returnUrl: `${this.config.PUBLIC_URL}/payouts/onboarding/return?token=${token}`,
    });
  }

  /**
   * The refresh URL (Stripe's link expired or was used): a fresh link for
   * the account the token names. NOT_FOUND for a bad token or unknown account.
   */
  async refreshLink(token: string): Promise<string> {
    const account = await this.byToken(token);
    try {
      return (await this.accountLink(account.providerAccountId)).url;
    } catch (error) {
      throw this.providerFailure(
        error,
        'The payment provider could not make a new link; try again',
      );
    }
  }

  /**
   * The return URL: the account the token names, as the provider sees it now
   * (so payouts waiting for it are released without waiting for the webhook).
   * NOT_FOUND for a bad token or unknown account.
   */
  async returned(token: string): Promise<ConnectedAccountEntity> {
    const account = await this.byToken(token);
    try {
      return (await this.refresh(account.providerAccountId)) ?? account;
    } catch (error) {
      throw this.providerFailure(error, 'The payment provider could not be reached; try again');
    }
  }

  private async byToken(token: string): Promise<ConnectedAccountEntity> {
    const providerAccountId = this.tokens.verify(token);
    const account = providerAccountId
      ? await this.dataSource.getRepository(ConnectedAccountEntity).findOneBy({ providerAccountId })
      : null;
    if (!account) throw DomainError.notFound('Payout account', 'link');
    return account;
  }

  private providerFailure(error: unknown, message: string): DomainError {
    if (error instanceof DomainError) return error;
    return new DomainError(ErrorCode.PAYMENT_FAILED, message, {
      reason: error instanceof Error ? error.message : String(error),
    });
  }

  /**
   * Refreshes an account from the provider (events may arrive in any order,
   * so the current state is fetched rather than taken from the event).
   * Returns the user whose account it is, or null for an unknown account.
   */
  async refresh(providerAccountId: string): Promise<ConnectedAccountEntity | null> {
    const known = await this.dataSource
      .getRepository(ConnectedAccountEntity)
      .findOneBy({ providerAccountId });
    if (!known) return null;
    return this.save(known.userId, await this.provider.retrieveAccount(providerAccountId));
  }

  private save(userId: string, state: ConnectedAccountState): Promise<ConnectedAccountEntity> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await this.upsert(userId, state, manager);
      if (saved.transfersCapability === 'active') {
        await this.events.publish(new PayoutAccountReady(userId), manager);
      }
      return saved;
    });
  }

  private async upsert(
    userId: string,
    state: ConnectedAccountState,
    manager: EntityManager,
  ): Promise<ConnectedAccountEntity> {
    const repo = manager.getRepository(ConnectedAccountEntity);
    await repo.upsert(
      {
        userId,
        providerAccountId: state.id,
        payoutsEnabled: state.payoutsEnabled,
        chargesEnabled: state.chargesEnabled,
        transfersCapability: state.transfersCapability,
        requirementsDue: state.requirementsDue,
        simulated: this.provider.simulated,
        updatedAt: this.clock.now(),
      },
      ['userId'],
    );
    return (await repo.findOneBy({ userId }))!;
  }
}
