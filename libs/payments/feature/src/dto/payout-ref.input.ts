import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class PayoutRefInput {
  @Field(() => ID)
  @IsUUID()
  payoutId!: string;
}
