import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { NotificationPreferenceModel } from './dto/notification-preference.model';
import { UpdateNotificationPreferencesInput } from './dto/update-notification-preferences.input';
import { UpdateNotificationPreferencesPayload } from './dto/update-notification-preferences.payload';
import { NotificationPreferencesService } from './notification-preferences.service';

@Resolver()
export class NotificationPreferencesResolver {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Authenticated()
  @Query(() => [NotificationPreferenceModel], {
    description: "The caller's email setting for every notification kind.",
  })
  async notificationPreferences(
    @CurrentViewer() viewer: Viewer,
  ): Promise<NotificationPreferenceModel[]> {
    return (await this.preferences.list(viewer)).map((p) => NotificationPreferenceModel.from(p));
  }

  @Authenticated()
  @Mutation(() => UpdateNotificationPreferencesPayload, {
    description: 'Turns the email of notification kinds on or off (the inbox keeps every kind).',
  })
  async updateNotificationPreferences(
    @Args('input') input: UpdateNotificationPreferencesInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<UpdateNotificationPreferencesPayload> {
    const preferences = await this.preferences.update(viewer, input.preferences);
    return Object.assign(new UpdateNotificationPreferencesPayload(), {
      preferences: preferences.map((p) => NotificationPreferenceModel.from(p)),
    });
  }
}
