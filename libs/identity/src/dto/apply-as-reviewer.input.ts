import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class ApplyAsReviewerInput {
  @Field(() => String, {
    nullable: true,
    description: 'What qualifies you to review (at most 2000 characters).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  motivation?: string | null;
}
