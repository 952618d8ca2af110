import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@splitwork/identity';
import { NotificationEmailService } from './notification-email.service';
import { NotificationMailer } from './notification-mailer';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import { NotificationPreferencesResolver } from './notification-preferences.resolver';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationPublisher } from './notification-publisher';
import { NotificationEntity } from './notification.entity';
import { NotificationRepository } from './notification.repository';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { UnsubscribeController } from './unsubscribe.controller';

/**
 * In-app inbox and email. Knows no context but identity: the flows in
 * libs/runtime decide who hears about what and call NotificationService.notify
 * in the transaction of the cause.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([NotificationEntity, NotificationPreferenceEntity]),
    IdentityModule,
  ],
  controllers: [UnsubscribeController],
  providers: [
    NotificationRepository,
    NotificationPreferenceRepository,
    NotificationPublisher,
    NotificationService,
    NotificationPreferencesService,
    NotificationMailer,
    NotificationEmailService,
    NotificationResolver,
    NotificationPreferencesResolver,
  ],
  exports: [NotificationService, NotificationMailer],
})
export class NotificationsModule {}
