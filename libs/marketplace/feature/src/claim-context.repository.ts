import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '@splitwork/database';
import type { FreelancerSkill, TaskPool } from '@splitwork/marketplace-core';
import { TaskEntity } from './task.entity';
import { taskColumns, taskOfRow, TaskRow } from './task-row';

/** What the claim gate reads from the database for one freelancer and one task. */
export interface ClaimContextRow {
  /** Absent (null) when the freelancer has no profile. */
  skills: FreelancerSkill[] | null;
  reputation: number | null;
  coolDownUntil: Date | null;
  organizationIds: string[];
  activeClaims: number;
  pool: TaskPool;
  projectReviewerIds: string[];
}

interface RawRow {
  has_profile: boolean;
  profile_skills: FreelancerSkill[] | null;
  reputation: string | null;
  cool_down_until: Date | null;
  organization_ids: string[];
  active_claims: number;
  pooled: boolean;
  pool_organization_id: string | null;
  pool_member_ids: string[];
  reviewer_ids: string[];
}

/** A task locked for a claim, with what the claim needs besides the gate. */
export interface LockedForClaim {
  task: TaskEntity;
  /** The project's owner: who hears of the claim (task events). */
  projectOwnerId: string;
  /**
   * The gate read by the same statement, or null when the task row changed
   * while the statement waited for its lock: the statement's snapshot is
   * older than that change, so the gate is read again (`load`).
   */
  context: ClaimContextRow | null;
}

/** The gate's columns for the freelancer `freelancer` (an SQL expression) and the task row `task`. */
function gateColumns(task: string, freelancer: string): string {
  return `p.user_id IS NOT NULL AS has_profile, p.skills AS profile_skills, p.reputation,
    (SELECT until FROM claim_cooldowns WHERE task_id = ${task}.id AND freelancer_id = ${freelancer}) AS cool_down_until,
    ARRAY(SELECT organization_id::text FROM organization_members WHERE user_id = ${freelancer}) AS organization_ids,
    (SELECT count(*)::int FROM marketplace_tasks
      WHERE (status = 'CLAIMED' AND assignee_id = ${freelancer})
         OR (status = 'PAUSED' AND state->'pausedFrom'->>'status' = 'CLAIMED'
             AND state->'pausedFrom'->>'assigneeId' = ${freelancer}::text)) AS active_claims,
    pool.project_id IS NOT NULL AS pooled,
    pool.organization_id::text AS pool_organization_id,
    ARRAY(SELECT freelancer_id::text FROM project_pool_members WHERE project_id = ${task}.project_id) AS pool_member_ids,
    ARRAY(SELECT reviewer_id::text FROM project_reviewers WHERE project_id = ${task}.project_id) AS reviewer_ids`;
}

/**
 * Everything the claim gate decides on, in one statement (a claim holds its
 * task's row lock while this runs, so one round trip instead of seven): the
 * freelancer's profile (skills, reputation), the cool-down on this task, the
 * organizations they belong to, their active claims (a paused claim still
 * counts: isActiveClaimOf), the project's talent pool and its reviewers.
 * Each part is the same look-up the talent-pool, profile, task and
 * project-reviewer repositories make on their own.
 */
@Injectable()
export class ClaimContextRepository {
  async load(
    freelancerId: string,
    task: { id: string; projectId: string },
    manager: EntityManager,
  ): Promise<ClaimContextRow> {
    const [row] = await preparedQuery<RawRow>(
      manager,
      `SELECT ${gateColumns('t', '$1')}
         FROM (SELECT $2::uuid AS id, $3::uuid AS project_id) AS t
         LEFT JOIN freelancer_profiles p ON p.user_id = $1
         LEFT JOIN project_talent_pools pool ON pool.project_id = t.project_id`,
      [freelancerId, task.id, task.projectId],
    );
    return contextOf(row);
  }

  /**
   * A batch of claims' first statement: the task rows locked for the
   * transaction (in id order, so two writers never wait on each other in a
   * cycle), each project's owner, and the gate of each (freelancer, task)
   * pair, in one round trip. Answers in the order of `claims`, null for a
   * task that does not exist; the claims of one task share its entity. A
   * task changed by a transaction that held its lock meanwhile comes back as
   * changed (the statement's snapshot predates that change: a cool-down or a
   * reputation it wrote would be missed), without the gate.
   *
   * The pairs come as one jsonb document rather than arrays: PostgreSQL sees
   * an array's length when it plans, so each batch size would get a plan of
   * its own, made again on every run (planning cost more than the run); a
   * document's rows are unknown either way, so the plan is made once.
   */
  async lockForClaims(
    claims: readonly { freelancerId: string; taskId: string }[],
    manager: EntityManager,
  ): Promise<(LockedForClaim | null)[]> {
    const rows = await preparedQuery<TaskRow & RawRow & LockRow & { n: number }>(
      manager,
      `SELECT c.n, ${taskColumns('t')}, prj.owner_id AS "projectOwnerId",
              (SELECT s.xmin FROM marketplace_tasks s WHERE s.id = t.id) = t.xmin AS unchanged,
              ${gateColumns('t', 'c.freelancer_id')}
         FROM marketplace_tasks t
         JOIN jsonb_to_recordset($1::jsonb) AS c(n int, freelancer_id uuid, task_id uuid)
           ON c.task_id = t.id
         JOIN projects prj ON prj.id = t.project_id
         LEFT JOIN freelancer_profiles p ON p.user_id = c.freelancer_id
         LEFT JOIN project_talent_pools pool ON pool.project_id = t.project_id
        ORDER BY t.id
          FOR UPDATE OF t`,
      [
        JSON.stringify(
          claims.map((c, i) => ({ n: i + 1, freelancer_id: c.freelancerId, task_id: c.taskId })),
        ),
      ],
    );
    const locked: (LockedForClaim | null)[] = claims.map(() => null);
    const tasks = new Map<string, TaskEntity>();
    for (const row of rows) {
      let task = tasks.get(row.id);
      if (!task) tasks.set(row.id, (task = taskOfRow(row)));
      locked[row.n - 1] = {
        task,
        projectOwnerId: row.projectOwnerId,
        context: row.unchanged ? contextOf(row) : null,
      };
    }
    return locked;
  }
}

interface LockRow {
  projectOwnerId: string;
  unchanged: boolean;
}

function contextOf(row: RawRow): ClaimContextRow {
  return {
    skills: row.has_profile ? row.profile_skills : null,
    reputation: row.has_profile && row.reputation !== null ? Number(row.reputation) : null,
    coolDownUntil: row.cool_down_until ? new Date(row.cool_down_until) : null,
    organizationIds: row.organization_ids,
    activeClaims: row.active_claims,
    pool: !row.pooled
      ? { kind: 'PUBLIC' }
      : row.pool_organization_id
        ? { kind: 'ORGANIZATION', organizationId: row.pool_organization_id }
        : { kind: 'FREELANCERS', freelancerIds: row.pool_member_ids },
    projectReviewerIds: row.reviewer_ids,
  };
}
