import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { defineJob, JobQueue, JobRegistry } from '@splitwork/jobs';
import { Money, money } from '@splitwork/kernel';
import {
  ledgerAccountKey,
  projectEscrowAccount,
  taskEscrowShare,
  taskShareRefunded,
} from '@splitwork/payments-core';
import { FundingEntity } from './funding.entity';
import { FundingService } from './funding.service';
import { LedgerRepository } from './ledger.repository';
import { PaymentProvider } from './providers/payment-provider';

/** Sends the provider refund of one cancelled task's escrow share. */
export const TASK_REFUND_JOB = defineJob<{
  taskRef: string;
  projectId: string;
  amountCents: number;
}>('payments.task-refund', { maxAttempts: 12 });

export interface CancelledTask {
  projectId: string;
  /** The cancelled task's id: its share is refunded at most once. */
  taskRef: string;
  price: Money;
}

/**
 * A cancelled task's escrow share goes back to the owner. The ledger moves
 * in the cancellation's transaction (so escrow holds less at once, and a
 * later project cancellation refunds only the rest); the provider refund
 * follows in a job keyed by the task, so running it twice refunds once.
 */
@Injectable()
export class TaskRefundService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly funding: FundingService,
    private readonly provider: PaymentProvider,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(TASK_REFUND_JOB, (payload) => this.sendRefund(payload));
  }

  /**
   * In the caller's transaction. Returns the amount refunded (zero when the
   * project was never funded, or escrow holds nothing for it any more).
   */
  async refundCancelledTask(task: CancelledTask, manager: EntityManager): Promise<Money> {
    const funding = await manager
      .getRepository(FundingEntity)
      .findOneBy({ projectId: task.projectId, status: 'SUCCEEDED' });
    const none = money(0, task.price.currency);
    if (!funding || task.price.amountCents <= 0) return none;
    const escrow = ledgerAccountKey(projectEscrowAccount(task.projectId));
    const [balance] = (await this.ledger.balances([escrow], manager)).filter(
      (b) => b.currency === task.price.currency,
    );
    const share = taskEscrowShare(task.price, this.funding.feePolicy);
    const amountCents = Math.min(share.amountCents, balance?.balanceCents ?? 0);
    if (amountCents <= 0) return none;
    const posted = await this.ledger.post(
      taskShareRefunded({
        projectId: task.projectId,
        taskId: task.taskRef,
        ownerId: funding.ownerId,
        amount: money(amountCents, task.price.currency),
      }),
      manager,
    );
    if (!posted) return none;
    await this.jobs.enqueue(
      manager,
      TASK_REFUND_JOB,
      { taskRef: task.taskRef, projectId: task.projectId, amountCents },
      { jobKey: `task-refund:${task.taskRef}` },
    );
    return money(amountCents, task.price.currency);
  }

  /** The job: one provider refund per task (idempotency key), however often it runs. */
  async sendRefund(payload: {
    taskRef: string;
    projectId: string;
    amountCents: number;
  }): Promise<void> {
    const funding = await this.dataSource
      .getRepository(FundingEntity)
      .findOneBy({ projectId: payload.projectId, status: 'SUCCEEDED' });
    if (!funding?.paymentIntentId) return;
    await this.provider.refund({
      paymentIntentId: funding.paymentIntentId,
      amountCents: payload.amountCents,
      idempotencyKey: `task-refund:${payload.taskRef}`,
    });
  }
}
