import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EmailStatus } from './email-delivery';
import type { NotificationKind } from './notification-kind';

/** One notification in a user's inbox, with the state of its one email. */
@Index('notifications_recipient_idx', ['recipientId', 'createdAt', 'id'])
@Index('notifications_unread_idx', ['recipientId'], { where: 'read_at IS NULL' })
@Index('notifications_dedupe_key_idx', ['dedupeKey'], {
  unique: true,
  where: 'dedupe_key IS NOT NULL',
})
@Check(
  'notifications_email_status_check',
  `email_status IN ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED', 'UNCERTAIN')`,
)
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('users', { name: 'notifications_recipient_id_fkey' })
  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  /** Set for what must be notified once (a reminder per offer or claim). */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey!: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** From the application clock. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'email_status', type: 'text' })
  emailStatus!: EmailStatus;

  @Column({ name: 'email_attempts', type: 'int', default: 0 })
  emailAttempts!: number;

  @Column({ name: 'email_sent_at', type: 'timestamptz', nullable: true })
  emailSentAt!: Date | null;

  @Column({ name: 'email_error', type: 'text', nullable: true })
  emailError!: string | null;
}
