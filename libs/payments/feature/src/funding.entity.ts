import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Currency } from '@splitwork/kernel';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

export type FundingStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

@Entity({ name: 'project_fundings' })
export class FundingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'text' })
  status!: FundingStatus;

  @Column({ name: 'work_cents', type: 'bigint', transformer: bigintNumber })
  workCents!: number;

  @Column({ name: 'fee_cents', type: 'bigint', transformer: bigintNumber })
  feeCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: Currency;

  @Column({ name: 'payment_intent_id', type: 'text', nullable: true })
  paymentIntentId!: string | null;

  @Column({ name: 'client_secret', type: 'text', nullable: true })
  clientSecret!: string | null;

  @Column({ type: 'boolean' })
  simulated!: boolean;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'succeeded_at', type: 'timestamptz', nullable: true })
  succeededAt!: Date | null;
}
