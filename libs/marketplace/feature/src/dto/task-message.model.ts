import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { TaskMessageEntity } from '../task-message.entity';
import { TaskMessageVisibilityEnum } from './task-message-visibility.enum';

@ObjectType('TaskMessage', { description: "A message of a task's thread." })
export class TaskMessageModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => ID)
  authorId!: string;

  @Field(() => TaskMessageVisibilityEnum)
  visibility!: TaskMessageVisibilityEnum;

  @Field(() => String, {
    nullable: true,
    description: 'Markdown source (render with raw HTML disabled); null once deleted.',
  })
  body!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the author last edited it; the earlier versions are in `revisions`.',
  })
  editedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was deleted.' })
  deletedAt!: Date | null;

  static from(m: TaskMessageEntity): TaskMessageModel {
    return Object.assign(new TaskMessageModel(), {
      id: m.id,
      taskId: m.taskId,
      authorId: m.authorId,
      visibility: m.visibility as TaskMessageVisibilityEnum,
      body: m.deletedAt ? null : m.body,
      createdAt: m.createdAt,
      editedAt: m.editedAt,
      deletedAt: m.deletedAt,
    });
  }
}
