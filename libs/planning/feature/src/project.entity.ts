import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Currency } from '@splitwork/kernel';
import type { RateCard } from '@splitwork/planning-core';
import { ProjectStatus, TargetPlatform } from './target-platform';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? v : Number(v)) };

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
    transformer: numeric,
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

  /** Size band of the tasks in hours (likely estimate), 1..8 by default. */
  @Column({ name: 'size_band_min_hours', type: 'numeric', transformer: numeric })
  sizeBandMinHours!: number;

  @Column({ name: 'size_band_max_hours', type: 'numeric', transformer: numeric })
  sizeBandMaxHours!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
