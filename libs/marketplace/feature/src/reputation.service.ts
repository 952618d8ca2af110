import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, Viewer } from '@splitwork/api-kit';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  AssignmentRecord,
  assignmentOutcome,
  computeReputation,
  Reputation,
} from '@splitwork/marketplace-core';
import { ProjectFundingGateway } from '@splitwork/planning';
import { AssignmentRecordEntity } from './assignment-record.entity';
import { AssignmentRecordRepository } from './assignment-record.repository';
import { ProfileRepository } from './profile.repository';
import { ReviewRepository } from './review.repository';
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
    private readonly records: AssignmentRecordRepository,
    private readonly reviews: ReviewRepository,
    private readonly profiles: ProfileRepository,
  ) {}

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
      const rejected = await this.records.latestRejected(task.id, outcome.freelancerId, manager);
      if (rejected) {
        await this.records.update(
          rejected.id,
          { result: 'APPROVED', reviewScore: null, finishedAt: now },
          manager,
        );
      }
      await this.refresh(outcome.freelancerId, manager);
      return;
    }
    // The hold's own submissions are its last `submissions` ones (a task may be held again later).
    const submissions =
      outcome.submissions === 0
        ? []
        : await this.reviews.latestSubmissionsOf(
            task.id,
            outcome.freelancerId,
            outcome.submissions,
            manager,
          );
    const delivered = outcome.result === 'APPROVED' || outcome.result === 'REJECTED';
    await this.records.insert(
      {
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
      },
      manager,
    );
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
    const record = await this.records.latestOf(taskId, freelancerId, manager);
    if (!record || score === null) return;
    await this.records.update(record.id, { reviewScore: score }, manager);
    await this.refresh(freelancerId, manager);
  }

  /** The project's owner rates approved work, once per task. */
  async rateTask(viewer: Viewer, command: RateTaskCommand): Promise<AssignmentRecordEntity> {
    const task = await this.tasks.findById(command.taskId);
    if (!task) throw DomainError.notFound('Task', command.taskId);
    const project = await this.projects.findById(task.projectId);
    if (!project) throw DomainError.notFound('Task', command.taskId);
    if (project.ownerId !== viewer.id) {
      // An admin may see the task but the rating is the owner's; anyone else may not see it.
      if (isAdmin(viewer))
        throw DomainError.forbidden("Only the project's owner can rate its tasks");
      throw DomainError.notFound('Task', command.taskId);
    }
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.tasks.lock(command.taskId, manager);
      if (!locked) throw DomainError.notFound('Task', command.taskId);
      if (locked.state.status !== 'APPROVED' && locked.state.status !== 'PAID') {
        throw DomainError.invalidTransition(locked.state.status, 'rate');
      }
      const record = await this.records.approvedOf(locked.id, manager);
      if (!record) throw DomainError.notFound('Approved assignment of task', locked.id);
      if (record.ownerRating !== null) throw DomainError.conflict('This task is already rated');
      record.ownerRating = command.rating;
      record.ownerComment = command.comment?.trim() || null;
      record.ratedAt = this.clock.now();
      const saved = await this.records.save(record, manager);
      await this.refresh(record.freelancerId, manager);
      return saved;
    });
  }

  async reputationOf(freelancerId: string, manager?: EntityManager): Promise<Reputation> {
    const rows = await this.records.ofFreelancer(freelancerId, manager);
    return computeReputation(rows.map(toRecord));
  }

  /** Keeps `freelancer_profiles.reputation` (the overall Bayesian score) current. */
  private async refresh(freelancerId: string, manager: EntityManager): Promise<void> {
    const { overall } = await this.reputationOf(freelancerId, manager);
    await this.profiles.setReputation(freelancerId, overall.score, manager);
  }
}
