import { registerEnumType } from '@nestjs/graphql';

/** marketplace-core's `DisputeOutcome`, for GraphQL. */
export enum DisputeOutcomeEnum {
  UPHOLD = 'UPHOLD',
  REVERSE = 'REVERSE',
}

registerEnumType(DisputeOutcomeEnum, {
  name: 'DisputeOutcome',
  description:
    "UPHOLD: the payment stands. REVERSE: the freelancer's transfer is taken back to the project's escrow.",
});
