import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('TaskEstimate')
export class TaskEstimateModel {
  @Field(() => Float)
  optimistic!: number;

  @Field(() => Float)
  likely!: number;

  @Field(() => Float)
  pessimistic!: number;
}
