import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ValidateNested } from 'class-validator';
import { NotificationPreferenceInput } from './notification-preference.input';

@InputType()
export class UpdateNotificationPreferencesInput {
  @Field(() => [NotificationPreferenceInput], {
    description: 'The kinds to change; the others keep their setting.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInput)
  preferences!: NotificationPreferenceInput[];
}
