import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobLeases1765200000000 implements MigrationInterface {
  name = 'JobLeases1765200000000';

  async up(q: QueryRunner): Promise<void> {
    // A claimed job is a lease renewed by its runner's heartbeat; the token
    // changes at every claim and fences the writes of an execution that lost it.
    await q.query(`ALTER TABLE job_queue ADD COLUMN lease_token uuid`);
    await q.query(`ALTER TABLE job_queue ADD COLUMN lease_expires_at timestamptz`);
    // Jobs locked before leases existed keep the old five-minute window.
    await q.query(
      `UPDATE job_queue SET lease_expires_at = locked_at + interval '5 minutes'
       WHERE locked_at IS NOT NULL`,
    );
    // Server mode: graphile-worker's workers that are alive, each renewed by a
    // heartbeat; the jobs of a worker whose heartbeat stopped are unlocked.
    await q.query(`
      CREATE TABLE job_worker_heartbeats (
        worker_id text PRIMARY KEY,
        beat_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_worker_heartbeats`);
    await q.query(`ALTER TABLE job_queue DROP COLUMN lease_expires_at`);
    await q.query(`ALTER TABLE job_queue DROP COLUMN lease_token`);
  }
}
