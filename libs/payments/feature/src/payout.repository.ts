import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PayeeRole, PayoutState, payoutRecordUpdate } from '@splitwork/payments-core';
import { PayoutEntity } from './payout.entity';

/** Payouts: the lists each role may see, and the writes of the payout state machine. */
@Injectable()
export class PayoutRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query() {
    return this.dataSource.getRepository(PayoutEntity).createQueryBuilder('p');
  }

  ofFreelancer(freelancerId: string) {
    return this.query().where('p.freelancer_id = :freelancerId', { freelancerId });
  }

  /** Payouts of any project, for lists that filter and page them per project. */
  all() {
    return this.query();
  }

  failed() {
    return this.query().where(`p.status IN ('FAILED_PERMANENT', 'FAILED_RETRYABLE')`);
  }

  waiting() {
    return this.query().where(`p.status = 'WAITING_FOR_ONBOARDING'`);
  }

  /** A task's payout to the payee of `payeeRole`. */
  findOfTask(
    taskRef: string,
    payeeRole: PayeeRole,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PayoutEntity | null> {
    return manager.getRepository(PayoutEntity).findOneBy({ taskRef, payeeRole });
  }

  find(id: string, manager: EntityManager = this.dataSource.manager): Promise<PayoutEntity | null> {
    return manager.getRepository(PayoutEntity).findOneBy({ id });
  }

  /** The payout, locked until the caller's transaction ends. */
  lock(id: string, manager: EntityManager): Promise<PayoutEntity | null> {
    return manager
      .getRepository(PayoutEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The payee's payouts waiting for onboarding (any role), locked until the caller's transaction ends. */
  lockWaitingOf(freelancerId: string, manager: EntityManager): Promise<PayoutEntity[]> {
    return manager.getRepository(PayoutEntity).find({
      where: { freelancerId, status: 'WAITING_FOR_ONBOARDING' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** A new payout in its initial state. */
  create(
    payout: Pick<
      PayoutEntity,
      | 'projectId'
      | 'taskRef'
      | 'freelancerId'
      | 'payeeRole'
      | 'amountCents'
      | 'currency'
      | 'simulated'
    >,
    state: PayoutState,
    manager: EntityManager,
  ): Promise<PayoutEntity> {
    const repo = manager.getRepository(PayoutEntity);
    return repo.save(
      repo.create({
        ...payout,
        blockedReason: null,
        failureReason: null,
        transferId: null,
        paidAt: null,
        ...payoutRecordUpdate(state),
      }),
    );
  }

  /** Writes the state the payout state machine computed (and `paidAt` when it became PAID). */
  async saveState(
    payout: PayoutEntity,
    next: PayoutState,
    manager: EntityManager,
    paidAt?: Date,
  ): Promise<PayoutEntity> {
    const update = { ...payoutRecordUpdate(next), ...(paidAt ? { paidAt } : {}) };
    await manager.getRepository(PayoutEntity).update({ id: payout.id }, update);
    return Object.assign(payout, update);
  }
}
