import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

@ArgsType()
export class RecommendedFreelancersArgs {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(50)
  first = 10;
}
