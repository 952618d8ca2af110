import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEvents } from '@splitwork/database';
import { JobQueue, JobRegistry } from '@splitwork/jobs';
import { Clock, DomainError, ErrorCode, Money, money } from '@splitwork/kernel';
import {
  assertNoOverdraft,
  beginPayoutAttempt,
  canTransitionPayout,
  classifyProviderError,
  initialPayoutState,
  ledgerAccountKey,
  onboardingBlockReason,
  parseLedgerAccountKey,
  PayoutEvent,
  payoutReversed,
  payoutSent,
  payoutStateOf,
  projectEscrowAccount,
  PayeeRole,
  payoutTransferKey,
  ProviderErrorLike,
  taskApproved,
  taskFees,
  transitionPayout,
} from '@splitwork/payments-core';
import { FundingService } from './funding.service';
import { LedgerRepository } from './ledger.repository';
import { OnboardingService } from './onboarding.service';
import { PAYOUT_JOB } from './payments.jobs';
import { PayoutEntity } from './payout.entity';
import { PayoutPaid } from './payout.events';
import { PayoutRepository } from './payout.repository';
import { PaymentProvider } from './providers/payment-provider';

export interface ApprovedTask {
  projectId: string;
  /** The approved task's id: a task is paid at most once. */
  taskRef: string;
  freelancerId: string;
  reviewerId: string | null;
  price: Money;
}

/**
 * Pays approved work: ledger entries at approval, a transfer by the worker,
 * to the freelancer (the price) and to the reviewer who approved it (the
 * review fee, a payout of its own with the same guarantees). Every status change is computed by the payout state machine
 * (`transitionPayout`) from the locked row, so a transition it does not allow
 * is an INVALID_TRANSITION error, never a silent overwrite.
 */
@Injectable()
export class PayoutService implements OnModuleInit {
  private readonly logger = new Logger('Payouts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly payouts: PayoutRepository,
    private readonly provider: PaymentProvider,
    private readonly onboarding: OnboardingService,
    private readonly funding: FundingService,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.registry.register(PAYOUT_JOB, ({ payoutId }) => this.send(payoutId));
  }

  /**
   * In the caller's transaction (the approval's): moves the price from escrow
   * to the freelancer (with the fees), records the freelancer's payout and,
   * when a reviewer approved the task, the reviewer's fee payout, and queues
   * their transfers (or leaves them waiting for the payee's onboarding).
   * Returns the freelancer's payout. CONFLICT when the task was paid
   * already; nothing is written then.
   */
  async payForApprovedTask(task: ApprovedTask, manager: EntityManager): Promise<PayoutEntity> {
    const fees = this.funding.feePolicy;
    const tx = taskApproved({
      projectId: task.projectId,
      taskId: task.taskRef,
      freelancerId: task.freelancerId,
      reviewerId: task.reviewerId,
      price: task.price,
      fees,
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
    const payout = await this.createPayout(
      task,
      'FREELANCER',
      task.freelancerId,
      task.price,
      manager,
    );
    if (task.reviewerId !== null) {
      // The fee the ledger entry above credited to the reviewer (zero fees make no payout).
      const { reviewerFee } = taskFees(task.price, fees, true);
      if (reviewerFee.amountCents > 0) {
        await this.createPayout(task, 'REVIEWER', task.reviewerId, reviewerFee, manager);
      }
    }
    return payout;
  }

  private async createPayout(
    task: ApprovedTask,
    payeeRole: PayeeRole,
    payeeId: string,
    amount: Money,
    manager: EntityManager,
  ): Promise<PayoutEntity> {
    const account = await this.onboarding.account(payeeId, manager);
    const state = initialPayoutState(onboardingBlockReason(account));
    const payout = await this.payouts.create(
      {
        projectId: task.projectId,
        taskRef: task.taskRef,
        freelancerId: payeeId,
        payeeRole,
        amountCents: amount.amountCents,
        currency: amount.currency,
        simulated: this.provider.simulated,
      },
      state,
      manager,
    );
    if (state.status === 'PENDING')
      await this.jobs.enqueue(manager, PAYOUT_JOB, { payoutId: payout.id });
    return payout;
  }

  /**
   * In the caller's transaction (payout-release.flow.ts, on PayoutAccountReady):
   * the payee can receive transfers now, so every payout waiting for it, as
   * freelancer or as reviewer, is queued.
   */
  async releaseWaiting(payeeId: string, manager: EntityManager): Promise<number> {
    const waiting = await this.payouts.lockWaitingOf(payeeId, manager);
    for (const payout of waiting) {
      const next = transitionPayout(payoutStateOf(payout), { kind: 'ONBOARDING_COMPLETED' });
      await this.payouts.saveState(payout, next, manager);
      await this.jobs.enqueue(manager, PAYOUT_JOB, { payoutId: payout.id });
    }
    return waiting.length;
  }

  /**
   * The payout job: one transfer, keyed by the payout's id, so a retry after
   * a timeout or a crash (even between the provider's answer and our commit)
   * gets the same transfer back instead of a second one.
   */
  async send(payoutId: string): Promise<void> {
    const payout = await this.payouts.find(payoutId);
    if (!payout || !beginPayoutAttempt(payoutStateOf(payout))) return;
    const account = await this.onboarding.account(payout.freelancerId);
    const blocked = onboardingBlockReason(account);
    if (blocked || !account) {
      await this.recordAttempt(payoutId, {
        kind: 'ONBOARDING_REQUIRED',
        reason: blocked ?? onboardingBlockReason(null)!,
      });
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
          idempotencyKey: payoutTransferKey(payout.id, payout.payeeRole),
          metadata: { payoutId: payout.id, taskRef: payout.taskRef, payeeRole: payout.payeeRole },
        })
      ).id;
    } catch (error) {
      const verdict = classifyProviderError(error as ProviderErrorLike);
      await this.recordAttempt(
        payoutId,
        verdict.onboardingRequired
          ? { kind: 'ONBOARDING_REQUIRED', reason: verdict.reason, attempted: true }
          : { kind: 'TRANSFER_FAILED', retryable: verdict.retryable, reason: verdict.reason },
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
      const current = await this.payouts.lock(payoutId, manager);
      // The same transfer again (the idempotency key): it was recorded already.
      if (!current || current.status === 'PAID') return;
      const next = transitionPayout(payoutStateOf(current), {
        kind: 'TRANSFER_SUCCEEDED',
        transferId,
      });
      await this.ledger.post(
        payoutSent({
          payoutId,
          freelancerId: current.freelancerId,
          payeeRole: current.payeeRole,
          amount: money(current.amountCents, current.currency),
          transferId,
        }),
        manager,
      );
      const paid = await this.payouts.saveState(current, next, manager, this.clock.now());
      // A handler that throws leaves the payout unpaid (settlement.flow.ts).
      await this.events.publish(
        new PayoutPaid(paid.id, paid.projectId, paid.taskRef, paid.payeeRole, paid.freelancerId, {
          amountCents: paid.amountCents,
          currency: paid.currency,
        }),
        manager,
      );
    });
  }

  /**
   * Records how an attempt ended (refused, or blocked before it was made) on
   * the locked row, unless a concurrent run has moved the payout on (paid it,
   * or recorded its own outcome): then there is nothing left to record.
   */
  private async recordAttempt(payoutId: string, outcome: PayoutEvent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.payouts.lock(payoutId, manager);
      const attempt = current && beginPayoutAttempt(payoutStateOf(current));
      if (!current || !attempt) return;
      await this.payouts.saveState(current, transitionPayout(attempt, outcome), manager);
    });
  }

  /**
   * Admin: queue a failed payout, or one waiting for onboarding, again. A
   * waiting payout's account is fetched from the provider first (an
   * account.updated that never arrived): if it can receive transfers now,
   * that releases every payout waiting for the payee; otherwise the job finds
   * it still blocked and the payout waits again, with the current reason.
   */
  async retry(payoutId: string): Promise<PayoutEntity> {
    const found = await this.payouts.find(payoutId);
    if (!found) throw DomainError.notFound('Payout', payoutId);
    if (found.status === 'WAITING_FOR_ONBOARDING') {
      const account = await this.onboarding.account(found.freelancerId);
      try {
        if (account) await this.onboarding.refresh(account.providerAccountId);
      } catch (error) {
        // The payout job checks the account again; the retry does not depend on this.
        this.logger.warn(
          { payoutId, reason: error instanceof Error ? error.message : String(error) },
          'account refresh before retry failed',
        );
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const payout = await this.payouts.lock(payoutId, manager);
      if (!payout) throw DomainError.notFound('Payout', payoutId);
      // Released by the refresh above: already queued.
      if (found.status === 'WAITING_FOR_ONBOARDING' && payout.status === 'PENDING') return payout;
      const next = transitionPayout(payoutStateOf(payout), { kind: 'ADMIN_RETRY' });
      const saved = await this.payouts.saveState(payout, next, manager);
      await this.jobs.enqueue(manager, PAYOUT_JOB, { payoutId });
      return saved;
    });
  }

  /**
   * On a dispute (marketplace's DisputeService, in the order it needs): the
   * task's FREELANCER payout is reversed, and `andThen` runs in the same
   * transaction as the reversal's ledger entries and payout state. A payout
   * reversed already (by an earlier attempt or an admin) is not reversed
   * again; `andThen` still runs. INVALID_TRANSITION when the payout has no
   * transfer to take back (not paid yet); NOT_FOUND when the task has none.
   */
  async reverseTaskPayout(
    taskRef: string,
    reason: string,
    andThen: (manager: EntityManager) => Promise<void>,
  ): Promise<PayoutEntity> {
    const payout = await this.payouts.findOfTask(taskRef, 'FREELANCER');
    if (!payout) throw DomainError.notFound('Payout of task', taskRef);
    if (payout.status === 'REVERSED') {
      return this.dataSource.transaction(async (manager) => {
        await andThen(manager);
        return payout;
      });
    }
    return this.reverse(payout.id, reason, andThen);
  }

  /**
   * Admin, on a dispute: takes a paid transfer back from the payee's
   * account and returns the money to the project's escrow, in the ledger too.
   * `andThen` runs in the transaction that records the reversal.
   */
  async reverse(
    payoutId: string,
    reason: string,
    andThen?: (manager: EntityManager) => Promise<void>,
  ): Promise<PayoutEntity> {
    const payout = await this.payouts.find(payoutId);
    if (!payout) throw DomainError.notFound('Payout', payoutId);
    // Checked before the provider is called: only a PAID payout has a transfer to take back.
    if (!canTransitionPayout(payout.status, 'REVERSE') || !payout.transferId) {
      throw DomainError.invalidTransition(payout.status, 'REVERSE');
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
      const current = await this.payouts.lock(payoutId, manager);
      if (!current) throw DomainError.notFound('Payout', payoutId);
      // A concurrent reversal of the same transfer (the idempotency key) was recorded already.
      if (current.status === 'REVERSED') {
        await andThen?.(manager);
        return current;
      }
      const next = transitionPayout(payoutStateOf(current), {
        kind: 'REVERSE',
        reversalId,
        reason,
      });
      await this.ledger.post(
        payoutReversed({
          payoutId,
          projectId: current.projectId,
          amount: money(current.amountCents, current.currency),
          reversalId,
        }),
        manager,
      );
      const saved = await this.payouts.saveState(current, next, manager);
      await andThen?.(manager);
      return saved;
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
