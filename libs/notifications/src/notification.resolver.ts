import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { MarkNotificationsReadInput } from './dto/mark-notifications-read.input';
import { MarkNotificationsReadPayload } from './dto/mark-notifications-read.payload';
import { NotificationConnection } from './dto/notification-connection.model';
import { NotificationModel } from './dto/notification.model';
import { NotificationsArgs } from './dto/notifications.args';
import { NotificationService } from './notification.service';

/** The caller's inbox: only ever their own notifications. */
@Resolver()
export class NotificationResolver {
  constructor(private readonly inbox: NotificationService) {}

  @Authenticated()
  @Query(() => NotificationConnection, { description: "The caller's notifications, newest first." })
  notifications(
    @Args() args: NotificationsArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<NotificationConnection> {
    return this.inbox.inbox(viewer, args);
  }

  @Authenticated()
  @Query(() => Int, { description: "How many of the caller's notifications are unread." })
  unreadNotificationCount(@CurrentViewer() viewer: Viewer): Promise<number> {
    return this.inbox.unreadCount(viewer);
  }

  @Authenticated()
  @Mutation(() => MarkNotificationsReadPayload, {
    description:
      "Marks the caller's notifications read: the given ids, or all. An id that is not the caller's is NOT_FOUND and nothing is marked.",
  })
  async markNotificationsRead(
    @Args('input') input: MarkNotificationsReadInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarkNotificationsReadPayload> {
    return Object.assign(
      new MarkNotificationsReadPayload(),
      await this.inbox.markRead(viewer, input),
    );
  }

  @Authenticated()
  @Subscription(() => NotificationModel, {
    description:
      'Each new notification of the caller, once the change that caused it is committed.',
    // Through Redis the event arrives as JSON: its times are strings again.
    resolve: (payload: { notificationReceived: NotificationModel }) => ({
      ...payload.notificationReceived,
      createdAt: new Date(payload.notificationReceived.createdAt),
      readAt: payload.notificationReceived.readAt
        ? new Date(payload.notificationReceived.readAt)
        : null,
    }),
  })
  notificationReceived(@CurrentViewer() viewer: Viewer): Promise<AsyncIterableIterator<unknown>> {
    return this.inbox.received(viewer);
  }
}
