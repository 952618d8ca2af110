import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewerVetting1765000000000 implements MigrationInterface {
  name = 'ReviewerVetting1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // Reviewing is vetted: asking for it opens an application; REVIEWER is in
    // users.roles only once an admin approved it. Someone who signed up only
    // to review has no role yet.
    await q.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_roles_check`);
    await q.query(`
      CREATE TABLE reviewer_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED')),
        motivation text CHECK (length(motivation) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        reason text CHECK (length(reason) <= 2000),
        CHECK ((status = 'PENDING') = (decided_at IS NULL)),
        CHECK (status <> 'REFUSED' OR reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX reviewer_applications_one_pending ON reviewer_applications (user_id)
         WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX reviewer_applications_user_idx ON reviewer_applications (user_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX reviewer_applications_status_idx ON reviewer_applications (status, created_at, id)`,
    );
    // The role used to be self-service, so no existing reviewer was vetted:
    // each one (admins aside) becomes a waiting application.
    await q.query(`
      INSERT INTO reviewer_applications (user_id, status, motivation, created_at)
      SELECT id, 'PENDING', 'Reviewer before vetting was introduced', now()
        FROM users WHERE 'REVIEWER' = ANY(roles) AND NOT 'ADMIN' = ANY(roles)`);
    await q.query(`
      UPDATE users SET roles = array_remove(roles, 'REVIEWER')
       WHERE 'REVIEWER' = ANY(roles) AND NOT 'ADMIN' = ANY(roles)`);

    // The owner's conflict-of-interest setting: reviewers sharing an
    // organization with whoever did the work may not judge it.
    await q.query(`
      CREATE TABLE project_review_settings (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        exclude_same_organization boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_review_settings`);
    // Back to the self-service role: every applicant not refused holds it again.
    await q.query(`
      UPDATE users u SET roles = array_append(u.roles, 'REVIEWER')
       WHERE NOT 'REVIEWER' = ANY(u.roles)
         AND (cardinality(u.roles) = 0 OR EXISTS (
           SELECT 1 FROM reviewer_applications a WHERE a.user_id = u.id AND a.status = 'PENDING'))`);
    await q.query(`DROP TABLE reviewer_applications`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (cardinality(roles) > 0)`,
    );
  }
}
