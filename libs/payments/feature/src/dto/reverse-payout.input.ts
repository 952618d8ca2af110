import { Field, InputType } from '@nestjs/graphql';
import { RequiredText } from '@splitwork/api-kit';
import { PayoutRefInput } from './payout-ref.input';

@InputType()
export class ReversePayoutInput extends PayoutRefInput {
  @Field({ description: 'Why the payout is taken back (the dispute).' })
  @RequiredText({ min: 3, max: 500 })
  reason!: string;
}
