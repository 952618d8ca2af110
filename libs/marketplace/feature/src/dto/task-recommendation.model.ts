import { Field, Float, ObjectType } from '@nestjs/graphql';
import { MatchBreakdownModel } from './match-breakdown.model';
import { MarketTaskModel } from './market-task.model';

@ObjectType('TaskRecommendation')
export class TaskRecommendationModel {
  @Field(() => MarketTaskModel)
  task!: MarketTaskModel;

  @Field(() => Float, { description: 'Weighted score from 0 to 1.' })
  score!: number;

  @Field(() => MatchBreakdownModel)
  components!: MatchBreakdownModel;

  @Field(() => MatchBreakdownModel)
  weights!: MatchBreakdownModel;
}
