import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Currency } from '@splitwork/kernel';
import type { PayeeRole, PayoutStatus } from '@splitwork/payments-core';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * What a payee is owed for one approved task: the freelancer its price, the
 * approving reviewer the review fee (`payeeRole`). Its id is in the
 * transfer's idempotency key.
 */
// Created with created_at DESC, id DESC; TypeORM compares an index by name and columns, not order.
@Index('payouts_freelancer_idx', ['freelancerId', 'createdAt', 'id'])
@Index('payouts_project_idx', ['projectId', 'createdAt', 'id'])
@Index('payouts_status_idx', ['status', 'createdAt', 'id'])
@Index('payouts_waiting_idx', ['freelancerId'], { where: `status = 'WAITING_FOR_ONBOARDING'` })
@Unique('payouts_task_ref_payee_role_key', ['taskRef', 'payeeRole'])
@Unique('payouts_transfer_id_key', ['transferId'])
@Check('payouts_amount_cents_check', 'amount_cents > 0')
@Check('payouts_payee_role_check', `payee_role IN ('FREELANCER', 'REVIEWER')`)
@Entity({ name: 'payouts' })
export class PayoutEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('projects', { name: 'payouts_project_id_fkey' })
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  /** The approved task; unique per payee role, so a task never pays anyone twice. */
  @Column({ name: 'task_ref', type: 'text' })
  taskRef!: string;

  /** The payee: the task's freelancer, or for a REVIEWER payout the approving reviewer. */
  @ForeignKey('users', { name: 'payouts_freelancer_id_fkey' })
  @Column({ name: 'freelancer_id', type: 'uuid' })
  freelancerId!: string;

  @Column({ name: 'payee_role', type: 'text', default: 'FREELANCER' })
  payeeRole!: PayeeRole;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintNumber })
  amountCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: Currency;

  @Column({ type: 'text' })
  status!: PayoutStatus;

  @Column({ name: 'blocked_reason', type: 'text', nullable: true })
  blockedReason!: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'transfer_id', type: 'text', nullable: true })
  transferId!: string | null;

  @Column({ type: 'boolean' })
  simulated!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;
}
