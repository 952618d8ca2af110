import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Max, Min } from 'class-validator';

@InputType()
export class SetTaskMinReputationInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => Float, { nullable: true, description: '1–5, or null for no minimum.' })
  @IsOptional()
  @Min(1)
  @Max(5)
  minReputation!: number | null;
}
