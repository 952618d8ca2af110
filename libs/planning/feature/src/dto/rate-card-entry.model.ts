import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RateCardEntry')
export class RateCardEntryModel {
  @Field(() => Int)
  level!: number;

  @Field(() => Int)
  hourlyRateCents!: number;
}
