import { Field, Float, InputType } from '@nestjs/graphql';
import { Max, Min } from 'class-validator';

@InputType({
  description:
    'Hours of the likely estimate a task may have; larger tasks are split, smaller merged.',
})
export class SizeBandInput {
  @Field(() => Float)
  @Min(0.25)
  @Max(80)
  minHours!: number;

  @Field(() => Float)
  @Min(0.25)
  @Max(80)
  maxHours!: number;
}
