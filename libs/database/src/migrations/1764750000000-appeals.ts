import { MigrationInterface, QueryRunner } from 'typeorm';

export class Appeals1764750000000 implements MigrationInterface {
  name = 'Appeals1764750000000';

  async up(q: QueryRunner): Promise<void> {
    // One appeal per rejected submission (task, freelancer, revision); an admin resolves it.
    await q.query(`
      CREATE TABLE task_appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES marketplace_tasks(id),
        freelancer_id uuid NOT NULL REFERENCES users(id),
        revision int NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN'
          CHECK (status IN ('OPEN', 'UPHELD', 'OVERTURNED', 'OVERTURNED_UNPAID')),
        note text,
        resolved_by uuid REFERENCES users(id),
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (task_id, freelancer_id, revision)
      )`);
    await q.query(
      `CREATE INDEX task_appeals_open_idx ON task_appeals (created_at, id) WHERE status = 'OPEN'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_appeals`);
  }
}
