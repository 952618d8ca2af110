import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewerPayoutsAndDisputes1765700000000 implements MigrationInterface {
  name = 'ReviewerPayoutsAndDisputes1765700000000';

  async up(q: QueryRunner): Promise<void> {
    // A task pays its freelancer (the price) and the reviewer who approved it (the fee):
    // one payout per task and payee role. `freelancer_id` holds the payee of either role.
    await q.query(
      `ALTER TABLE payouts ADD COLUMN payee_role text NOT NULL DEFAULT 'FREELANCER'
         CONSTRAINT payouts_payee_role_check CHECK (payee_role IN ('FREELANCER', 'REVIEWER'))`,
    );
    await q.query(`ALTER TABLE payouts DROP CONSTRAINT payouts_task_ref_key`);
    await q.query(
      `ALTER TABLE payouts ADD CONSTRAINT payouts_task_ref_payee_role_key UNIQUE (task_ref, payee_role)`,
    );
    // Payouts waiting for a payee's onboarding, found when the account becomes able to receive.
    await q.query(
      `CREATE INDEX payouts_waiting_idx ON payouts (freelancer_id) WHERE status = 'WAITING_FOR_ONBOARDING'`,
    );

    // An owner's dispute of approved work; one per task, an admin decides.
    await q.query(`
      CREATE TABLE task_disputes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL CONSTRAINT task_disputes_task_id_fkey REFERENCES marketplace_tasks(id),
        owner_id uuid NOT NULL CONSTRAINT task_disputes_owner_id_fkey REFERENCES users(id),
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN'
          CONSTRAINT task_disputes_status_check CHECK (status IN ('OPEN', 'UPHELD', 'REVERSED')),
        note text,
        resolved_by uuid CONSTRAINT task_disputes_resolved_by_fkey REFERENCES users(id),
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT task_disputes_task_id_key UNIQUE (task_id)
      )`);
    await q.query(
      `CREATE INDEX task_disputes_open_idx ON task_disputes (created_at, id) WHERE status = 'OPEN'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_disputes`);
    await q.query(`DROP INDEX payouts_waiting_idx`);
    // Reviewer payouts cannot live in the old one-payout-per-task table.
    await q.query(`DELETE FROM payouts WHERE payee_role = 'REVIEWER'`);
    await q.query(`ALTER TABLE payouts DROP CONSTRAINT payouts_task_ref_payee_role_key`);
    await q.query(`ALTER TABLE payouts ADD CONSTRAINT payouts_task_ref_key UNIQUE (task_ref)`);
    await q.query(`ALTER TABLE payouts DROP COLUMN payee_role`);
  }
}
