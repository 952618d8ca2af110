import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { MESSAGE_BODY_CEILING } from './post-task-message.input';

@InputType()
export class EditTaskMessageInput {
  @Field(() => ID)
  @IsUUID()
  messageId!: string;

  @Field({ description: 'The new Markdown text, at most TASK_MESSAGE_MAX_LENGTH characters.' })
  @RequiredText({ max: MESSAGE_BODY_CEILING })
  body!: string;
}
