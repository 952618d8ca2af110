import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browsing the open tasks at scale: a stored likely-hours column for the
 * estimate filter and sort, partial indexes over OPEN tasks for the price and
 * estimate sorts (the date sorts use marketplace_tasks_open_idx), and a GIN index for the skill filters (jsonb containment).
 */
export class TaskBrowseIndexes1764650000000 implements MigrationInterface {
  name = 'TaskBrowseIndexes1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE marketplace_tasks
        ADD COLUMN likely_hours numeric GENERATED ALWAYS AS ((estimate->>'likely')::numeric) STORED`);
    await q.query(
      `CREATE INDEX marketplace_tasks_open_price_idx ON marketplace_tasks (price_cents, id) WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX marketplace_tasks_open_estimate_idx ON marketplace_tasks (likely_hours, id) WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX marketplace_tasks_open_skills_idx ON marketplace_tasks USING gin (skills jsonb_path_ops) WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX marketplace_tasks_project_key_idx ON marketplace_tasks (project_id, task_key)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX marketplace_tasks_project_key_idx`);
    await q.query(`DROP INDEX marketplace_tasks_open_skills_idx`);
    await q.query(`DROP INDEX marketplace_tasks_open_estimate_idx`);
    await q.query(`DROP INDEX marketplace_tasks_open_price_idx`);
    await q.query(`ALTER TABLE marketplace_tasks DROP COLUMN likely_hours`);
  }
}
