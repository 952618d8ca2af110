import { Field, Float, InputType } from '@nestjs/graphql';
import { Max, Min } from 'class-validator';

@InputType()
export class EstimateInput {
  @Field(() => Float)
  @Min(0)
  @Max(1000)
  optimistic!: number;

  @Field(() => Float)
  @Min(0)
  @Max(1000)
  likely!: number;

  @Field(() => Float)
  @Min(0)
  @Max(1000)
  pessimistic!: number;
}
