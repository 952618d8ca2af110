import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { JobQueue, JobRegistry } from '@splitwork/jobs';
import { Clock, DomainError, ErrorCode, Money, money } from '@splitwork/kernel';
import {
  assertNoOverdraft,
  classifyProviderError,
  initialPayoutState,
  ledgerAccountKey,
  onboardingBlockReason,
  parseLedgerAccountKey,
  payoutReversed,
  payoutSent,
  projectEscrowAccount,
  ProviderErrorLike,
  taskApproved,
} from '@splitwork/payments-core';
import { FundingService } from './funding.service';
import { LedgerRepository } from './ledger.repository';
import { OnboardingService } from './onboarding.service';
import { PAYOUT_JOB } from './payments.jobs';
import { PayoutEntity } from './payout.entity';
import { PaymentProvider } from './providers/payment-provider';

/** A payout reached PAID; runs in the transaction that marked it (marketplace: task APPROVED → PAID). */
export type PayoutPaidListener = (payout: PayoutEntity, manager: EntityManager) => Promise<void>;

export interface ApprovedTask {
  projectId: string;
  /** The approved task's id: a task is paid at most once. */
  taskRef: string;
  freelancerId: string;
  reviewerId: string | null;
  price: Money;
}

/** Pays freelancers for approved work: ledger entries at approval, a transfer by the worker. */
@Injectable()
export class PayoutService implements OnModuleInit {
  private readonly logger = new Logger('Payouts');
  private readonly paidListeners: PayoutPaidListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly provider: PaymentProvider,
    private readonly onboarding: OnboardingService,
    private readonly funding: FundingService,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(PAYOUT_JOB, ({ payoutId }) => this.send(payoutId));
  }

  /** Registers a listener run when a payout becomes PAID, in that transaction: if it throws, the payout stays unpaid. */
  onPaid(listener: PayoutPaidListener): void {
    this.paidListeners.push(listener);
  }

  /**
   * In the caller's transaction (the approval's): moves the price from escrow
   * to the freelancer (with the fees), records the payout and queues its
   * transfer. CONFLICT when the task was paid already; nothing is written then.
   */
  async payForApprovedTask(task: ApprovedTask, manager: EntityManager): Promise<PayoutEntity> {
    const tx = taskApproved({
      projectId: task.projectId,
      taskId: task.taskRef,
      freelancerId: task.freelancerId,
      reviewerId: task.reviewerId,
      price: task.price,
      fees: this.funding.feePolicy,
    });
    const escrow = ledgerAccountKey(projectEscrowAccount(task.projectId));
    await this.ledger.lockAccounts([escrow], manager);
    const before = (await this.ledger.balances([escrow], manager)).map((b) => ({
      account: parseLedgerAccountKey(b.account),
      currency: b.currency,
      balanceCents: b.balanceCents,
    }));
    assertNoOverdraft(before, tx);
    if (!(await this.ledger.post(tx, manager))) {
      throw DomainError.conflict('This task has already been paid', { taskRef: task.taskRef });
    }
    const account = await this.onboarding.account(task.freelancerId, manager);
    const state = initialPayoutState(onboardingBlockReason(account));
    const repo = manager.getRepository(PayoutEntity);
    const payout = await repo.save(
      repo.create({
        projectId: task.projectId,
        taskRef: task.taskRef,
        freelancerId: task.freelancerId,
        amountCents: task.price.amountCents,
        currency: task.price.currency,
        status: state.status,
        blockedReason: state.status === 'WAITING_FOR_ONBOARDING' ? state.reason : null,
        failureReason: null,
        attempts: 0,
        transferId: null,
        simulated: this.provider.simulated,
        paidAt: null,
      }),
    );
    if (state.status === 'PENDING')
      await this.jobs.enqueue(manager, PAYOUT_JOB, { payoutId: payout.id });
    return payout;
  }

  /** Onboarding completed: queue the freelancer's waiting payouts. */
  async release(freelancerId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(PayoutEntity);
      const waiting = await repo.findBy({ freelancerId, status: 'WAITING_FOR_ONBOARDING' });
      for (const payout of waiting) {
        await repo.update({ id: payout.id }, { status: 'PENDING', blockedReason: null });
        await this.jobs.enqueue(manager, PAYOUT_JOB, { payoutId: payout.id });
      }
      return waiting.length;
    });
  }

  /**
   * The payout job: one transfer, keyed by the payout's id, so a retry after
   * a timeout or a crash (even between the provider's answer and our commit)
   * gets the same transfer back instead of a second one.
   */
  async send(payoutId: string): Promise<void> {
    const payout = await this.dataSource.getRepository(PayoutEntity).findOneBy({ id: payoutId });
    if (!payout || !['PENDING', 'FAILED_RETRYABLE'].includes(payout.status)) return;
    const account = await this.onboarding.account(payout.freelancerId);
    const blocked = onboardingBlockReason(account);
    if (blocked || !account) {
      await this.dataSource
        .getRepository(PayoutEntity)
        .update(
          { id: payoutId, status: In(['PENDING', 'FAILED_RETRYABLE']) },
          { status: 'WAITING_FOR_ONBOARDING', blockedReason: blocked },
        );
      return;
    }
    let transferId: string;
    try {
      transferId = (
        await this.provider.createTransfer({
          amountCents: payout.amountCents,
          currency: payout.currency,
          destinationAccountId: account.providerAccountId,
          transferGroup: payout.projectId,
          idempotencyKey: `payout:${payout.id}`,
          metadata: { payoutId: payout.id, taskRef: payout.taskRef },
        })
      ).id;
    } catch (error) {
      const verdict = classifyProviderError(error as ProviderErrorLike);
      await this.dataSource.getRepository(PayoutEntity).update(
        { id: payoutId },
        {
          status: verdict.onboardingRequired
            ? 'WAITING_FOR_ONBOARDING'
            : verdict.retryable
              ? 'FAILED_RETRYABLE'
              : 'FAILED_PERMANENT',
          failureReason: verdict.reason,
          blockedReason: verdict.onboardingRequired ? verdict.reason : null,
          attempts: payout.attempts + 1,
        },
      );
      this.logger.warn(
        { payoutId, retryable: verdict.retryable, reason: verdict.reason },
        'transfer failed',
      );
      // A retryable failure goes back to the job runner, which retries with backoff.
      if (verdict.retryable && !verdict.onboardingRequired) throw error;
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(PayoutEntity);
      const current = await repo.findOne({
        where: { id: payoutId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current || current.status === 'PAID') return;
      await this.ledger.post(
        payoutSent({
          payoutId,
          freelancerId: current.freelancerId,
          amount: money(current.amountCents, current.currency),
          transferId,
        }),
        manager,
      );
      await repo.update(
        { id: payoutId },
        {
          status: 'PAID',
          transferId,
          paidAt: this.clock.now(),
          attempts: current.attempts + 1,
          failureReason: null,
        },
      );
      const paid = await repo.findOneByOrFail({ id: payoutId });
      for (const listener of this.paidListeners) await listener(paid, manager);
    });
  }

  /** Admin: queue a failed payout again. */
  async retry(payoutId: string): Promise<PayoutEntity> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(PayoutEntity);
      const payout = await repo.findOne({
        where: { id: payoutId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!payout) throw DomainError.notFound('Payout', payoutId);
      if (payout.status !== 'FAILED_PERMANENT' && payout.status !== 'FAILED_RETRYABLE') {
        throw DomainError.invalidTransition(payout.status, 'retry the payout');
      }
      await repo.update({ id: payoutId }, { status: 'PENDING', attempts: 0 });
      await this.jobs.enqueue(manager, PAYOUT_JOB, { payoutId });
      return (await repo.findOneBy({ id: payoutId }))!;
    });
  }

  /**
   * Admin, on a dispute: takes a paid transfer back from the freelancer's
   * account and returns the money to the project's escrow, in the ledger too.
   */
  async reverse(payoutId: string, reason: string): Promise<PayoutEntity> {
    const payout = await this.dataSource.getRepository(PayoutEntity).findOneBy({ id: payoutId });
    if (!payout) throw DomainError.notFound('Payout', payoutId);
    if (payout.status !== 'PAID' || !payout.transferId) {
      throw DomainError.invalidTransition(payout.status, 'reverse the payout');
    }
    let reversalId: string;
    try {
      reversalId = (
        await this.provider.reverseTransfer({
          transferId: payout.transferId,
          amountCents: payout.amountCents,
          idempotencyKey: `reversal:${payout.id}`,
        })
      ).id;
    } catch (error) {
      throw new DomainError(
        ErrorCode.PAYMENT_FAILED,
        'The payment provider could not reverse the transfer',
        {
          reason: classifyProviderError(error as ProviderErrorLike).reason,
        },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(PayoutEntity);
      const current = await repo.findOne({
        where: { id: payoutId },
        lock: { mode: 'pessimistic_write' },
      });
      if (current?.status === 'PAID') {
        await this.ledger.post(
          payoutReversed({
            payoutId,
            projectId: current.projectId,
            amount: money(current.amountCents, current.currency),
            reversalId,
          }),
          manager,
        );
        await repo.update({ id: payoutId }, { status: 'REVERSED', failureReason: reason });
      }
      return (await repo.findOneBy({ id: payoutId }))!;
    });
  }

  /** Balances of a project's escrow per currency (ledger). */
  async escrowBalance(projectId: string): Promise<Money[]> {
    return (await this.escrowBalances([projectId]))[0];
  }

  /** Balances of projects' escrows per currency (ledger), in one query, in the order of the ids. */
  async escrowBalances(projectIds: readonly string[]): Promise<Money[][]> {
    const accounts = projectIds.map((id) => ledgerAccountKey(projectEscrowAccount(id)));
    const byAccount = new Map<string, Money[]>(accounts.map((a) => [a, []]));
    for (const row of await this.ledger.balances(accounts)) {
      byAccount.get(row.account)?.push(money(row.balanceCents, row.currency));
    }
    return accounts.map((a) => byAccount.get(a)!);
  }
}
