import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { FreelancerSkill } from '@splitwork/marketplace-core';

/** A reviewer's skills, for the open review queue. */
@Entity({ name: 'reviewer_profiles' })
export class ReviewerProfileEntity {
  @ForeignKey('users', { name: 'reviewer_profiles_user_id_fkey' })
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'jsonb', default: [] })
  skills!: FreelancerSkill[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
