import { MigrationInterface, QueryRunner } from 'typeorm';

export class TaskOffers1764800000000 implements MigrationInterface {
  name = 'TaskOffers1764800000000';

  async up(q: QueryRunner): Promise<void> {
    // Every invitation of a task to one freelancer, manual (owner, expert, admin) or automatic.
    await q.query(`
      CREATE TABLE task_offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES marketplace_tasks(id),
        freelancer_id uuid NOT NULL REFERENCES users(id),
        offered_by uuid REFERENCES users(id),
        source text NOT NULL CHECK (source IN ('MANUAL', 'AUTO')),
        status text NOT NULL DEFAULT 'PENDING'
          CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one pending offer per task (the task is OFFERED to one freelancer at a time).
    await q.query(
      `CREATE UNIQUE INDEX task_offers_one_pending_idx ON task_offers (task_id) WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX task_offers_freelancer_idx ON task_offers (freelancer_id, status, created_at)`,
    );
    // Auto-assignment: a project's OPEN tasks are first offered to the best-matched freelancers in turn.
    await q.query(`
      CREATE TABLE project_auto_assign (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        enabled boolean NOT NULL,
        offer_window_minutes int NOT NULL CHECK (offer_window_minutes BETWEEN 5 AND 10080),
        max_candidates int NOT NULL CHECK (max_candidates BETWEEN 1 AND 20),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_auto_assign`);
    await q.query(`DROP TABLE task_offers`);
  }
}
