import { registerEnumType } from '@nestjs/graphql';

export enum ReviewerDecisionValue {
  APPROVE = 'APPROVE',
  REFUSE = 'REFUSE',
}
registerEnumType(ReviewerDecisionValue, { name: 'ReviewerDecision' });
