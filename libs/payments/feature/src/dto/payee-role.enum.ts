import { registerEnumType } from '@nestjs/graphql';

/** The payee roles of payments-core's `PayeeRole`, for GraphQL. */
export enum PayeeRoleEnum {
  FREELANCER = 'FREELANCER',
  REVIEWER = 'REVIEWER',
}

registerEnumType(PayeeRoleEnum, {
  name: 'PayeeRole',
  description: "Who a payout pays: the task's freelancer, or the reviewer who approved it.",
});
