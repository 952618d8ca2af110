import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { MatchBreakdownModel } from './match-breakdown.model';

@ObjectType('FreelancerRecommendation')
export class FreelancerRecommendationModel {
  @Field(() => ID)
  freelancerId!: string;

  @Field(() => Float, { description: 'Weighted match score from 0 to 1.' })
  score!: number;

  @Field(() => MatchBreakdownModel)
  breakdown!: MatchBreakdownModel;

  @Field({ description: 'May be offered or claim the task now.' })
  eligible!: boolean;

  @Field(() => [String], {
    description:
      'Why not, when not eligible: PROJECT_REVIEWER, NOT_IN_POOL, COOL_DOWN, SKILLS, REPUTATION, ACTIVE_CLAIMS_LIMIT.',
  })
  refusals!: string[];
}
