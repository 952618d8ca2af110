import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FreelancerSkill } from '@splitwork/marketplace-core';

@Entity({ name: 'freelancer_profiles' })
export class FreelancerProfileEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'jsonb' })
  skills!: FreelancerSkill[];

  @Column({ name: 'hourly_rate_cents', type: 'int', nullable: true })
  hourlyRateCents!: number | null;

  @Column({ type: 'text' })
  timezone!: string;

  @Column({ name: 'weekly_hours', type: 'int' })
  weeklyHours!: number;

  @Column({ name: 'portfolio_links', type: 'jsonb' })
  portfolioLinks!: string[];

  /** The overall Bayesian reputation (1–5), kept current by the reputation service. */
  @Column({
    type: 'numeric',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  reputation!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
