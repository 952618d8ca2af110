import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { FreelancerSkillInput } from './freelancer-skill.input';

@InputType()
export class UpdateReviewerProfileInput {
  @Field(() => [FreelancerSkillInput], {
    description: 'Skills with levels 1–5: the queue offers submissions whose skills they cover.',
  })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FreelancerSkillInput)
  skills!: FreelancerSkillInput[];
}
