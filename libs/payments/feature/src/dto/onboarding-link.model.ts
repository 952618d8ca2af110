import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { PayoutAccountModel } from './payout-account.model';

@ObjectType('OnboardingLink')
export class OnboardingLinkModel {
  @Field({ description: 'Single use: open it at once; ask again for a fresh one.' })
  url!: string;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => PayoutAccountModel)
  account!: PayoutAccountModel;
}
