import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Viewer } from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { jwtSecret, UserRepository } from '@splitwork/identity';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  effectivePreferences,
  KindPreference,
  NOTIFICATION_KINDS,
  NotificationKind,
} from './notification-kind';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import {
  signUnsubscribeToken,
  UnsubscribeScope,
  verifyUnsubscribeToken,
} from './unsubscribe-token';

/** Each user's email choices per kind, and the signed unsubscribe links that change them. */
@Injectable()
export class NotificationPreferencesService {
  private key?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly users: UserRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Its own key, derived from the session secret: a link can never pass for a session token. */
  private secret(): string {
    return (this.key ??= createHmac('sha256', jwtSecret(this.config))
      .update('splitwork.notifications.unsubscribe')
      .digest('base64url'));
  }

  async list(viewer: Viewer): Promise<KindPreference[]> {
    return effectivePreferences(await this.preferences.chosen(viewer.id));
  }

  async update(viewer: Viewer, changes: readonly KindPreference[]): Promise<KindPreference[]> {
    const byKind = new Map(changes.map((c) => [c.kind, c.email]));
    if (byKind.size !== changes.length) {
      throw DomainError.badInput('Each kind at most once', { field: 'preferences' });
    }
    await this.dataSource.transaction((manager) =>
      this.preferences.save(viewer.id, changes, this.clock.now(), manager),
    );
    return this.list(viewer);
  }

  /** The link in an email of `kind` that turns that kind's email off. */
  unsubscribeUrl(userId: string, kind: NotificationKind | 'ALL'): string {
    const token = signUnsubscribeToken({ userId, kind }, this.secret());
    const base = this.config.PUBLIC_URL.replace(/\/+$/, '');
    return `${base}/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  /** What a token would turn off; NOT_FOUND for a forged or stale one. */
  async scopeOf(token: string): Promise<UnsubscribeScope> {
    const scope = verifyUnsubscribeToken(token, this.secret());
    if (!scope || !(await this.users.findById(scope.userId))) {
      throw DomainError.notFound('Unsubscribe link');
    }
    return scope;
  }

  /** Turns off the email of the token's kind (or every kind); the same again changes nothing. */
  async unsubscribe(token: string): Promise<UnsubscribeScope> {
    const scope = await this.scopeOf(token);
    const kinds = scope.kind === 'ALL' ? NOTIFICATION_KINDS : [scope.kind];
    await this.dataSource.transaction((manager) =>
      this.preferences.save(
        scope.userId,
        kinds.map((kind) => ({ kind, email: false })),
        this.clock.now(),
        manager,
      ),
    );
    return scope;
  }
}
