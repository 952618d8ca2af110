import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { FreelancerSkill } from '@splitwork/marketplace-core';

@Check('freelancer_profiles_hourly_rate_cents_check', 'hourly_rate_cents > 0')
@Check('freelancer_profiles_weekly_hours_check', 'weekly_hours BETWEEN 0 AND 80')
@Entity({ name: 'freelancer_profiles' })
export class FreelancerProfileEntity {
  @ForeignKey('users', { name: 'freelancer_profiles_user_id_fkey' })
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'jsonb', default: [] })
  skills!: FreelancerSkill[];

  @Column({ name: 'hourly_rate_cents', type: 'int', nullable: true })
  hourlyRateCents!: number | null;

  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @Column({ name: 'weekly_hours', type: 'int', default: 20 })
  weeklyHours!: number;

  @Column({ name: 'portfolio_links', type: 'jsonb', default: [] })
  portfolioLinks!: string[];

  /** The overall Bayesian reputation (1–5), kept current by the reputation service. */
  @Column({
    type: 'numeric',
    default: () => '3.5',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  reputation!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
