import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { NotificationKind } from '../notification-kind';
import type { NotificationEntity } from '../notification.entity';
import { NotificationKindEnum } from './notification-kind.enum';

@ObjectType('Notification', { description: 'One entry of the caller’s inbox.' })
export class NotificationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKindEnum)
  kind!: NotificationKind;

  @Field(() => String)
  subject!: string;

  @Field(() => String, { description: 'Plain text, the same as the email’s.' })
  body!: string;

  @Field(() => ID, { nullable: true, description: 'The task it is about, if any.' })
  taskId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The project it is about, if any.' })
  projectId!: string | null;

  @Field(() => Boolean)
  read!: boolean;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  static from(n: NotificationEntity): NotificationModel {
    return Object.assign(new NotificationModel(), {
      id: n.id,
      kind: n.kind,
      subject: n.subject,
      body: n.body,
      taskId: n.taskId,
      projectId: n.projectId,
      read: n.readAt !== null,
      readAt: n.readAt,
      createdAt: n.createdAt,
    });
  }
}
