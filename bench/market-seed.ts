import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { initialTaskState, transitionTask } from '@splitwork/marketplace-core';
import { round } from './bench-util';

export const SKILLS = [
  'react',
  'typescript',
  'node',
  'postgres',
  'swift',
  'kotlin',
  'figma',
  'docker',
];
export const PLATFORMS = ['WEB', 'BACKEND', 'IOS', 'ANDROID'];

export interface MarketSize {
  tasks: number;
  tasksPerProject: number;
  freelancers: number;
}

/**
 * A marketplace seeded with set-based SQL (seconds for 100k tasks): one
 * owner per project, freelancers at level 5 in every skill, OPEN tasks with
 * two skills, a three-point estimate, a price, and (every second task) two
 * dependencies in the same project. Freelancer ids come back in id order.
 */
export async function seedMarket(
  url: string,
  size: MarketSize,
): Promise<{ freelancerIds: string[]; seconds: number }> {
  const start = performance.now();
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const openState = JSON.stringify(transitionTask(initialTaskState(), { kind: 'RELEASE' }));
    const projects = size.tasks / size.tasksPerProject;
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO users (email, display_name, password_hash, roles)
       SELECT 'owner' || g || '@bench.test', 'Owner ' || g, 'x', '{OWNER}' FROM generate_series(1, $1) g`,
      [projects],
    );
    await db.query(
      `INSERT INTO users (email, display_name, password_hash, roles)
       SELECT 'freelancer' || g || '@bench.test', 'Freelancer ' || g, 'x', '{FREELANCER}'
         FROM generate_series(1, $1) g`,
      [size.freelancers],
    );
    await db.query(
      `INSERT INTO freelancer_profiles (user_id, skills, hourly_rate_cents, weekly_hours)
       SELECT id, (SELECT jsonb_agg(jsonb_build_object('skill', s, 'level', 5)) FROM unnest($1::text[]) s),
              4000 + (random() * 4000)::int, 40
         FROM users WHERE roles = '{FREELANCER}'`,
      [SKILLS],
    );
    await db.query(
      `INSERT INTO projects (owner_id, title, brief, platforms, budget_cents, currency, rate_card, status)
       SELECT id, 'Bench project of ' || display_name, 'A brief freelancers must not see', '{WEB,BACKEND}',
              100000000, 'USD', '{}'::jsonb, 'FUNDED'
         FROM users WHERE roles = '{OWNER}'`,
    );
    await db.query(
      `INSERT INTO marketplace_tasks (project_id, task_key, feature_key, title, description,
         acceptance_criteria, skills, platform, estimate, price_cents, currency, depends_on, status,
         state, created_at)
       SELECT p.id, 'T' || k, 'feature', 'Task ' || k || ' of ' || p.title, 'Do the thing',
              '["It works"]'::jsonb,
              jsonb_build_array(jsonb_build_object('skill', ($1::text[])[1 + k % 8], 'minLevel', 2),
                                jsonb_build_object('skill', ($1::text[])[1 + (k * 3 + 1) % 8], 'minLevel', 3)),
              ($2::text[])[1 + k % 4],
              jsonb_build_object('optimistic', h * 0.5, 'likely', h, 'pessimistic', h * 2),
              h * 5000 + (random() * 2000)::int, 'USD',
              CASE WHEN k % 2 = 0 THEN ARRAY['T' || (k - 1), 'T' || greatest(1, k - 3)] ELSE '{}' END,
              'OPEN', $3::jsonb, now() - random() * interval '30 days'
         FROM projects p
        CROSS JOIN generate_series(1, $4) k
        CROSS JOIN LATERAL (SELECT 1 + (k * 7) % 8 AS h) est`,
      [SKILLS, PLATFORMS, openState, size.tasksPerProject],
    );
    await db.query('COMMIT');
    await db.query('VACUUM ANALYZE');
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM users WHERE roles = '{FREELANCER}' ORDER BY id`,
    );
    return {
      freelancerIds: rows.map((r) => r.id),
      seconds: round((performance.now() - start) / 1000, 1),
    };
  } finally {
    await db.end();
  }
}

export interface Workloads {
  /** A freelancer holding `size` CLAIMED tasks, with `size` notifications. */
  holderId: string;
  /** An approved reviewer, the expert of projects with `size` SUBMITTED tasks. */
  reviewerId: string;
}

/**
 * The other hot read paths at a page size that fills: the last freelancer
 * holds `size` claimed tasks (set in SQL, past the claim limit) and has
 * `size` notifications; a new reviewer is the expert of the last projects,
 * whose first `size` tasks are submitted by the second-to-last freelancer.
 * Uses the last projects and freelancers, which the claims section leaves alone.
 */
export async function seedWorkloads(
  url: string,
  freelancerIds: readonly string[],
  size: number,
): Promise<Workloads> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const holderId = freelancerIds[freelancerIds.length - 1];
    const submitterId = freelancerIds[freelancerIds.length - 2];
    const now = new Date();
    const claimed = transitionTask(transitionTask(initialTaskState(), { kind: 'RELEASE' }), {
      kind: 'CLAIM',
      freelancerId: holderId,
      at: now,
      deadline: new Date(now.getTime() + 7 * 86_400_000),
    });
    const submitted = transitionTask(transitionTask(initialTaskState(), { kind: 'RELEASE' }), {
      kind: 'CLAIM',
      freelancerId: submitterId,
      at: now,
      deadline: new Date(now.getTime() + 7 * 86_400_000),
    });
    const submittedState = transitionTask(submitted, {
      kind: 'SUBMIT',
      freelancerId: submitterId,
      at: new Date(now.getTime() + 1000),
      autoApproveAt: new Date(now.getTime() + 30 * 86_400_000),
    });
    await db.query('BEGIN');
    // Projects in id order: the last ones for the holder, the ones before for the reviewer.
    const { rows: projects } = await db.query<{ id: string }>(
      `SELECT id FROM projects ORDER BY id DESC LIMIT 6`,
    );
    const holderProjects = projects.slice(0, 3).map((p) => p.id);
    const reviewProjects = projects.slice(3, 6).map((p) => p.id);
    await db.query(
      `UPDATE marketplace_tasks SET status = 'CLAIMED', assignee_id = $1, state = $2::jsonb,
              claim_deadline = now() + interval '7 days', revision = 1
        WHERE id IN (SELECT id FROM marketplace_tasks WHERE project_id = ANY($3::uuid[])
                      ORDER BY created_at, id LIMIT $4)`,
      [holderId, JSON.stringify(claimed), holderProjects, size],
    );
    const {
      rows: [reviewer],
    } = await db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash, roles)
       VALUES ('reviewer@bench.test', 'Bench Reviewer', 'x', '{REVIEWER}') RETURNING id`,
    );
    await db.query(
      `INSERT INTO project_reviewers (project_id, reviewer_id) SELECT unnest($1::uuid[]), $2`,
      [reviewProjects, reviewer.id],
    );
    await db.query(
      `UPDATE marketplace_tasks SET status = 'SUBMITTED', assignee_id = $1, state = $2::jsonb, revision = 1
        WHERE id IN (SELECT id FROM marketplace_tasks WHERE project_id = ANY($3::uuid[])
                      ORDER BY created_at, id LIMIT $4)`,
      [submitterId, JSON.stringify(submittedState), reviewProjects, size],
    );
    await db.query(
      `INSERT INTO notifications (recipient_id, kind, subject, body, email_status, created_at)
       SELECT $1, 'TASK_APPROVED', 'Notification ' || g, 'Body of notification ' || g, 'SKIPPED',
              now() - g * interval '1 minute'
         FROM generate_series(1, $2) g`,
      [holderId, size],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE marketplace_tasks');
    return { holderId, reviewerId: reviewer.id };
  } finally {
    await db.end();
  }
}
