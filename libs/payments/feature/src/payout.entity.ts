import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Currency } from '@splitwork/kernel';
import type { PayoutStatus } from '@splitwork/payments-core';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** What a freelancer is owed for one approved task; its id is the transfer's idempotency key. */
@Entity({ name: 'payouts' })
export class PayoutEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  /** The approved task; unique, so a task is never paid twice. */
  @Column({ name: 'task_ref', type: 'text' })
  taskRef!: string;

  @Column({ name: 'freelancer_id', type: 'uuid' })
  freelancerId!: string;

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

  @Column({ type: 'int' })
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
