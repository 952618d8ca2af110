import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the task pages read (TaskFeedRepository):
 * - `projects.has_talent_pool`: the project has a row in project_talent_pools
 *   (its tasks are private). The open-task feed reads it on the project row it
 *   joins anyway instead of probing project_talent_pools for every task. A
 *   trigger on project_talent_pools keeps it exact in the transaction that
 *   adds or removes the pool, whoever writes the table.
 * - an index on (assignee_id, created_at, id): a page of myTasks reads its
 *   rows in order instead of every task the freelancer ever held, sorted.
 */
export class TaskPageReads1766000000000 implements MigrationInterface {
  name = 'TaskPageReads1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN has_talent_pool boolean NOT NULL DEFAULT false`);
    await q.query(`
      UPDATE projects p SET has_talent_pool = true
       WHERE EXISTS (SELECT 1 FROM project_talent_pools pool WHERE pool.project_id = p.id)`);
    await q.query(`
      CREATE FUNCTION projects_sync_talent_pool() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE projects SET has_talent_pool = false WHERE id = OLD.project_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE projects SET has_talent_pool = true WHERE id = NEW.project_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_talent_pools_sync_flag
        AFTER INSERT OR DELETE OR UPDATE OF project_id ON project_talent_pools
        FOR EACH ROW EXECUTE FUNCTION projects_sync_talent_pool()`);
    await q.query(
      `CREATE INDEX marketplace_tasks_assignee_created_idx ON marketplace_tasks (assignee_id, created_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX marketplace_tasks_assignee_created_idx`);
    await q.query(`DROP TRIGGER project_talent_pools_sync_flag ON project_talent_pools`);
    await q.query(`DROP FUNCTION projects_sync_talent_pool()`);
    await q.query(`ALTER TABLE projects DROP COLUMN has_talent_pool`);
  }
}
