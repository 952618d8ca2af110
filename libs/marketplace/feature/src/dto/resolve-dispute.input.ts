import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DisputeOutcomeEnum } from './dispute-outcome.enum';

@InputType()
export class ResolveDisputeInput {
  @Field(() => ID)
  @IsUUID()
  disputeId!: string;

  @Field(() => DisputeOutcomeEnum)
  @IsEnum(DisputeOutcomeEnum)
  outcome!: DisputeOutcomeEnum;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}
