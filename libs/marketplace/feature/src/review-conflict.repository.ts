import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ReviewerParty, ReviewWork } from '@splitwork/marketplace-core';

/**
 * SQL: everyone who holds or ever held the task aliased `task`, as rows of
 * `user_id` — the current assignee, every finished assignment (released,
 * expired, rejected, approved), every submitter, every accepted offer.
 */
export function taskHoldersSql(task: string): string {
  return `SELECT ${task}.assignee_id AS user_id WHERE ${task}.assignee_id IS NOT NULL
    UNION SELECT ar.freelancer_id FROM assignment_records ar WHERE ar.task_id = ${task}.id
    UNION SELECT s.freelancer_id FROM task_submissions s WHERE s.task_id = ${task}.id
    UNION SELECT o.freelancer_id FROM task_offers o WHERE o.task_id = ${task}.id AND o.status = 'ACCEPTED'`;
}

/** SQL: the organizations the user `user` (an SQL expression) is a member or the creator of. */
export function organizationsOfSql(user: string): string {
  return `SELECT om.organization_id FROM organization_members om WHERE om.user_id = ${user}
    UNION SELECT o.id FROM organizations o WHERE o.created_by = ${user}`;
}

/**
 * SQL condition, the mirror of `reviewConflict` for listings: the reviewer
 * bound to `:${param}` may judge the task aliased `task`. The review itself
 * always asks the rule (ReviewService); this only keeps the queue honest.
 */
export function noReviewConflictSql(task: string, param: string): string {
  return noReviewConflictOfSql(task, `:${param}`);
}

/**
 * The same condition for the reviewer named by the SQL expression `reviewer`
 * (a bound parameter or a column of the outer query, e.g. `u.id`).
 */
export function noReviewConflictOfSql(task: string, reviewer: string): string {
  return `(NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = ${task}.project_id AND p.owner_id = ${reviewer})
    AND NOT EXISTS (SELECT 1 FROM (${taskHoldersSql(task)}) h WHERE h.user_id = ${reviewer})
    AND NOT EXISTS (
      SELECT 1 FROM project_review_settings prs, (${taskHoldersSql(task)}) h
       WHERE prs.project_id = ${task}.project_id AND prs.exclude_same_organization
         AND EXISTS (SELECT 1 FROM (${organizationsOfSql('h.user_id')}) ho(organization_id)
                      WHERE ho.organization_id IN (${organizationsOfSql(reviewer)}))))`;
}

/** Loads what the conflict-of-interest rule decides on, in the caller's transaction. */
@Injectable()
export class ReviewConflictRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async reviewer(userId: string, manager?: EntityManager): Promise<ReviewerParty> {
    const rows = await this.db(manager).query<{ organization_id: string }[]>(
      organizationsOfSql('$1'),
      [userId],
    );
    return { id: userId, organizationIds: rows.map((r) => r.organization_id) };
  }

  /** One task's work. */
  taskWork(task: { id: string; projectId: string }, manager?: EntityManager): Promise<ReviewWork> {
    return this.work('t.id = $1', task.id, task.projectId, manager);
  }

  /** Every task of a project, as one piece of work (its expert judges them all). */
  projectWork(projectId: string, manager?: EntityManager): Promise<ReviewWork> {
    return this.work('t.project_id = $1', projectId, projectId, manager);
  }

  async excludesSameOrganization(projectId: string, manager?: EntityManager): Promise<boolean> {
    const [row] = await this.db(manager).query<{ exclude_same_organization: boolean }[]>(
      `SELECT exclude_same_organization FROM project_review_settings WHERE project_id = $1`,
      [projectId],
    );
    return row?.exclude_same_organization ?? false;
  }

  async setExcludeSameOrganization(
    projectId: string,
    exclude: boolean,
    now: Date,
    manager?: EntityManager,
  ): Promise<void> {
    await this.db(manager).query(
      `INSERT INTO project_review_settings (project_id, exclude_same_organization, updated_at)
       VALUES ($1, $2, $3)
       ON CONFLICT (project_id) DO UPDATE
         SET exclude_same_organization = EXCLUDED.exclude_same_organization,
             updated_at = EXCLUDED.updated_at`,
      [projectId, exclude, now],
    );
  }

  /** The tasks of `projectId` matched by `where` (on `t`, with `id` bound to $1). */
  private async work(
    where: string,
    id: string,
    projectId: string,
    manager?: EntityManager,
  ): Promise<ReviewWork> {
    const db = this.db(manager);
    const [project] = await db.query<{ owner_id: string; exclude: boolean | null }[]>(
      `SELECT p.owner_id, prs.exclude_same_organization AS exclude
         FROM projects p LEFT JOIN project_review_settings prs ON prs.project_id = p.id
        WHERE p.id = $1`,
      [projectId],
    );
    const holders = await db.query<{ user_id: string }[]>(
      `SELECT DISTINCT h.user_id FROM marketplace_tasks t, LATERAL (${taskHoldersSql('t')}) h
        WHERE ${where}`,
      [id],
    );
    const holderIds = holders.map((h) => h.user_id);
    const excludeSameOrganization = project?.exclude ?? false;
    const organizations =
      excludeSameOrganization && holderIds.length > 0
        ? await db.query<{ organization_id: string }[]>(
            `SELECT DISTINCT organization_id FROM (
               SELECT om.organization_id FROM organization_members om WHERE om.user_id = ANY($1::uuid[])
               UNION SELECT o.id FROM organizations o WHERE o.created_by = ANY($1::uuid[])) x`,
            [holderIds],
          )
        : [];
    return {
      // A task always has a project; '' matches nobody should it ever be missing.
      projectOwnerId: project?.owner_id ?? '',
      holderIds,
      excludeSameOrganization,
      holderOrganizationIds: organizations.map((o) => o.organization_id),
    };
  }
}
