import { registerEnumType } from '@nestjs/graphql';
import { NOTIFICATION_KINDS, NotificationKind } from '../notification-kind';

/** The GraphQL enum of notification kinds, the same values as the pure rules' list. */
export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as {
  [K in NotificationKind]: K;
};
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: 'What a notification is about; each kind has its own email setting.',
});
