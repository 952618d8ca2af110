import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Provider events already applied, by event id: each one takes effect once. */
@Injectable()
export class PaymentEventRepository {
  /** Records the event; false when it was recorded before (a replay). */
  async recordOnce(id: string, type: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO payment_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, type],
    );
    return rows.length === 1;
  }
}
