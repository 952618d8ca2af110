import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FreelancerSkill } from '@splitwork/marketplace-core';

/** A reviewer's skills, for the open review queue. */
@Entity({ name: 'reviewer_profiles' })
export class ReviewerProfileEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'jsonb' })
  skills!: FreelancerSkill[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
