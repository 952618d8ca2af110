import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@splitwork/config';
import { JobQueue, JobRegistry } from '@splitwork/jobs';
import { Clock, DomainError, ErrorCode, isUuid, money } from '@splitwork/kernel';
import { fundingReceived, PaymentCommand, quoteFunding } from '@splitwork/payments-core';
import { ProjectFundingGateway, ProjectStatus } from '@splitwork/planning';
import { Viewer } from '@splitwork/api-kit';
import { FundingEntity } from './funding.entity';
import { LedgerRepository } from './ledger.repository';
import { SIMULATED_FUNDING_JOB } from './payments.jobs';
import { PaymentProvider } from './providers/payment-provider';

type FundingSucceeded = Extract<PaymentCommand, { kind: 'FUNDING_SUCCEEDED' }>;
type FundingFailed = Extract<PaymentCommand, { kind: 'FUNDING_FAILED' }>;

/** Escrow funding: a PaymentIntent for the plan total plus fees; the provider's event credits escrow. */
@Injectable()
export class FundingService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectFundingGateway,
    private readonly ledger: LedgerRepository,
    private readonly provider: PaymentProvider,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(SIMULATED_FUNDING_JOB, async ({ fundingId }) => {
      const funding = await this.dataSource
        .getRepository(FundingEntity)
        .findOneBy({ id: fundingId });
      if (!funding?.paymentIntentId) return;
      await this.dataSource.transaction((manager) =>
        this.succeeded(
          {
            kind: 'FUNDING_SUCCEEDED',
            eventId: `sim_${funding.id}`,
            paymentIntentId: funding.paymentIntentId!,
            amountCents: funding.workCents + funding.feeCents,
            currency: funding.currency,
            projectId: funding.projectId,
            metadata: { fundingId: funding.id },
          },
          manager,
        ),
      );
    });
  }

  get feePolicy() {
    return {
      platformFeeBps: this.config.PLATFORM_FEE_BPS,
      reviewerFeeBps: this.config.REVIEWER_FEE_BPS,
    };
  }

  /**
   * Starts funding the project's plan: returns what the client needs to
   * confirm the payment. Asking again while the payment is pending returns the
   * same funding; once funded, CONFLICT.
   */
  async fundProject(viewer: Viewer, projectId: string): Promise<FundingEntity> {
    const funding = await this.dataSource.transaction(async (manager) => {
      const { project, planTotal } = await this.projects.lockWithPlanTotal(projectId, manager);
      if (project.ownerId !== viewer.id) throw DomainError.notFound('Project', projectId);
      const repo = manager.getRepository(FundingEntity);
      const live = await repo.findOne({
        where: [
          { projectId, status: 'PENDING' },
          { projectId, status: 'SUCCEEDED' },
        ],
      });
      if (live?.status === 'SUCCEEDED')
        throw DomainError.conflict('This project is already funded');
      if (live) return live;
      if (project.status !== ProjectStatus.PLANNED || !planTotal) {
        throw DomainError.invalidTransition(project.status, 'fund the project (plan it first)');
      }
      const quote = quoteFunding({
        amount: planTotal,
        projectCurrency: project.currency,
        budget: money(project.budgetCents, project.currency),
        fees: this.feePolicy,
      });
      return repo.save(
        repo.create({
          projectId,
          ownerId: viewer.id,
          status: 'PENDING',
          workCents: quote.work.amountCents,
          feeCents: quote.fees.amountCents,
          currency: quote.total.currency,
          simulated: this.provider.simulated,
          paymentIntentId: null,
          clientSecret: null,
          failureReason: null,
          succeededAt: null,
        }),
      );
    });
    if (funding.paymentIntentId) return funding;
    // Outside the transaction: a slow provider holds no lock. The idempotency
    // key makes a repeat after a crash return the same PaymentIntent.
    let intent;
    try {
      intent = await this.provider.createPaymentIntent({
        amountCents: funding.workCents + funding.feeCents,
        currency: funding.currency,
        projectId,
        fundingId: funding.id,
        idempotencyKey: `funding:${funding.id}`,
      });
    } catch (error) {
      throw new DomainError(
        ErrorCode.PAYMENT_FAILED,
        'The payment provider could not start the payment; try again',
        {
          reason: error instanceof Error ? error.message : String(error),
        },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(FundingEntity);
      await repo.update(
        { id: funding.id },
        { paymentIntentId: intent.id, clientSecret: intent.clientSecret },
      );
      if (this.provider.simulated)
        await this.jobs.enqueue(manager, SIMULATED_FUNDING_JOB, { fundingId: funding.id });
      return (await repo.findOneBy({ id: funding.id }))!;
    });
  }

  /** The provider says the payment succeeded: credit escrow and mark the project funded, once. */
  async succeeded(command: FundingSucceeded, manager: EntityManager): Promise<void> {
    const repo = manager.getRepository(FundingEntity);
    // The event may arrive before fundProject stored the PaymentIntent's id: our id is in its metadata.
    const fundingId = command.metadata.fundingId;
    const funding = await repo.findOne({
      where: [
        { paymentIntentId: command.paymentIntentId },
        ...(fundingId && isUuid(fundingId) ? [{ id: fundingId }] : []),
      ],
      lock: { mode: 'pessimistic_write' },
    });
    if (!funding || funding.status === 'SUCCEEDED') return;
    if (funding.paymentIntentId && funding.paymentIntentId !== command.paymentIntentId) return;
    if (
      command.amountCents !== funding.workCents + funding.feeCents ||
      command.currency !== funding.currency
    ) {
      throw DomainError.badInput('The payment does not match the funding', {
        fundingId: funding.id,
        paid: command.amountCents,
        expected: funding.workCents + funding.feeCents,
      });
    }
    await this.ledger.post(
      fundingReceived({
        projectId: funding.projectId,
        ownerId: funding.ownerId,
        amount: money(funding.workCents, funding.currency),
        platformFee: money(funding.feeCents, funding.currency),
        paymentIntentId: command.paymentIntentId,
      }),
      manager,
    );
    await repo.update(
      { id: funding.id },
      {
        status: 'SUCCEEDED',
        succeededAt: this.clock.now(),
        paymentIntentId: command.paymentIntentId,
      },
    );
    await this.projects.markFunded(funding.projectId, manager);
  }

  async failed(command: FundingFailed, manager: EntityManager): Promise<void> {
    await manager.getRepository(FundingEntity).update(
      { paymentIntentId: command.paymentIntentId, status: 'PENDING' },
      {
        status: 'FAILED',
        failureReason: command.failureMessage ?? command.failureCode ?? 'Payment failed',
      },
    );
  }
}
