import { MigrationInterface, QueryRunner } from 'typeorm';

export class BriefLineKinds1765800000000 implements MigrationInterface {
  name = 'BriefLineKinds1765800000000';

  async up(q: QueryRunner): Promise<void> {
    // The owner's reading of brief lines ({"12": "REQUIREMENT"}): used by the next planning run.
    await q.query(
      `ALTER TABLE projects ADD COLUMN brief_line_kinds jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects DROP COLUMN brief_line_kinds`);
  }
}
