import { Field, ObjectType } from '@nestjs/graphql';
import { onboardingBlockReason } from '@splitwork/payments-core';
import type { ConnectedAccountEntity } from '../connected-account.entity';

@ObjectType('PayoutAccount', {
  description: "A freelancer's Stripe Connect account, as last seen.",
})
export class PayoutAccountModel {
  @Field()
  providerAccountId!: string;

  @Field()
  payoutsEnabled!: boolean;

  @Field({ description: 'active, pending or inactive: transfers wait until active.' })
  transfersCapability!: string;

  @Field(() => [String])
  requirementsDue!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Why payouts wait, in plain words; null when they flow.',
  })
  payoutsBlockedReason!: string | null;

  @Field()
  simulated!: boolean;

  static from(a: ConnectedAccountEntity | null): PayoutAccountModel | null {
    if (!a) return null;
    return Object.assign(new PayoutAccountModel(), {
      providerAccountId: a.providerAccountId,
      payoutsEnabled: a.payoutsEnabled,
      transfersCapability: a.transfersCapability,
      requirementsDue: a.requirementsDue,
      payoutsBlockedReason: onboardingBlockReason(a),
      simulated: a.simulated,
    });
  }
}
