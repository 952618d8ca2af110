import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `marketplace_tasks_project_key_idx` repeats the index of the unique
 * constraint on (project_id, task_key), which serves the same look-ups (a
 * task's dependencies by key). Every write of a task row paid for both.
 */
export class DropDuplicateTaskKeyIndex1766100000000 implements MigrationInterface {
  name = 'DropDuplicateTaskKeyIndex1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX marketplace_tasks_project_key_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX marketplace_tasks_project_key_idx ON marketplace_tasks (project_id, task_key)`,
    );
  }
}
