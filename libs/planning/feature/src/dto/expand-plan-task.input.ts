import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { PlanTaskRefInput } from './plan-task-ref.input';

@InputType()
export class ExpandPlanTaskInput extends PlanTaskRefInput {
  @Field(() => Int, { defaultValue: 2 })
  @IsInt()
  @Min(2)
  @Max(8)
  parts!: number;
}
