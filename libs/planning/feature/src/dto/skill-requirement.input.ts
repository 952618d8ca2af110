import { Field, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { trim } from './trim';

@InputType()
export class SkillRequirementInput {
  @Field()
  @Transform(trim)
  @RequiredText({ max: 60, singleLine: true })
  skill!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  minLevel!: 1 | 2 | 3 | 4 | 5;
}
