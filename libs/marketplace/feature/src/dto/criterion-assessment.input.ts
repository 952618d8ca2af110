import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class CriterionAssessmentInput {
  @Field({ description: 'AC1, AC2, … in the order of the acceptance criteria.' })
  @IsString()
  @MaxLength(10)
  criterionId!: string;

  @Field()
  @IsBoolean()
  passed!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}
