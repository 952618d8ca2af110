import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { NotificationKind } from './notification-kind';

/** A user's email choice for one kind; absent means the kind's default. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @ForeignKey('users', { name: 'notification_preferences_user_id_fkey' })
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'boolean' })
  email!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
