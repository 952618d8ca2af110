import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'How many notifications went from unread to read.' })
  marked!: number;

  @Field(() => Int)
  unreadCount!: number;
}
