import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Viewer } from '@splitwork/api-kit';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  AssignmentRecord,
  assignmentOutcome,
  computeReputation,
  Reputation,
} from '@splitwork/marketplace-core';
import { ProjectFundingGateway } from '@splitwork/planning';
import { AssignmentRecordEntity } from './assignment-record.entity';
import { SubmissionEntity } from './submission.entity';
import { TaskRepository, TaskTransition } from './task.repository';

export interface RateTaskCommand {
  readonly taskId: string;
  readonly rating: number;
  readonly comment?: string | null;
}

const toRecord = (r: AssignmentRecordEntity): AssignmentRecord => ({
  skills: r.skills,
  result: r.result,
  reviewScore: r.reviewScore,
  ownerRating: r.ownerRating,
  onTime: r.onTime,
  submissions: r.submissions,
  estimatedHours: r.estimatedHours,
  actualHours: r.actualHours,
});

/**
 * Assignment records (written on every transition that ends a freelancer's
 * hold on a task), owner ratings, and the reputation computed from them;
 * `freelancer_profiles.reputation` is kept current in the same transaction.
 */
@Injectable()
export class ReputationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectFundingGateway,
    private readonly clock: Clock,
  ) {}

  private records(manager: EntityManager) {
    return manager.getRepository(AssignmentRecordEntity);
  }

  /** In the transition's transaction (task-lifecycle.flow.ts): the assignment record it ends, if any. */
  async recordTransition(
    { task, from, to }: TaskTransition,
    manager: EntityManager,
  ): Promise<void> {
    const now = this.clock.now();
    const outcome = assignmentOutcome(from, to, now);
    if (outcome.kind === 'NONE') return;
    if (outcome.kind === 'OVERTURNED') {
      // The rejected assignment becomes an approval; the overturned review no longer scores it.
      const rejected = await this.records(manager).findOne({
        where: { taskId: task.id, freelancerId: outcome.freelancerId, result: 'REJECTED' },
        order: { finishedAt: 'DESC' },
      });
      if (rejected) {
        await this.records(manager).update(rejected.id, {
          result: 'APPROVED',
          reviewScore: null,
          finishedAt: now,
        });
      }
      await this.refresh(outcome.freelancerId, manager);
      return;
    }
    // The hold's own submissions are its last `submissions` ones (a task may be held again later).
    const submissions =
      outcome.submissions === 0
        ? []
        : await manager.getRepository(SubmissionEntity).find({
            where: { taskId: task.id, freelancerId: outcome.freelancerId },
            order: { createdAt: 'DESC', revision: 'DESC' },
            take: outcome.submissions,
          });
    const delivered = outcome.result === 'APPROVED' || outcome.result === 'REJECTED';
    await this.records(manager).insert({
      taskId: task.id,
      projectId: task.projectId,
      freelancerId: outcome.freelancerId,
      result: outcome.result,
      skills: task.skills.map((s) => s.skill),
      // The state machine refuses a submission after its claim deadline, so delivered work was on time.
      onTime: delivered,
      submissions: outcome.submissions,
      estimatedHours: task.estimate.likely,
      actualHours:
        submissions.length === 0 ? null : submissions.reduce((sum, s) => sum + s.hoursSpent, 0),
      reviewScore: null,
      ownerRating: null,
      ownerComment: null,
      ratedAt: null,
      claimedAt: outcome.claimedAt,
      finishedAt: now,
    });
    await this.refresh(outcome.freelancerId, manager);
  }

  /**
   * The final review's overall score, once ReviewService has stored it (after the
   * transition): set on the assignment that review ended.
   */
  async recordReviewScore(
    taskId: string,
    freelancerId: string,
    score: number | null,
    manager: EntityManager,
  ): Promise<void> {
    const record = await this.records(manager).findOne({
      where: { taskId, freelancerId },
      order: { finishedAt: 'DESC', createdAt: 'DESC' },
    });
    if (!record || score === null) return;
    await this.records(manager).update(record.id, { reviewScore: score });
    await this.refresh(freelancerId, manager);
  }

  /** The project's owner rates approved work, once per task. */
  async rateTask(viewer: Viewer, command: RateTaskCommand): Promise<AssignmentRecordEntity> {
    const task = await this.tasks.findById(command.taskId);
    if (!task) throw DomainError.notFound('Task', command.taskId);
    const project = await this.projects.findById(task.projectId);
    if (!project || project.ownerId !== viewer.id) {
      throw DomainError.forbidden("Only the project's owner can rate its tasks");
    }
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.tasks.lock(command.taskId, manager);
      if (!locked) throw DomainError.notFound('Task', command.taskId);
      if (locked.state.status !== 'APPROVED' && locked.state.status !== 'PAID') {
        throw DomainError.invalidTransition(locked.state.status, 'rate');
      }
      const record = await this.records(manager).findOneBy({
        taskId: locked.id,
        result: 'APPROVED',
      });
      if (!record) throw DomainError.notFound('Approved assignment of task', locked.id);
      if (record.ownerRating !== null) throw DomainError.conflict('This task is already rated');
      record.ownerRating = command.rating;
      record.ownerComment = command.comment?.trim() || null;
      record.ratedAt = this.clock.now();
      const saved = await this.records(manager).save(record);
      await this.refresh(record.freelancerId, manager);
      return saved;
    });
  }

  async reputationOf(freelancerId: string, manager?: EntityManager): Promise<Reputation> {
    const rows = await this.records(manager ?? this.dataSource.manager).find({
      where: { freelancerId },
      order: { finishedAt: 'ASC', id: 'ASC' },
    });
    return computeReputation(rows.map(toRecord));
  }

  /** Keeps `freelancer_profiles.reputation` (the overall Bayesian score) current. */
  private async refresh(freelancerId: string, manager: EntityManager): Promise<void> {
    const { overall } = await this.reputationOf(freelancerId, manager);
    await manager.query(
      `INSERT INTO freelancer_profiles (user_id, reputation) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET reputation = EXCLUDED.reputation`,
      [freelancerId, overall.score],
    );
  }
}
