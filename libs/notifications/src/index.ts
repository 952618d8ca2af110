export * from './notifications.module';
export { NotificationService } from './notification.service';
export type { NotifyCommand } from './notification.service';
export { NotificationMailer } from './notification-mailer';
export { NOTIFICATION_EMAIL_JOB } from './notification.jobs';
export { NotificationEntity } from './notification.entity';
export * from './rules';
