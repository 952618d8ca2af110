import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { Connection, MoneyModel, RequiredText } from '@splitwork/api-kit';
import { onboardingBlockReason } from '@splitwork/payments-core';
import type { ConnectedAccountEntity } from '../connected-account.entity';
import type { FundingEntity } from '../funding.entity';
import type { PayoutEntity } from '../payout.entity';

@ObjectType('Funding', { description: "Escrow funding of a project's plan." })
export class FundingModel {
  @Field(() => ID)
  id!: string;

  @Field({
    description:
      'PENDING until the payment provider confirms the payment, then SUCCEEDED (or FAILED).',
  })
  status!: string;

  @Field(() => MoneyModel, { description: 'The plan total: counts against the budget.' })
  work!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Platform and reviewer fees, charged on top.' })
  fees!: MoneyModel;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field(() => String, {
    nullable: true,
    description: 'Confirm the payment with it (Stripe.js confirmPayment).',
  })
  clientSecret!: string | null;

  @Field(() => String, { nullable: true })
  paymentIntentId!: string | null;

  @Field({
    description: 'True with the simulated payment provider (zero-setup mode): no money moved.',
  })
  simulated!: boolean;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  static from(f: FundingEntity): FundingModel {
    const m = (amountCents: number) => MoneyModel.from({ amountCents, currency: f.currency });
    return Object.assign(new FundingModel(), {
      id: f.id,
      status: f.status,
      work: m(f.workCents),
      fees: m(f.feeCents),
      total: m(f.workCents + f.feeCents),
      clientSecret: f.status === 'PENDING' ? f.clientSecret : null,
      paymentIntentId: f.paymentIntentId,
      simulated: f.simulated,
      failureReason: f.failureReason,
    });
  }
}

@ObjectType('FundProjectPayload')
export class FundProjectPayload {
  @Field(() => FundingModel)
  funding!: FundingModel;
}

@InputType()
export class FundProjectInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;
}

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

@ObjectType('OnboardingLink')
export class OnboardingLinkModel {
  @Field({ description: 'Single use: open it at once; ask again for a fresh one.' })
  url!: string;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => PayoutAccountModel)
  account!: PayoutAccountModel;
}

@ObjectType('Payout')
export class PayoutModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  taskRef!: string;

  @Field(() => ID)
  freelancerId!: string;

  @Field(() => MoneyModel)
  amount!: MoneyModel;

  @Field()
  status!: string;

  @Field(() => String, { nullable: true, description: 'Why the payout waits or failed.' })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  transferId!: string | null;

  @Field()
  simulated!: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  paidAt!: Date | null;

  static from(p: PayoutEntity): PayoutModel {
    return Object.assign(new PayoutModel(), {
      id: p.id,
      projectId: p.projectId,
      taskRef: p.taskRef,
      freelancerId: p.freelancerId,
      amount: MoneyModel.from({ amountCents: p.amountCents, currency: p.currency }),
      status: p.status,
      reason: p.blockedReason ?? p.failureReason,
      transferId: p.transferId,
      simulated: p.simulated,
      createdAt: p.createdAt,
      paidAt: p.paidAt,
    });
  }
}

@ObjectType('PayoutConnection')
export class PayoutConnection extends Connection(PayoutModel, 'Payout') {}

@InputType()
export class PayoutRefInput {
  @Field(() => ID)
  @IsUUID()
  payoutId!: string;
}

@InputType()
export class ReversePayoutInput extends PayoutRefInput {
  @Field({ description: 'Why the payout is taken back (the dispute).' })
  @RequiredText({ min: 3, max: 500 })
  reason!: string;
}

@InputType()
export class CancelProjectInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;
}

@ObjectType('CancelProjectPayload')
export class CancelProjectPayload {
  @Field({ description: 'The unspent escrow, if any, is refunded to the owner in the background.' })
  cancelled!: boolean;
}
