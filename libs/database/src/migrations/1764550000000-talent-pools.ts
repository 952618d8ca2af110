import { MigrationInterface, QueryRunner } from 'typeorm';

export class TalentPools1764550000000 implements MigrationInterface {
  name = 'TalentPools1764550000000';

  async up(q: QueryRunner): Promise<void> {
    // Organizations: an internal talent marketplace is a project whose tasks only members may take.
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE organization_members (
        organization_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, user_id)
      )`);
    await q.query(`CREATE INDEX organization_members_user_idx ON organization_members (user_id)`);

    // A row here makes the project private: only the listed freelancers, or the organization's members.
    await q.query(`
      CREATE TABLE project_talent_pools (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        organization_id uuid REFERENCES organizations(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE project_pool_members (
        project_id uuid NOT NULL REFERENCES project_talent_pools(project_id) ON DELETE CASCADE,
        freelancer_id uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (project_id, freelancer_id)
      )`);

    // The owner's qualification gate on a task, on the 1–5 reputation scale.
    await q.query(
      `ALTER TABLE marketplace_tasks ADD COLUMN min_reputation numeric
         CHECK (min_reputation IS NULL OR min_reputation BETWEEN 1 AND 5)`,
    );
    // The overall Bayesian reputation, kept current by the reputation service (prior mean for a newcomer).
    await q.query(
      `ALTER TABLE freelancer_profiles ADD COLUMN reputation numeric NOT NULL DEFAULT 3.5`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE freelancer_profiles DROP COLUMN reputation`);
    await q.query(`ALTER TABLE marketplace_tasks DROP COLUMN min_reputation`);
    await q.query(`DROP TABLE project_pool_members`);
    await q.query(`DROP TABLE project_talent_pools`);
    await q.query(`DROP TABLE organization_members`);
    await q.query(`DROP TABLE organizations`);
  }
}
