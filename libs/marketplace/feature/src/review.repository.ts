import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ReviewEntity } from './review.entity';
import { SubmissionEntity } from './submission.entity';

export type NewReview = Omit<ReviewEntity, 'id' | 'createdAt'>;
export type NewSubmission = Omit<SubmissionEntity, 'id' | 'createdAt'>;

/** A review and the number of the submission it judged. */
export interface ReviewedRevision {
  review: ReviewEntity;
  revision: number;
}

/** Submissions of work and the reviews that judged them. */
@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertReview(review: NewReview, manager: EntityManager): Promise<ReviewEntity> {
    const repo = manager.getRepository(ReviewEntity);
    return repo.save(repo.create(review));
  }

  async insertSubmission(
    submission: NewSubmission,
    manager: EntityManager,
  ): Promise<SubmissionEntity> {
    const repo = manager.getRepository(SubmissionEntity);
    return repo.save(repo.create(submission));
  }

  /** The task's latest submission (highest revision). */
  latestSubmission(taskId: string, manager: EntityManager): Promise<SubmissionEntity | null> {
    return manager
      .getRepository(SubmissionEntity)
      .findOne({ where: { taskId }, order: { revision: 'DESC' } });
  }

  /** The freelancer's last `count` submissions of the task, newest first. */
  latestSubmissionsOf(
    taskId: string,
    freelancerId: string,
    count: number,
    manager: EntityManager,
  ): Promise<SubmissionEntity[]> {
    return manager.getRepository(SubmissionEntity).find({
      where: { taskId, freelancerId },
      order: { createdAt: 'DESC', revision: 'DESC' },
      take: count,
    });
  }

  /** The revision of the freelancer's latest rejected submission of the task, if any. */
  async latestRejectedRevision(
    taskId: string,
    freelancerId: string,
    manager: EntityManager,
  ): Promise<number | null> {
    const [rejected] = await manager.query<{ revision: number }[]>(
      `SELECT s.revision FROM task_reviews r JOIN task_submissions s ON s.id = r.submission_id
       WHERE r.task_id = $1 AND r.verdict = 'REJECT' AND s.freelancer_id = $2
       ORDER BY r.created_at DESC LIMIT 1`,
      [taskId, freelancerId],
    );
    return rejected ? rejected.revision : null;
  }

  /** The reviewers who rejected the freelancer's submission `revision` of the task. */
  async rejectedBy(
    taskId: string,
    freelancerId: string,
    revision: number,
    manager: EntityManager,
  ): Promise<string[]> {
    const rows = await manager.query<{ reviewer_id: string }[]>(
      `SELECT r.reviewer_id FROM task_reviews r JOIN task_submissions s ON s.id = r.submission_id
        WHERE r.task_id = $1 AND s.freelancer_id = $2 AND s.revision = $3
          AND r.verdict = 'REJECT' AND r.reviewer_id IS NOT NULL`,
      [taskId, freelancerId, revision],
    );
    return rows.map((r) => r.reviewer_id);
  }

  /** The reviewer whose approval of the task stands (null when it was approved without one). */
  async approvedBy(taskId: string, manager: EntityManager): Promise<string | null> {
    const review = await manager
      .getRepository(ReviewEntity)
      .findOne({ where: { taskId, verdict: 'APPROVE' }, order: { createdAt: 'DESC' } });
    return review?.reviewerId ?? null;
  }

  /** Every submission of the tasks, by task then revision (a task has a few). */
  submissionsOfTasks(taskIds: readonly string[]): Promise<SubmissionEntity[]> {
    if (taskIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(SubmissionEntity).find({
      where: { taskId: In([...taskIds]) },
      order: { taskId: 'ASC', revision: 'ASC' },
    });
  }

  /** Every review of the tasks with the revision it judged, oldest first. */
  async reviewsOfTasks(taskIds: readonly string[]): Promise<ReviewedRevision[]> {
    if (taskIds.length === 0) return [];
    const { entities, raw } = await this.dataSource
      .getRepository(ReviewEntity)
      .createQueryBuilder('r')
      .innerJoin(SubmissionEntity, 's', 's.id = r.submission_id')
      .addSelect('s.revision', 'judged_revision')
      .where('r.task_id IN (:...taskIds)', { taskIds: [...taskIds] })
      .orderBy('s.revision', 'ASC')
      .addOrderBy('r.created_at', 'ASC')
      .getRawAndEntities<{ r_id: string; judged_revision: number }>();
    const revisionOf = new Map(raw.map((row) => [row.r_id, Number(row.judged_revision)]));
    return entities.map((review) => ({ review, revision: revisionOf.get(review.id) ?? 0 }));
  }
}
