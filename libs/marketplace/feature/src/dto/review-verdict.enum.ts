import { registerEnumType } from '@nestjs/graphql';

export enum ReviewVerdictEnum {
  APPROVE = 'APPROVE',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
  REJECT = 'REJECT',
}
registerEnumType(ReviewVerdictEnum, { name: 'ReviewVerdict' });
