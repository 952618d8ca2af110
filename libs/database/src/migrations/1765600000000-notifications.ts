import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The in-app inbox and its emails (libs/notifications): one row per
 * notification, written in the transaction of the event that causes it, with
 * the state of its one email; and each user's email choices per kind (a row
 * only where the user departs from the default).
 */
export class Notifications1765600000000 implements MigrationInterface {
  name = 'Notifications1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        task_id uuid,
        project_id uuid,
        dedupe_key text,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        email_status text NOT NULL,
        email_attempts int NOT NULL DEFAULT 0,
        email_sent_at timestamptz,
        email_error text,
        CONSTRAINT notifications_recipient_id_fkey FOREIGN KEY (recipient_id) REFERENCES users(id),
        CONSTRAINT notifications_email_status_check
          CHECK (email_status IN ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED', 'UNCERTAIN'))
      )`);
    // The inbox, newest first (read backwards), and its unread count.
    await q.query(
      `CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL`,
    );
    // Reminders (offer expiring, claim deadline) are sent once per offer or claim.
    await q.query(
      `CREATE UNIQUE INDEX notifications_dedupe_key_idx ON notifications (dedupe_key) WHERE dedupe_key IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL,
        kind text NOT NULL,
        email boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_preferences_pkey PRIMARY KEY (user_id, kind),
        CONSTRAINT notification_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notifications`);
  }
}
