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

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

export type FundingStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

// Partial: at most one live funding per project.
@Index('project_fundings_one_live_idx', ['projectId'], {
  unique: true,
  where: `status IN ('PENDING', 'SUCCEEDED')`,
})
@Unique('project_fundings_payment_intent_id_key', ['paymentIntentId'])
@Check('project_fundings_status_check', `status IN ('PENDING', 'SUCCEEDED', 'FAILED')`)
@Check('project_fundings_work_cents_check', 'work_cents > 0')
@Check('project_fundings_fee_cents_check', 'fee_cents >= 0')
@Entity({ name: 'project_fundings' })
export class FundingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('projects', { name: 'project_fundings_project_id_fkey' })
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ForeignKey('users', { name: 'project_fundings_owner_id_fkey' })
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
