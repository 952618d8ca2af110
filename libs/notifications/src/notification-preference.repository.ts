import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { defaultEmailEnabled, KindPreference, NotificationKind } from './notification-kind';
import { NotificationPreferenceEntity } from './notification-preference.entity';

@Injectable()
export class NotificationPreferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(NotificationPreferenceEntity);
  }

  /** The kinds the user chose for; the others keep their default. */
  async chosen(userId: string, manager?: EntityManager): Promise<KindPreference[]> {
    const rows = await this.repo(manager).findBy({ userId });
    return rows.map((r) => ({ kind: r.kind, email: r.email }));
  }

  async emailEnabled(
    userId: string,
    kind: NotificationKind,
    manager?: EntityManager,
  ): Promise<boolean> {
    const row = await this.repo(manager).findOneBy({ userId, kind });
    return row?.email ?? defaultEmailEnabled(kind);
  }

  async save(
    userId: string,
    preferences: readonly KindPreference[],
    at: Date,
    manager: EntityManager,
  ): Promise<void> {
    if (preferences.length === 0) return;
    await this.repo(manager).upsert(
      preferences.map((p) => ({ userId, kind: p.kind, email: p.email, updatedAt: at })),
      ['userId', 'kind'],
    );
  }
}
