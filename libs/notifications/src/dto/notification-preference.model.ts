import { Field, ObjectType } from '@nestjs/graphql';
import type { NotificationKind } from '../notification-kind';
import { NotificationKindEnum } from './notification-kind.enum';

@ObjectType('NotificationPreference')
export class NotificationPreferenceModel {
  @Field(() => NotificationKindEnum)
  kind!: NotificationKind;

  @Field(() => Boolean, {
    description: 'Whether this kind is also sent by email (the inbox always has it).',
  })
  email!: boolean;

  static from(p: { kind: NotificationKind; email: boolean }): NotificationPreferenceModel {
    return Object.assign(new NotificationPreferenceModel(), p);
  }
}
