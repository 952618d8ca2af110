import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { ReviewerProfileEntity } from './reviewer-profile.entity';

/** Freelancer and reviewer profiles: skills, rate, availability, reputation. */
@Injectable()
export class ProfileRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private freelancers(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(FreelancerProfileEntity);
  }

  private reviewers(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ReviewerProfileEntity);
  }

  freelancer(userId: string, manager?: EntityManager): Promise<FreelancerProfileEntity | null> {
    return this.freelancers(manager).findOneBy({ userId });
  }

  /** Writes the profile (one per user) and reads it back. */
  async upsertFreelancer(
    profile: Partial<FreelancerProfileEntity> & { userId: string },
  ): Promise<FreelancerProfileEntity> {
    await this.freelancers().upsert(profile, ['userId']);
    return (await this.freelancers().findOneBy({ userId: profile.userId }))!;
  }

  reviewer(userId: string, manager?: EntityManager): Promise<ReviewerProfileEntity | null> {
    return this.reviewers(manager).findOneBy({ userId });
  }

  async upsertReviewer(
    profile: Partial<ReviewerProfileEntity> & { userId: string },
  ): Promise<ReviewerProfileEntity> {
    await this.reviewers().upsert(profile, ['userId']);
    return (await this.reviewers().findOneBy({ userId: profile.userId }))!;
  }

  /**
   * Profiles listing every one of `skills` (levels are the ranking's
   * business) that the project's pool admits, if it has one; by user id, at
   * most `limit`.
   */
  candidatesFor(
    projectId: string,
    skills: readonly string[],
    limit: number,
    manager: EntityManager,
  ): Promise<FreelancerProfileEntity[]> {
    const query = this.freelancers(manager).createQueryBuilder('p');
    skills.forEach((skill, i) =>
      query.andWhere(`p.skills @> :skill${i}::jsonb`, {
        [`skill${i}`]: JSON.stringify([{ skill }]),
      }),
    );
    // Outside a private pool nobody may take the task: not a candidate at all.
    query.andWhere(
      `(NOT EXISTS (SELECT 1 FROM project_talent_pools pool WHERE pool.project_id = :projectId)
        OR EXISTS (SELECT 1 FROM project_pool_members pm
                   WHERE pm.project_id = :projectId AND pm.freelancer_id = p.user_id)
        OR EXISTS (SELECT 1 FROM project_talent_pools pool
                   JOIN organization_members om ON om.organization_id = pool.organization_id
                   WHERE pool.project_id = :projectId AND om.user_id = p.user_id))`,
      { projectId },
    );
    return query.orderBy('p.user_id', 'ASC').take(limit).getMany();
  }

  /** Keeps the profile's reputation score current (creating a bare profile if need be). */
  async setReputation(freelancerId: string, score: number, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO freelancer_profiles (user_id, reputation) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET reputation = EXCLUDED.reputation`,
      [freelancerId, score],
    );
  }
}
