import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Generated,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ThreadVisibility } from '@splitwork/marketplace-core';

/** One message of a task's thread (see marketplace-core `task-thread.ts` for who reads what). */
@Index('task_messages_task_idx', ['taskId', 'seq'])
@Index('task_messages_participant_idx', ['taskId', 'authorId'])
@Check('task_messages_visibility_check', `visibility IN ('PUBLIC', 'PRIVATE')`)
@Check('task_messages_assignee_check', `(visibility = 'PRIVATE') = (assignee_id IS NOT NULL)`)
@Entity({ name: 'task_messages' })
export class TaskMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Posting order across all threads: a thread is read and paged by it. */
  @Column({ type: 'bigint', insert: false, update: false })
  @Generated('increment')
  seq!: string;

  @ForeignKey('marketplace_tasks', { name: 'task_messages_task_id_fkey' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ForeignKey('users', { name: 'task_messages_author_id_fkey' })
  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'text' })
  visibility!: ThreadVisibility;

  /** PRIVATE: the assignee of the conversation (assignment) the message belongs to. */
  @ForeignKey('users', { name: 'task_messages_assignee_id_fkey' })
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  /** Markdown source; empty once deleted. */
  @Column({ type: 'text' })
  body!: string;

  /** Set from the application clock, which also measures the edit window. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @ForeignKey('users', { name: 'task_messages_deleted_by_fkey' })
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true })
  deletedBy!: string | null;
}
