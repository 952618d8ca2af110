import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Currency } from '@splitwork/kernel';
import type { BriefLineOverrides, RateCard } from '@splitwork/planning-core';
import { ProjectStatus, TargetPlatform } from './target-platform';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? v : Number(v)) };

// Created with created_at DESC, id DESC; TypeORM compares an index by name and columns, not order.
@Index('projects_owner_created_idx', ['ownerId', 'createdAt', 'id'])
@Check('projects_title_check', 'length(title) BETWEEN 1 AND 200')
@Check('projects_brief_check', 'length(brief) BETWEEN 1 AND 100000')
@Check('projects_platforms_check', 'cardinality(platforms) > 0')
@Check('projects_budget_cents_check', 'budget_cents > 0')
@Check(
  'projects_size_band_check',
  'size_band_min_hours > 0 AND size_band_min_hours <= size_band_max_hours',
)
@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('users', { name: 'projects_owner_id_fkey' })
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

  @Column({ type: 'char', length: 3 })
  currency!: Currency;

  @Column({ type: 'timestamptz', nullable: true })
  deadline!: Date | null;

  @Column({ name: 'rate_card', type: 'jsonb' })
  rateCard!: RateCard;

  @Column({ type: 'text' })
  status!: ProjectStatus;

  /** Size band of the tasks in hours (likely estimate), 1..8 by default. */
  @Column({ name: 'size_band_min_hours', type: 'numeric', default: 1, transformer: numeric })
  sizeBandMinHours!: number;

  @Column({ name: 'size_band_max_hours', type: 'numeric', default: 8, transformer: numeric })
  sizeBandMaxHours!: number;

  /** The owner's reclassification of brief lines, by line number; read by the next planning run. */
  @Column({ name: 'brief_line_kinds', type: 'jsonb', default: {} })
  briefLineKinds!: BriefLineOverrides;

  /**
   * The project has a private talent pool (a row in project_talent_pools),
   * kept by a database trigger on that table; read by the marketplace's
   * feed, never written here.
   */
  @Column({
    name: 'has_talent_pool',
    type: 'boolean',
    default: false,
    select: false,
    insert: false,
    update: false,
  })
  hasTalentPool?: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
