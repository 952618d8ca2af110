import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';

@InputType()
export class AppealRejectionInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field({ description: 'Why the rejection was wrong (10 to 2000 characters).' })
  @RequiredText({ min: 10, max: 2000 })
  reason!: string;
}
