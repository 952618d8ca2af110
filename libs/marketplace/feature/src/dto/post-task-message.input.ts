import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { TaskMessageVisibilityEnum } from './task-message-visibility.enum';

/** The body's configured limit (TASK_MESSAGE_MAX_LENGTH) is applied by the service; this is the ceiling. */
export const MESSAGE_BODY_CEILING = 100_000;

@InputType()
export class PostTaskMessageInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => TaskMessageVisibilityEnum)
  @IsEnum(TaskMessageVisibilityEnum)
  visibility!: TaskMessageVisibilityEnum;

  @Field({ description: 'Markdown, at most TASK_MESSAGE_MAX_LENGTH characters.' })
  @RequiredText({ max: MESSAGE_BODY_CEILING })
  body!: string;
}
