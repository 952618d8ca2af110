import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean } from 'class-validator';
import { ConnectionArgs } from '@splitwork/api-kit';

@ArgsType()
export class NotificationsArgs extends ConnectionArgs {
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Only the notifications not read yet.',
  })
  @IsBoolean()
  unreadOnly = false;
}
