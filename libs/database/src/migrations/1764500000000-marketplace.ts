import { MigrationInterface, QueryRunner } from 'typeorm';

export class Marketplace1764500000000 implements MigrationInterface {
  name = 'Marketplace1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // The tasks of a funded plan, as work on the marketplace.
    await q.query(`
      CREATE TABLE marketplace_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id),
        task_key text NOT NULL,
        feature_key text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        acceptance_criteria jsonb NOT NULL,
        skills jsonb NOT NULL,
        platform text NOT NULL,
        estimate jsonb NOT NULL,
        price_cents bigint NOT NULL CHECK (price_cents > 0),
        currency char(3) NOT NULL,
        depends_on text[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        state jsonb NOT NULL,
        assignee_id uuid REFERENCES users(id),
        claim_deadline timestamptz,
        revision int NOT NULL DEFAULT 0,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, task_key)
      )`);
    await q.query(
      `CREATE INDEX marketplace_tasks_open_idx ON marketplace_tasks (status, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX marketplace_tasks_assignee_idx ON marketplace_tasks (assignee_id, status)`,
    );
    await q.query(
      `CREATE INDEX marketplace_tasks_project_idx ON marketplace_tasks (project_id, created_at, id)`,
    );

    await q.query(`
      CREATE TABLE task_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES marketplace_tasks(id),
        revision int NOT NULL,
        freelancer_id uuid NOT NULL REFERENCES users(id),
        links jsonb NOT NULL,
        notes text NOT NULL,
        hours_spent numeric NOT NULL CHECK (hours_spent >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (task_id, revision)
      )`);

    await q.query(`
      CREATE TABLE task_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES marketplace_tasks(id),
        submission_id uuid NOT NULL REFERENCES task_submissions(id) UNIQUE,
        reviewer_id uuid REFERENCES users(id),
        verdict text NOT NULL,
        scorecard jsonb NOT NULL,
        overall_score int,
        feedback text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE freelancer_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        skills jsonb NOT NULL DEFAULT '[]'::jsonb,
        hourly_rate_cents int CHECK (hourly_rate_cents > 0),
        timezone text NOT NULL DEFAULT 'UTC',
        weekly_hours int NOT NULL DEFAULT 20 CHECK (weekly_hours BETWEEN 0 AND 80),
        portfolio_links jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // After a claim expires, its freelancer waits before claiming that task again.
    await q.query(`
      CREATE TABLE claim_cooldowns (
        task_id uuid NOT NULL REFERENCES marketplace_tasks(id),
        freelancer_id uuid NOT NULL REFERENCES users(id),
        until timestamptz NOT NULL,
        PRIMARY KEY (task_id, freelancer_id)
      )`);

    // Experts assigned to a project follow its tasks from A to Z.
    await q.query(`
      CREATE TABLE project_reviewers (
        project_id uuid NOT NULL REFERENCES projects(id),
        reviewer_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, reviewer_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_reviewers`);
    await q.query(`DROP TABLE claim_cooldowns`);
    await q.query(`DROP TABLE freelancer_profiles`);
    await q.query(`DROP TABLE task_reviews`);
    await q.query(`DROP TABLE task_submissions`);
    await q.query(`DROP TABLE marketplace_tasks`);
  }
}
