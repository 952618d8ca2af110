import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireOwnerOrAdmin, Viewer } from '@splitwork/api-kit';
import { JobQueue, JobRegistry } from '@splitwork/jobs';
import { DomainError, money } from '@splitwork/kernel';
import { escrowRefunded, ledgerAccountKey, projectEscrowAccount } from '@splitwork/payments-core';
import { ProjectFundingGateway, ProjectStatus } from '@splitwork/planning';
import { FundingEntity } from './funding.entity';
import { LedgerRepository } from './ledger.repository';
import { REFUND_JOB } from './payments.jobs';
import { PaymentProvider } from './providers/payment-provider';

/** Cancelling a project: its unspent escrow goes back to the owner. */
@Injectable()
export class CancellationService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectFundingGateway,
    private readonly ledger: LedgerRepository,
    private readonly provider: PaymentProvider,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(REFUND_JOB, ({ projectId }) => this.refund(projectId));
  }

  /** Marks the project CANCELLED and, when it was funded, queues the refund of what escrow still holds. */
  async cancel(viewer: Viewer, projectId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { project } = await this.projects.lockWithPlanTotal(projectId, manager);
      requireOwnerOrAdmin(viewer, project.ownerId, 'Project', projectId);
      if (project.status === ProjectStatus.CANCELLED) {
        throw DomainError.invalidTransition(project.status, 'cancel the project');
      }
      await this.projects.markCancelled(projectId, manager);
      if (project.status === ProjectStatus.FUNDED) {
        await this.jobs.enqueue(
          manager,
          REFUND_JOB,
          { projectId },
          { jobKey: `refund:${projectId}` },
        );
      }
    });
  }

  /** The refund job: one refund per project (idempotency key), then the ledger entry, once. */
  private async refund(projectId: string): Promise<void> {
    const funding = await this.dataSource
      .getRepository(FundingEntity)
      .findOneBy({ projectId, status: 'SUCCEEDED' });
    if (!funding?.paymentIntentId) return;
    const escrow = ledgerAccountKey(projectEscrowAccount(projectId));
    const [balance] = await this.ledger.balances([escrow]);
    if (!balance || balance.balanceCents <= 0) return;
    const refund = await this.provider.refund({
      paymentIntentId: funding.paymentIntentId,
      amountCents: balance.balanceCents,
      idempotencyKey: `refund:${projectId}:${balance.balanceCents}`,
    });
    await this.dataSource.transaction((manager) =>
      this.ledger.post(
        escrowRefunded({
          projectId,
          ownerId: funding.ownerId,
          amount: money(balance.balanceCents, balance.currency),
          refundId: refund.id,
        }),
        manager,
      ),
    );
  }
}
