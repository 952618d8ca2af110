import { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1764100000000 implements MigrationInterface {
  name = 'Projects1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        brief text NOT NULL CHECK (length(brief) BETWEEN 1 AND 100000),
        platforms text[] NOT NULL CHECK (cardinality(platforms) > 0),
        budget_cents bigint NOT NULL CHECK (budget_cents > 0),
        currency char(3) NOT NULL,
        deadline timestamptz,
        rate_card jsonb NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX projects_owner_created_idx ON projects (owner_id, created_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projects`);
  }
}
