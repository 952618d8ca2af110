import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** An earlier version of an edited message: the text it had and when it was written and replaced. */
@Index('task_message_revisions_message_idx', ['messageId', 'replacedAt', 'id'])
@Entity({ name: 'task_message_revisions' })
export class TaskMessageRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('task_messages', { name: 'task_message_revisions_message_id_fkey' })
  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  body!: string;

  /** When this version was written (the message's posting or an earlier edit). */
  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt!: Date;

  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt!: Date;
}
