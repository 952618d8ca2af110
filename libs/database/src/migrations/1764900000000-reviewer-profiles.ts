import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewerProfiles1764900000000 implements MigrationInterface {
  name = 'ReviewerProfiles1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // A reviewer's skills: the submissions of projects without an expert they may pick and review.
    await q.query(`
      CREATE TABLE reviewer_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        skills jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX marketplace_tasks_submitted_idx ON marketplace_tasks (created_at, id)
         WHERE status = 'SUBMITTED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX marketplace_tasks_submitted_idx`);
    await q.query(`DROP TABLE reviewer_profiles`);
  }
}
