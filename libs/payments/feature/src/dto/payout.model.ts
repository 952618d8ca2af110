import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { PayeeRole } from '@splitwork/payments-core';
import type { PayoutEntity } from '../payout.entity';
import { PayeeRoleEnum } from './payee-role.enum';

@ObjectType('Payout')
export class PayoutModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  taskRef!: string;

  @Field(() => ID, {
    description:
      'The payee: the freelancer for a FREELANCER payout, the reviewer for a REVIEWER payout (see payeeId).',
    deprecationReason: 'Use payeeId and payeeRole.',
  })
  freelancerId!: string;

  @Field(() => ID, { description: 'Who is paid.' })
  payeeId!: string;

  @Field(() => PayeeRoleEnum, {
    description: "FREELANCER: the task's price; REVIEWER: the approving reviewer's fee.",
  })
  payeeRole!: PayeeRole;

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
      payeeId: p.freelancerId,
      payeeRole: p.payeeRole,
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
