import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reputation1764700000000 implements MigrationInterface {
  name = 'Reputation1764700000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per finished assignment (a freelancer's hold on a task): the unit of reputation.
    await q.query(`
      CREATE TABLE assignment_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES marketplace_tasks(id),
        project_id uuid NOT NULL REFERENCES projects(id),
        freelancer_id uuid NOT NULL REFERENCES users(id),
        result text NOT NULL CHECK (result IN ('APPROVED', 'REJECTED', 'EXPIRED', 'RELEASED')),
        skills jsonb NOT NULL,
        on_time boolean NOT NULL,
        submissions int NOT NULL CHECK (submissions >= 0),
        estimated_hours numeric NOT NULL,
        actual_hours numeric,
        review_score int CHECK (review_score BETWEEN 1 AND 5),
        owner_rating int CHECK (owner_rating BETWEEN 1 AND 5),
        owner_comment text,
        rated_at timestamptz,
        claimed_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX assignment_records_freelancer_idx ON assignment_records (freelancer_id, finished_at)`,
    );
    await q.query(`CREATE INDEX assignment_records_task_idx ON assignment_records (task_id)`);
    // At most one approved assignment per task: the one the owner rates.
    await q.query(
      `CREATE UNIQUE INDEX assignment_records_one_approved ON assignment_records (task_id) WHERE result = 'APPROVED'`,
    );
    // The per-skill estimate corrections a planning run applied: [{ skill, factor, samples }].
    await q.query(
      `ALTER TABLE planning_runs ADD COLUMN calibration jsonb NOT NULL DEFAULT '[]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE planning_runs DROP COLUMN calibration`);
    await q.query(`DROP TABLE assignment_records`);
  }
}
