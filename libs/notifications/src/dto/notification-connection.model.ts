import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { NotificationModel } from './notification.model';

@ObjectType('NotificationConnection')
export class NotificationConnection extends Connection(NotificationModel, 'Notification') {}
