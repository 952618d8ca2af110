import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('Estimate', {
  description: 'Three-point estimate in hours, with the PERT expected value.',
})
export class EstimateModel {
  @Field(() => Float)
  optimistic!: number;

  @Field(() => Float)
  likely!: number;

  @Field(() => Float)
  pessimistic!: number;

  @Field(() => Float, { description: '(optimistic + 4 × likely + pessimistic) / 6' })
  expected!: number;
}
