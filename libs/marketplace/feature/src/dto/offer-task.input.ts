import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DEFAULT_OFFER_POLICY } from '@splitwork/marketplace-core';

@InputType()
export class OfferTaskInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => ID, { description: 'The invited freelancer.' })
  @IsUUID()
  freelancerId!: string;

  @Field(() => Int, {
    nullable: true,
    description: `How long the offer stands, ${DEFAULT_OFFER_POLICY.minHours}–${DEFAULT_OFFER_POLICY.maxHours} h (default ${DEFAULT_OFFER_POLICY.defaultHours}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(DEFAULT_OFFER_POLICY.minHours)
  @Max(DEFAULT_OFFER_POLICY.maxHours)
  expiresInHours?: number | null;
}
