import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('MatchBreakdown', { description: 'Each component from 0 (no fit) to 1 (full fit).' })
export class MatchBreakdownModel {
  @Field(() => Float, { description: 'Share of the required skills held, at any level.' })
  coverage!: number;

  @Field(() => Float, { description: 'Skill level against the required level.' })
  level!: number;

  @Field(() => Float)
  reputation!: number;

  @Field(() => Float, { description: "1 when the task pays at least the freelancer's rate." })
  rate!: number;

  @Field(() => Float, { description: 'Free weekly hours against the likely hours.' })
  availability!: number;
}
