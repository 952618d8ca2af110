import { Field, ObjectType } from '@nestjs/graphql';
import { FundingModel } from './funding.model';

@ObjectType('FundProjectPayload')
export class FundProjectPayload {
  @Field(() => FundingModel)
  funding!: FundingModel;
}
