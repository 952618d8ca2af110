import { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1764400000000 implements MigrationInterface {
  name = 'Payments1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE ledger_transactions ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
    // One funding of a project: a PaymentIntent for the plan total plus the platform fee.
    await q.query(`
      CREATE TABLE project_fundings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id),
        owner_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        work_cents bigint NOT NULL CHECK (work_cents > 0),
        fee_cents bigint NOT NULL CHECK (fee_cents >= 0),
        currency char(3) NOT NULL,
        payment_intent_id text UNIQUE,
        client_secret text,
        simulated boolean NOT NULL,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        succeeded_at timestamptz
      )`);
    // Funding twice is impossible: one pending or succeeded funding per project.
    await q.query(
      `CREATE UNIQUE INDEX project_fundings_one_live_idx ON project_fundings (project_id)
       WHERE status IN ('PENDING', 'SUCCEEDED')`,
    );

    await q.query(`
      CREATE TABLE connected_accounts (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        provider_account_id text NOT NULL UNIQUE,
        payouts_enabled boolean NOT NULL,
        charges_enabled boolean NOT NULL,
        transfers_capability text NOT NULL CHECK (transfers_capability IN ('active', 'inactive', 'pending')),
        requirements_due jsonb NOT NULL DEFAULT '[]'::jsonb,
        simulated boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE payouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id),
        task_ref text NOT NULL UNIQUE,
        freelancer_id uuid NOT NULL REFERENCES users(id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        currency char(3) NOT NULL,
        status text NOT NULL,
        blocked_reason text,
        failure_reason text,
        attempts int NOT NULL DEFAULT 0,
        transfer_id text UNIQUE,
        simulated boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX payouts_freelancer_idx ON payouts (freelancer_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX payouts_project_idx ON payouts (project_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX payouts_status_idx ON payouts (status, created_at DESC, id DESC)`);

    // Each provider event is handled once, whatever the replays.
    await q.query(`
      CREATE TABLE payment_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_events`);
    await q.query(`DROP TABLE payouts`);
    await q.query(`DROP TABLE connected_accounts`);
    await q.query(`DROP TABLE project_fundings`);
    await q.query(`ALTER TABLE ledger_transactions DROP COLUMN metadata`);
  }
}
