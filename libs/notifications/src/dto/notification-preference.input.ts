import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsIn } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind } from '../notification-kind';
import { NotificationKindEnum } from './notification-kind.enum';

@InputType()
export class NotificationPreferenceInput {
  @Field(() => NotificationKindEnum)
  @IsIn(NOTIFICATION_KINDS)
  kind!: NotificationKind;

  @Field(() => Boolean)
  @IsBoolean()
  email!: boolean;
}
