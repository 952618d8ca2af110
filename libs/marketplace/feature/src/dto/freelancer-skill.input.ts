import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';

@InputType()
export class FreelancerSkillInput {
  @Field()
  @RequiredText({ max: 60, singleLine: true })
  skill!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  level!: 1 | 2 | 3 | 4 | 5;
}
