import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

@InputType()
export class DisputeTaskInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field({ description: 'What is wrong with the approved work (10–4000 characters).' })
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  reason!: string;
}
