import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PlanFeature', { description: 'A feature or milestone grouping tasks.' })
export class PlanFeatureModel {
  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field(() => Int)
  order!: number;
}
