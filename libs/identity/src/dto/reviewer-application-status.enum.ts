import { registerEnumType } from '@nestjs/graphql';

export enum ReviewerApplicationStatusValue {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}
registerEnumType(ReviewerApplicationStatusValue, {
  name: 'ReviewerApplicationStatus',
  description: 'PENDING until an admin approves (the user becomes a REVIEWER) or refuses it.',
});
