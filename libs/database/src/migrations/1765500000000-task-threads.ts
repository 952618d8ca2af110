import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task threads: messages (PUBLIC Q&A, PRIVATE per assignment) and the earlier
 * versions of edited messages. `seq` orders a thread as it was written (and
 * pages it); `created_at` is the application clock's time of posting.
 */
export class TaskThreads1765500000000 implements MigrationInterface {
  name = 'TaskThreads1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        task_id uuid NOT NULL CONSTRAINT task_messages_task_id_fkey REFERENCES marketplace_tasks(id),
        author_id uuid NOT NULL CONSTRAINT task_messages_author_id_fkey REFERENCES users(id),
        visibility text NOT NULL
          CONSTRAINT task_messages_visibility_check CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
        assignee_id uuid CONSTRAINT task_messages_assignee_id_fkey REFERENCES users(id),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        deleted_by uuid CONSTRAINT task_messages_deleted_by_fkey REFERENCES users(id),
        CONSTRAINT task_messages_assignee_check
          CHECK ((visibility = 'PRIVATE') = (assignee_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX task_messages_task_idx ON task_messages (task_id, seq)`);
    await q.query(
      `CREATE INDEX task_messages_participant_idx ON task_messages (task_id, author_id)`,
    );
    await q.query(`
      CREATE TABLE task_message_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL
          CONSTRAINT task_message_revisions_message_id_fkey REFERENCES task_messages(id),
        body text NOT NULL,
        written_at timestamptz NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX task_message_revisions_message_idx ON task_message_revisions (message_id, replaced_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_message_revisions`);
    await q.query(`DROP TABLE task_messages`);
  }
}
