import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanningRuns1764200000000 implements MigrationInterface {
  name = 'PlanningRuns1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects
        ADD COLUMN size_band_min_hours numeric NOT NULL DEFAULT 1,
        ADD COLUMN size_band_max_hours numeric NOT NULL DEFAULT 8,
        ADD CONSTRAINT projects_size_band_check
          CHECK (size_band_min_hours > 0 AND size_band_min_hours <= size_band_max_hours)`);

    await q.query(`
      CREATE TABLE planning_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        requested_by uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        planner text NOT NULL CHECK (planner IN ('OFFLINE', 'LLM')),
        model text NOT NULL,
        prompt_version text NOT NULL,
        schema_version text NOT NULL,
        input_hash text NOT NULL,
        settings jsonb NOT NULL,
        stage text NOT NULL DEFAULT 'QUEUED',
        percent int NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
        message text NOT NULL DEFAULT '',
        cache_hit boolean NOT NULL DEFAULT false,
        tokens_in int NOT NULL DEFAULT 0,
        tokens_out int NOT NULL DEFAULT 0,
        cost_micro_usd bigint NOT NULL DEFAULT 0,
        model_calls int NOT NULL DEFAULT 0,
        latency_ms int,
        validation_errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        raw_output text,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    // At most one run in flight per project, whatever the concurrency.
    await q.query(
      `CREATE UNIQUE INDEX planning_runs_one_active_idx ON planning_runs (project_id)
       WHERE status IN ('QUEUED', 'RUNNING')`,
    );
    await q.query(
      `CREATE INDEX planning_runs_project_created_idx ON planning_runs (project_id, created_at DESC, id DESC)`,
    );

    await q.query(`
      CREATE TABLE project_plans (
        project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES planning_runs(id),
        version int NOT NULL DEFAULT 1,
        document jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE plan_cache (
        cache_key text PRIMARY KEY,
        document jsonb NOT NULL,
        audit jsonb NOT NULL,
        hits int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_cache`);
    await q.query(`DROP TABLE project_plans`);
    await q.query(`DROP TABLE planning_runs`);
    await q.query(`
      ALTER TABLE projects DROP CONSTRAINT projects_size_band_check,
        DROP COLUMN size_band_min_hours, DROP COLUMN size_band_max_hours`);
  }
}
