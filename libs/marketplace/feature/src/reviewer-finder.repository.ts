import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@splitwork/kernel';
import {
  type FreelancerSkill,
  meetsSkillRequirementsSql,
  skillKeySql,
} from '@splitwork/marketplace-core';
import { noReviewConflictOfSql } from './review-conflict.repository';

/** An approved reviewer who could be a project's expert, with what the owner decides on. */
export interface ReviewerCandidate {
  readonly userId: string;
  readonly displayName: string;
  readonly skills: FreelancerSkill[];
  /** Tasks of the project whose every required skill the reviewer holds at the level. */
  readonly coveredTasks: number;
  /** The project's tasks (cancelled ones left out). */
  readonly projectTasks: number;
  /** Reviews the reviewer has written, anywhere. */
  readonly reviewsWritten: number;
  /** Of those, the approvals. */
  readonly approvalsWritten: number;
}

/** The keyset position of a candidate: most covered tasks first, then by user id. */
export interface CandidatePosition {
  readonly coveredTasks: number;
  readonly userId: string;
}

const APPROVED_REVIEWER = `u.roles @> ARRAY['${Role.REVIEWER}']::text[]`;

/**
 * Finds reviewers for work: approved reviewers (the role as the database says
 * now) with a reviewer profile that fits, never one with a conflict of
 * interest in it (the SQL mirror of the core's `reviewConflict`). One
 * statement whatever the page size.
 */
@Injectable()
export class ReviewerFinderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Reviewers the owner could make the project's expert: not already one,
   * free of conflict with every task of it, covering at least one of its
   * tasks; most covered tasks first, `first + 1` rows after `after`.
   */
  async forProject(
    projectId: string,
    first: number,
    after: CandidatePosition | null,
  ): Promise<ReviewerCandidate[]> {
    const params: unknown[] = [projectId, first + 1];
    let cursor = '';
    if (after) {
      params.push(after.coveredTasks, after.userId);
      cursor = `AND (c.covered_tasks < $3 OR (c.covered_tasks = $3 AND c.user_id > $4))`;
    }
    const rows = await this.dataSource.query<CandidateRow[]>(
      `WITH project_tasks AS (
         SELECT t.skills FROM marketplace_tasks t
          WHERE t.project_id = $1 AND t.status <> 'CANCELLED')
       SELECT c.* FROM (
         SELECT u.id AS user_id, u.display_name, rp.skills,
                (SELECT count(*) FROM project_tasks t
                  WHERE ${meetsSkillRequirementsSql('rp.skills', 't.skills')})::int AS covered_tasks,
                (SELECT count(*) FROM project_tasks)::int AS project_tasks,
                (SELECT count(*) FROM task_reviews rv WHERE rv.reviewer_id = u.id)::int AS reviews_written,
                (SELECT count(*) FROM task_reviews rv
                  WHERE rv.reviewer_id = u.id AND rv.verdict = 'APPROVE')::int AS approvals_written
           FROM users u JOIN reviewer_profiles rp ON rp.user_id = u.id
          WHERE ${APPROVED_REVIEWER}
            AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = $1 AND p.owner_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM project_reviewers pr
                             WHERE pr.project_id = $1 AND pr.reviewer_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM marketplace_tasks t
                             WHERE t.project_id = $1 AND NOT ${noReviewConflictOfSql('t', 'u.id')})
       ) c
       WHERE c.covered_tasks > 0 ${cursor}
       ORDER BY c.covered_tasks DESC, c.user_id ASC
       LIMIT $2`,
      params,
    );
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      skills: r.skills,
      coveredTasks: r.covered_tasks,
      projectTasks: r.project_tasks,
      reviewsWritten: r.reviews_written,
      approvalsWritten: r.approvals_written,
    }));
  }

  /**
   * The reviewers the review queue offers the task to (a project without an
   * expert): every required skill at the level, no conflict of interest; the
   * best-fitting first (highest levels in the task's skills), at most `limit`.
   */
  async queueReviewerIdsFor(
    task: { id: string },
    limit: number,
    manager: EntityManager,
  ): Promise<string[]> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT u.id AS user_id
         FROM marketplace_tasks t, users u JOIN reviewer_profiles rp ON rp.user_id = u.id
        WHERE t.id = $1 AND ${APPROVED_REVIEWER}
          AND ${meetsSkillRequirementsSql('rp.skills', 't.skills')}
          AND ${noReviewConflictOfSql('t', 'u.id')}
        ORDER BY (SELECT coalesce(sum((have->>'level')::int), 0)
                    FROM jsonb_array_elements(rp.skills) have, jsonb_array_elements(t.skills) req
                   WHERE ${skillKeySql('have')} = ${skillKeySql('req')}) DESC,
                 u.id ASC
        LIMIT $2`,
      [task.id, limit],
    );
    return rows.map((r) => r.user_id);
  }
}

interface CandidateRow {
  user_id: string;
  display_name: string;
  skills: FreelancerSkill[];
  covered_tasks: number;
  project_tasks: number;
  reviews_written: number;
  approvals_written: number;
}
