import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Viewer } from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { UserRepository } from '@splitwork/identity';
import { Clock, DomainError, ErrorCode } from '@splitwork/kernel';
import { ConnectedAccountEntity } from './connected-account.entity';
import { ConnectedAccountState, PaymentProvider } from './providers/payment-provider';

/** Stripe Connect Express onboarding of freelancers. */
@Injectable()
export class OnboardingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly users: UserRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
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
      const link = await this.provider.createAccountLink({
        accountId: account.providerAccountId,
        refreshUrl: `${this.config.PUBLIC_URL}/payouts/onboarding/refresh`,
        returnUrl: `${this.config.PUBLIC_URL}/payouts/onboarding/return`,
      });
      return { ...link, account };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError(
        ErrorCode.PAYMENT_FAILED,
        'The payment provider could not start onboarding; try again',
        {
          reason: error instanceof Error ? error.message : String(error),
        },
      );
    }
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

  private async save(
    userId: string,
    state: ConnectedAccountState,
  ): Promise<ConnectedAccountEntity> {
    const repo = this.dataSource.getRepository(ConnectedAccountEntity);
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
