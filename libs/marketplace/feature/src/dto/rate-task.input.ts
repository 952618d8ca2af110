import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

@InputType()
export class RateTaskInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => Int, { description: '1–5' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
