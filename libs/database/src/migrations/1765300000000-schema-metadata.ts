import { MigrationInterface, QueryRunner } from 'typeorm';

/** The expression of `marketplace_tasks.likely_hours`, exactly as the task entity declares it. */
const LIKELY_HOURS = `(estimate->>'likely')::numeric`;

/**
 * Drops `marketplace_tasks.version`, which nothing reads or writes, and adds
 * TypeORM's own `typeorm_metadata` table with the expression of the one
 * generated column: PostgreSQL reformats generation expressions, so TypeORM
 * compares an entity's generated column with the text recorded here.
 * TypeORM creates the table itself before running migrations when a loaded
 * entity has a generated column (a process started with its entities), hence
 * IF NOT EXISTS.
 */
export class SchemaMetadata1765300000000 implements MigrationInterface {
  name = 'SchemaMetadata1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE marketplace_tasks DROP COLUMN version`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        "type" varchar NOT NULL,
        "database" varchar,
        "schema" varchar,
        "table" varchar,
        "name" varchar,
        "value" text
      )`);
    await q.query(
      `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'marketplace_tasks', 'likely_hours', $1)`,
      [LIKELY_HOURS],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS typeorm_metadata`);
    await q.query(`ALTER TABLE marketplace_tasks ADD COLUMN version int NOT NULL DEFAULT 1`);
  }
}
