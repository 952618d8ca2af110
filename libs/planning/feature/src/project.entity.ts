import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Currency } from '@splitwork/kernel';
import { ProjectStatus, RateCard, TargetPlatform } from './target-platform';

@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  brief!: string;

  @Column({ type: 'text', array: true })
  platforms!: TargetPlatform[];

  @Column({
    name: 'budget_cents',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  budgetCents!: number;

  @Column({ type: 'text' })
  currency!: Currency;

  @Column({ type: 'timestamptz', nullable: true })
  deadline!: Date | null;

  @Column({ name: 'rate_card', type: 'jsonb' })
  rateCard!: RateCard;

  @Column({ type: 'text' })
  status!: ProjectStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
