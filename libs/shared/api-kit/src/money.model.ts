import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Money } from '@splitwork/kernel';

@ObjectType('Money', {
  description: 'An amount in integer minor units (cents) of an ISO 4217 currency.',
})
export class MoneyModel {
  @Field(() => Int)
  amountCents!: number;

  @Field()
  currency!: string;

  static from(money: Money): MoneyModel {
    return Object.assign(new MoneyModel(), {
      amountCents: money.amountCents,
      currency: money.currency,
    });
  }
}
