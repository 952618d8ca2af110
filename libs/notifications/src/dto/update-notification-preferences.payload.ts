import { Field, ObjectType } from '@nestjs/graphql';
import { NotificationPreferenceModel } from './notification-preference.model';

@ObjectType()
export class UpdateNotificationPreferencesPayload {
  @Field(() => [NotificationPreferenceModel], { description: 'Every kind, after the change.' })
  preferences!: NotificationPreferenceModel[];
}
