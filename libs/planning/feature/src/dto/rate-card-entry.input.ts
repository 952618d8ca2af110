import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@InputType()
export class RateCardEntryInput {
  @Field(() => Int, { description: 'Skill level 1 (junior) to 5 (principal).' })
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number;

  @Field(() => Int, { description: 'Hourly rate in minor units of the project currency.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  hourlyRateCents!: number;
}
