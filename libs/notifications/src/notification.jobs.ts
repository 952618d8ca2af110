import { defineJob } from '@splitwork/jobs';

/** Sends one notification's email, at most once (NotificationEmailService.send). */
export const NOTIFICATION_EMAIL_JOB = defineJob<{ notificationId: string }>('notifications.email', {
  maxAttempts: 8,
});
