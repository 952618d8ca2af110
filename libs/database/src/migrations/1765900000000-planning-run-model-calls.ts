import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * LLM planning audit: every model call of a run (tokens, duration, finish
 * reason, raw answer), the offline fallback's reason, and a cost that may be
 * unknown (a self-hosted model without a configured price).
 */
export class PlanningRunModelCalls1765900000000 implements MigrationInterface {
  name = 'PlanningRunModelCalls1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE planning_runs ADD COLUMN model_call_log jsonb NOT NULL DEFAULT '[]'`,
    );
    await q.query(`ALTER TABLE planning_runs ADD COLUMN fallback_reason text`);
    await q.query(`ALTER TABLE planning_runs ALTER COLUMN cost_micro_usd DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE planning_runs SET cost_micro_usd = 0 WHERE cost_micro_usd IS NULL`);
    await q.query(`ALTER TABLE planning_runs ALTER COLUMN cost_micro_usd SET NOT NULL`);
    await q.query(`ALTER TABLE planning_runs DROP COLUMN fallback_reason`);
    await q.query(`ALTER TABLE planning_runs DROP COLUMN model_call_log`);
  }
}
