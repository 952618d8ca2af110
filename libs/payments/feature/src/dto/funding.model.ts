import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { FundingEntity } from '../funding.entity';

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
