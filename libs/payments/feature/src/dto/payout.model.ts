import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { PayoutEntity } from '../payout.entity';

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
