import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from '@splitwork/api-kit';
import { Clock, DomainError, Role } from '@splitwork/kernel';
import { ReviewerApplicationEntity } from './reviewer-application.entity';
import {
  assertMayApply,
  checkedDecision,
  decidedStatus,
  ReviewerApplicationStatus,
  ReviewerDecision,
  REVIEWER_TEXT_MAX,
} from './reviewer-vetting';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

/**
 * Reviewer vetting: an application waits for an admin; approval adds
 * REVIEWER to the user's roles in the same transaction. The role itself is
 * what every reviewer check reads, so nothing else needs to know about
 * applications.
 */
@Injectable()
export class ReviewerApplicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ReviewerApplicationEntity);
  }

  /** Sign-up asked for REVIEWER: a waiting application, in the sign-up's transaction. */
  async openOnSignUp(userId: string, manager: EntityManager): Promise<void> {
    await this.repo(manager).insert({ userId, status: 'PENDING', motivation: null });
  }

  /** An existing user asks to review. */
  async apply(viewer: Viewer, motivation: string | null): Promise<ReviewerApplicationEntity> {
    const text = motivation?.trim() || null;
    if (text && text.length > REVIEWER_TEXT_MAX) {
      throw DomainError.badInput(`The motivation has at most ${REVIEWER_TEXT_MAX} characters`, {
        field: 'motivation',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      // The user row serializes one user's applications and decisions.
      const user = await this.lockUser(viewer.id, manager);
      if (!user) throw DomainError.unauthenticated('This account no longer exists');
      assertMayApply(
        await this.latest(viewer.id, manager),
        user.roles.includes(Role.REVIEWER),
        this.clock.now(),
      );
      const repo = this.repo(manager);
      return repo.save(repo.create({ userId: viewer.id, status: 'PENDING', motivation: text }));
    });
  }

  /** The caller's latest application, or null. */
  mine(viewer: Viewer): Promise<ReviewerApplicationEntity | null> {
    return this.latest(viewer.id);
  }

  /** Admin (checked by the resolver's rule): approves or refuses, recording who, when and why. */
  async decide(
    viewer: Viewer,
    applicationId: string,
    decision: ReviewerDecision,
    reason: string | null | undefined,
  ): Promise<ReviewerApplicationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.repo(manager).findOneBy({ id: applicationId });
      if (!found) throw DomainError.notFound('Reviewer application', applicationId);
      const user = await this.lockUser(found.userId, manager);
      const application = await this.repo(manager).findOneByOrFail({ id: applicationId });
      const text = checkedDecision(application, viewer.id, decision, reason);
      Object.assign(application, {
        status: decidedStatus(decision),
        decidedAt: this.clock.now(),
        decidedBy: viewer.id,
        reason: text,
      });
      const saved = await this.repo(manager).save(application);
      if (decision === 'APPROVE' && user && !user.roles.includes(Role.REVIEWER)) {
        user.roles = [...user.roles, Role.REVIEWER];
        await this.users.save(user, manager);
      }
      return saved;
    });
  }

  /** Records an approval nobody had to decide (a seeded account), in the caller's transaction. */
  async recordApproved(userId: string, reason: string, manager: EntityManager): Promise<void> {
    const now = this.clock.now();
    await this.repo(manager).insert({
      userId,
      status: 'APPROVED',
      motivation: null,
      createdAt: now,
      decidedAt: now,
      decidedBy: null,
      reason,
    });
  }

  listQuery(status: ReviewerApplicationStatus | null) {
    const query = this.repo().createQueryBuilder('a');
    return status ? query.where('a.status = :status', { status }) : query;
  }

  private latest(userId: string, manager?: EntityManager) {
    return this.repo(manager).findOne({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  private lockUser(userId: string, manager: EntityManager): Promise<UserEntity | null> {
    return manager
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
  }
}
