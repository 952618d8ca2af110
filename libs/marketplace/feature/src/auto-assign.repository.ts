import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface StoredAutoAssignSettings {
  enabled: boolean;
  offerWindowMinutes: number;
  maxCandidates: number;
}

/** Each project's auto-assignment settings (`project_auto_assign`). */
@Injectable()
export class AutoAssignRepository {
  async save(
    projectId: string,
    settings: StoredAutoAssignSettings,
    at: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO project_auto_assign (project_id, enabled, offer_window_minutes, max_candidates, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id) DO UPDATE SET enabled = EXCLUDED.enabled,
         offer_window_minutes = EXCLUDED.offer_window_minutes,
         max_candidates = EXCLUDED.max_candidates, updated_at = EXCLUDED.updated_at`,
      [projectId, settings.enabled, settings.offerWindowMinutes, settings.maxCandidates, at],
    );
  }

  async find(projectId: string, manager: EntityManager): Promise<StoredAutoAssignSettings | null> {
    const [row] = await manager.query<
      { enabled: boolean; offer_window_minutes: number; max_candidates: number }[]
    >(
      `SELECT enabled, offer_window_minutes, max_candidates FROM project_auto_assign WHERE project_id = $1`,
      [projectId],
    );
    return row
      ? {
          enabled: row.enabled,
          offerWindowMinutes: row.offer_window_minutes,
          maxCandidates: row.max_candidates,
        }
      : null;
  }
}
