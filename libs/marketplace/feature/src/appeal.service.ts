import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isAdmin, Viewer } from '@splitwork/api-kit';
import { DomainEvents } from '@splitwork/database';
import { Clock, DomainError } from '@splitwork/kernel';
import { assertNoReviewConflict, effectiveTaskState } from '@splitwork/marketplace-core';
import { AppealEntity } from './appeal.entity';
import { AppealDecided } from './appeal.events';
import { AppealRepository } from './appeal.repository';
import { ReviewConflictRepository } from './review-conflict.repository';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

/**
 * Appeals against rejections. A freelancer appeals the rejection of their own
 * submission, once per rejected submission; an admin decides.
 *
 * Overturned while the task still remembers that rejection (nobody claimed it
 * since): the submission is approved through the reviewers' approval path,
 * which pays the freelancer in the same transaction and opens the
 * dependents. Overturned after someone else claimed the task: the decision
 * is recorded as OVERTURNED_UNPAID and the task is left to its new holder;
 * the admin pays the appellant by other means. A paused task must be resumed
 * before an appeal on it can be overturned (INVALID_TRANSITION).
 */
@Injectable()
export class AppealService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly reviews: ReviewService,
    private readonly clock: Clock,
    private readonly conflicts: ReviewConflictRepository,
    private readonly appeals: AppealRepository,
    private readonly reviewRecords: ReviewRepository,
    private readonly events: DomainEvents,
  ) {}

  async appeal(viewer: Viewer, taskId: string, reason: string): Promise<AppealEntity> {
    const text = reason.trim();
    if (text.length < 10) {
      throw DomainError.badInput('Say why the rejection was wrong (at least 10 characters)', {
        field: 'reason',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      if (!task) throw DomainError.notFound('Task', taskId);
      // The viewer's latest rejected submission of this task.
      const revision = await this.reviewRecords.latestRejectedRevision(taskId, viewer.id, manager);
      if (revision === null) {
        // A freelancer who never submitted to the task may not learn it exists; an admin or
        // the task's own freelancer without a rejection is refused the action.
        const submitted = await this.reviewRecords.latestSubmissionsOf(
          taskId,
          viewer.id,
          1,
          manager,
        );
        if (submitted.length === 0 && !isAdmin(viewer)) throw DomainError.notFound('Task', taskId);
        throw DomainError.forbidden('Only the freelancer whose submission was rejected can appeal');
      }
      const appeal = await this.appeals.insertOnce(
        { taskId, freelancerId: viewer.id, revision, reason: text },
        manager,
      );
      if (!appeal) {
        throw DomainError.conflict('This rejection has already been appealed', {
          taskId,
          revision,
        });
      }
      return appeal;
    });
  }

  openQuery() {
    return this.appeals.openQuery();
  }

  async resolve(
    viewer: Viewer,
    appealId: string,
    overturn: boolean,
    note: string | null,
  ): Promise<{ appeal: AppealEntity; task: TaskEntity }> {
    return this.dataSource.transaction(async (manager) => {
      const appeal = await this.appeals.lock(appealId, manager);
      if (!appeal) throw DomainError.notFound('Appeal', appealId);
      if (appeal.status !== 'OPEN') {
        throw DomainError.invalidTransition(appeal.status, 'resolve the appeal');
      }
      let task = await this.tasks.lock(appeal.taskId, manager);
      if (!task) throw DomainError.notFound('Task', appeal.taskId);
      // Deciding an appeal judges the work again: the conflict rule applies,
      // and the reviewer whose rejection is appealed may not judge it twice.
      const rejectedBy = await this.reviewRecords.rejectedBy(
        appeal.taskId,
        appeal.freelancerId,
        appeal.revision,
        manager,
      );
      const work = await this.conflicts.taskWork(task, manager);
      assertNoReviewConflict(await this.conflicts.reviewer(viewer.id, manager), {
        ...work,
        holderIds: [...work.holderIds, appeal.freelancerId],
        decidedByIds: rejectedBy,
      });
      let status: AppealEntity['status'] = 'UPHELD';
      if (overturn) {
        if (
          task.state.status === 'PAUSED' &&
          this.remembers(effectiveTaskState(task.state), appeal)
        ) {
          throw DomainError.invalidTransition(
            'PAUSED',
            'overturn the rejection (resume the task first)',
          );
        }
        if (this.remembers(task.state, appeal)) {
          task = await this.reviews.approveOnAppeal(
            task,
            appeal.freelancerId,
            appeal.revision,
            manager,
          );
          status = 'OVERTURNED';
        } else {
          status = 'OVERTURNED_UNPAID';
        }
      }
      Object.assign(appeal, {
        status,
        note: note?.trim() || null,
        resolvedBy: viewer.id,
        resolvedAt: this.clock.now(),
      });
      const saved = await this.appeals.save(appeal, manager);
      await this.events.publish(new AppealDecided(saved, task), manager);
      return { appeal: saved, task };
    });
  }

  /** The task still holds this rejection: open or offered, nobody claimed it since. */
  private remembers(state: TaskEntity['state'], appeal: AppealEntity): boolean {
    return (
      (state.status === 'OPEN' || state.status === 'OFFERED') &&
      state.lastRejection?.freelancerId === appeal.freelancerId &&
      state.lastRejection.revision === appeal.revision
    );
  }
}
