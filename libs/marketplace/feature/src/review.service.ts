import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { requireOwnerOrAdmin, Viewer } from '@splitwork/api-kit';
import { DomainEvents } from '@splitwork/database';
import { UserRepository } from '@splitwork/identity';
import { JobRegistry } from '@splitwork/jobs';
import { Clock, DomainError, money, Role } from '@splitwork/kernel';
import {
  assertNoReviewConflict,
  buildScorecard,
  canRequestChanges,
  claimDeadline,
  ReviewDraft,
  skillGaps,
  transitionTask,
  validateReview,
} from '@splitwork/marketplace-core';
import { PayoutService } from '@splitwork/payments';
import { ProjectFundingGateway } from '@splitwork/planning';
import { AUTO_APPROVE_JOB } from './marketplace.jobs';
import { ReputationService } from './reputation.service';
import { ReviewConflictRepository } from './review-conflict.repository';
import { ReviewerAccess } from './reviewer-access';
import { ReviewerFinderRepository } from './reviewer-finder.repository';
import { MarketplacePolicies } from './marketplace-policies';
import { ProfileRepository } from './profile.repository';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import { ReviewEntity } from './review.entity';
import { TaskReviewed } from './review.events';
import { ReviewRepository } from './review.repository';
import { SubmissionEntity } from './submission.entity';
import { TaskBoardService } from './task-board.service';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

/** Expert review of submissions; approval pays the freelancer in the same transaction. */
@Injectable()
export class ReviewService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly board: TaskBoardService,
    private readonly payouts: PayoutService,
    private readonly projects: ProjectFundingGateway,
    private readonly users: UserRepository,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly reputation: ReputationService,
    private readonly policies: MarketplacePolicies,
    private readonly conflicts: ReviewConflictRepository,
    private readonly access: ReviewerAccess,
    private readonly reviews: ReviewRepository,
    private readonly projectReviewers: ProjectReviewerRepository,
    private readonly profiles: ProfileRepository,
    private readonly events: DomainEvents,
    private readonly finder: ReviewerFinderRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(AUTO_APPROVE_JOB, ({ taskId, revision }) =>
      this.autoApprove(taskId, revision),
    );
  }

  /**
   * The owner makes an approved reviewer the project's expert: they follow
   * every task of it, so none of those may be theirs to judge (conflict rule).
   */
  async assignReviewer(viewer: Viewer, projectId: string, reviewerId: string): Promise<void> {
    const project = await this.projects.findById(projectId);
    if (!project) throw DomainError.notFound('Project', projectId);
    requireOwnerOrAdmin(viewer, project.ownerId, 'Project', projectId);
    await this.dataSource.transaction(async (manager) => {
      const reviewer = await this.users.findById(reviewerId, manager);
      if (!reviewer?.roles.includes(Role.REVIEWER)) {
        throw DomainError.badInput('That user is not an approved reviewer', {
          field: 'reviewerId',
        });
      }
      // The project's tasks cannot be claimed meanwhile: the claim gate reads project_reviewers.
      await this.projects.lock(projectId, manager);
      assertNoReviewConflict(
        await this.conflicts.reviewer(reviewerId, manager),
        await this.conflicts.projectWork(projectId, manager),
      );
      await this.projectReviewers.add(projectId, reviewerId, manager);
    });
  }

  /** The owner's conflict-of-interest setting (owner or admin; others NOT_FOUND). */
  async setReviewPolicy(
    viewer: Viewer,
    projectId: string,
    excludeSameOrganization: boolean,
  ): Promise<void> {
    const project = await this.projects.findById(projectId);
    if (!project) throw DomainError.notFound('Project', projectId);
    requireOwnerOrAdmin(viewer, project.ownerId, 'Project', projectId);
    await this.conflicts.setExcludeSameOrganization(
      projectId,
      excludeSameOrganization,
      this.clock.now(),
    );
  }

  isProjectReviewer(
    reviewerId: string,
    projectId: string,
    manager?: EntityManager,
  ): Promise<boolean> {
    return this.projectReviewers.isReviewer(projectId, reviewerId, manager);
  }

  /**
   * The project's expert reviews its tasks; a project without an expert is
   * open to every reviewer whose skills cover the task's (the review queue).
   * Either way, nobody judges work they have a conflict of interest in.
   */
  private async assertMayReview(
    viewer: Viewer,
    task: TaskEntity,
    manager: EntityManager,
  ): Promise<void> {
    const { admin } = await this.access.require(viewer.id, manager);
    // A reviewer the task is not for may not learn that it exists (it is not in their queue).
    if (!admin && !(await this.coversTask(viewer, task, manager))) {
      throw DomainError.notFound('Task', task.id);
    }
    assertNoReviewConflict(
      await this.conflicts.reviewer(viewer.id, manager),
      await this.conflicts.taskWork(task, manager),
    );
  }

  private async coversTask(
    viewer: Viewer,
    task: TaskEntity,
    manager: EntityManager,
  ): Promise<boolean> {
    const experts = await this.projectReviewers.reviewerIdsOf(task.projectId, manager);
    if (experts.length > 0) return experts.includes(viewer.id);
    const profile = await this.profiles.reviewer(viewer.id, manager);
    return profile !== null && skillGaps(profile.skills, task.skills).length === 0;
  }

  /**
   * Who to tell that a task's submission waits for review (notifications.flow.ts):
   * the reviewers assigned to its project, except whoever did the work; on a
   * project without one, the reviewers the review queue offers the task to
   * (same skill and conflict rules), the best-fitting
   * REVIEW_QUEUE_NOTIFY_LIMIT of them.
   */
  async reviewersToNotify(task: TaskEntity, manager: EntityManager): Promise<string[]> {
    const reviewerIds = await this.projectReviewers.reviewerIdsOf(task.projectId, manager);
    if (reviewerIds.length > 0) return reviewerIds.filter((id) => id !== task.assigneeId);
    const limit = this.policies.reviewQueueNotifyLimit;
    return limit > 0 ? this.finder.queueReviewerIdsFor(task, limit, manager) : [];
  }

  async review(
    viewer: Viewer,
    taskId: string,
    draft: ReviewDraft,
  ): Promise<{ task: TaskEntity; review: ReviewEntity; revision: number }> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      if (!task) throw DomainError.notFound('Task', taskId);
      await this.assertMayReview(viewer, task, manager);
      if (task.state.status !== 'SUBMITTED')
        throw DomainError.invalidTransition(task.state.status, 'review');
      const submission = await this.latestSubmission(taskId, manager);
      const review = validateReview(
        buildScorecard(task.acceptanceCriteria),
        draft,
        task.state.revision,
        this.policies.review,
      );
      const now = this.clock.now();
      const assignee = task.state.assigneeId;
      let saved: TaskEntity;
      switch (review.verdict) {
        case 'APPROVE':
          saved = await this.approve(
            task,
            transitionTask(task.state, { kind: 'APPROVE', at: now }),
            assignee,
            viewer.id,
            manager,
          );
          break;
        case 'REQUEST_CHANGES':
          if (!canRequestChanges(task.state.revision, this.policies.review)) {
            throw DomainError.badInput(
              `This was revision ${task.state.revision} of at most ${this.policies.review.maxRevisions}: approve or reject it`,
              { field: 'verdict' },
            );
          }
          saved = await this.tasks.saveState(
            task,
            transitionTask(task.state, {
              kind: 'REQUEST_CHANGES',
              at: now,
              deadline: claimDeadline(task.estimate.likely, now, this.policies.claim),
            }),
            manager,
          );
          break;
        case 'REJECT':
          saved = await this.tasks.saveState(
            task,
            transitionTask(task.state, { kind: 'REJECT', at: now }),
            manager,
          );
          break;
      }
      const stored = await this.reviews.insertReview(
        {
          taskId,
          submissionId: submission.id,
          reviewerId: viewer.id,
          verdict: review.verdict,
          scorecard: [...review.assessments],
          overallScore: review.overallScore,
          feedback: review.feedback ?? '',
        },
        manager,
      );
      if (review.verdict !== 'REQUEST_CHANGES') {
        await this.reputation.recordReviewScore(taskId, assignee, review.overallScore, manager);
      }
      await this.events.publish(new TaskReviewed(saved, stored), manager);
      return { task: saved, review: stored, revision: submission.revision };
    });
  }

  /** The auto-approval job: a submission still unreviewed at its due time is approved. */
  async autoApprove(taskId: string, revision: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      if (!task || task.state.status !== 'SUBMITTED' || task.state.revision !== revision) return;
      const now = this.clock.now();
      if (now.getTime() < task.state.autoApproveAt.getTime()) return;
      const submission = await this.latestSubmission(taskId, manager);
      await this.approve(
        task,
        transitionTask(task.state, { kind: 'AUTO_APPROVE', at: now }),
        task.state.assigneeId,
        null,
        manager,
      );
      await this.reviews.insertReview(
        {
          taskId,
          submissionId: submission.id,
          reviewerId: null,
          verdict: 'APPROVE',
          scorecard: [],
          overallScore: null,
          feedback: 'Approved automatically: no review within the review delay',
        },
        manager,
      );
    });
  }

  /**
   * In the caller's transaction (an admin's appeal decision, the task locked):
   * approves the rejected submission `revision` of `freelancerId` through the
   * same path as a reviewer's approval, without a reviewer fee.
   */
  approveOnAppeal(
    task: TaskEntity,
    freelancerId: string,
    revision: number,
    manager: EntityManager,
  ): Promise<TaskEntity> {
    const approved = transitionTask(task.state, {
      kind: 'APPEAL_OVERTURNED',
      freelancerId,
      revision,
      at: this.clock.now(),
    });
    return this.approve(task, approved, freelancerId, null, manager);
  }

  /** Approval: the payout's ledger entries and job, then the dependents that can now open. */
  private async approve(
    task: TaskEntity,
    approved: ReturnType<typeof transitionTask>,
    freelancerId: string,
    reviewerId: string | null,
    manager: EntityManager,
  ): Promise<TaskEntity> {
    const saved = await this.tasks.saveState(task, approved, manager);
    await this.payouts.payForApprovedTask(
      {
        projectId: task.projectId,
        taskRef: task.id,
        freelancerId,
        reviewerId,
        price: money(task.priceCents, task.currency),
      },
      manager,
    );
    await this.board.releaseReady(task.projectId, manager);
    return saved;
  }

  private async latestSubmission(
    taskId: string,
    manager: EntityManager,
  ): Promise<SubmissionEntity> {
    const submission = await this.reviews.latestSubmission(taskId, manager);
    if (!submission) throw DomainError.notFound('Submission of task', taskId);
    return submission;
  }
}
