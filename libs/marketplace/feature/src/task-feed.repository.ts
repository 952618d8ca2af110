import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@splitwork/database';
import type { TaskStatus } from '@splitwork/marketplace-core';
import { visibleToFreelancerSql } from './talent-pool.repository';
import type { OpenTaskFilter, OpenTaskViewer, TaskDependencyRow } from './task.repository';

/** Task columns the feed can return, by the name the feed row gives them. */
export const FEED_COLUMNS = {
  key: 't.task_key',
  title: 't.title',
  description: 't.description',
  acceptanceCriteria: 't.acceptance_criteria',
  skills: 't.skills',
  platform: 't.platform',
  estimate: 't.estimate',
  priceCents: 't.price_cents',
  currency: 't.currency',
  dependsOn: 't.depends_on',
  status: 't.status',
  assigneeId: 't.assignee_id',
  claimDeadline: 't.claim_deadline',
  revision: 't.revision',
} as const;

export type FeedColumn = keyof typeof FEED_COLUMNS;

/** What one page of the feed loads: the columns asked for and the relations asked for. */
export interface FeedSelection {
  columns: ReadonlySet<FeedColumn>;
  project: boolean;
  owner: boolean;
  dependencies: boolean;
}

export interface FeedSort {
  column: 'created_at' | 'price_cents' | 'likely_hours';
  direction: 'ASC' | 'DESC';
  /** How the cursor's sort value is cast in SQL. */
  sqlType: 'timestamptz' | 'bigint' | 'numeric';
}

export interface FeedPage {
  sort: FeedSort;
  /** Rows to return (the caller asks for one more than it shows, to learn of a next page). */
  limit: number;
  /** Keyset position: rows strictly after (sort value, id). */
  after?: { sortValue: string | number; id: string };
}

export interface FeedProjectRow {
  id: string;
  title: string;
  platforms: string[];
  currency: string;
  deadline: string | null;
  ownerId: string;
  /** The owner's public face, when selected. */
  owner?: { id: string; displayName: string } | null;
}

/** One task of the feed; columns not selected are absent. */
export interface FeedRow extends Partial<Record<FeedColumn, unknown>> {
  id: string;
  projectId: string;
  /** The sort column as text, exact to the microsecond, for the cursor. */
  sortValue: string;
  project?: FeedProjectRow | null;
  dependencies?: (TaskDependencyRow & { status: TaskStatus })[];
}

/**
 * The open-task feed: a page of OPEN tasks the viewer may see, with its
 * project, the project owner's public name and the dependencies, in ONE
 * prepared statement whose select list follows the GraphQL selection
 * (JSON of the relations built by PostgreSQL). Statements per request do
 * not grow with the page size (apps/api/test/statement-budget.int-spec.ts).
 */
@Injectable()
export class TaskFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  openPage(
    viewer: OpenTaskViewer,
    filter: OpenTaskFilter,
    page: FeedPage,
    selection: FeedSelection,
  ): Promise<FeedRow[]> {
    const values: unknown[] = [];
    const bind = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const select = [
      't.id',
      't.project_id AS "projectId"',
      `t.${page.sort.column}::text AS "sortValue"`,
      ...[...selection.columns].sort().map((c) => `${FEED_COLUMNS[c]} AS "${c}"`),
    ];
    if (selection.project || selection.owner) {
      const owner = selection.owner
        ? `, 'owner', (SELECT json_build_object('id', u.id, 'displayName', u.display_name)
                         FROM users u WHERE u.id = p.owner_id)`
        : '';
      select.push(`(SELECT json_build_object('id', p.id, 'title', p.title, 'platforms', p.platforms,
                      'currency', p.currency, 'deadline', p.deadline, 'ownerId', p.owner_id${owner})
                  FROM projects p WHERE p.id = t.project_id) AS "project"`);
    }
    if (selection.dependencies) {
      select.push(`(SELECT coalesce(json_agg(json_build_object('id', d.id, 'key', d.task_key,
                      'title', d.title, 'status', d.status) ORDER BY d.created_at, d.id), '[]'::json)
                  FROM marketplace_tasks d
                  WHERE d.project_id = t.project_id AND d.task_key = ANY(t.depends_on)) AS "dependencies"`);
    }
    const where = [`t.status = 'OPEN'`];
    if (viewer !== null)
      where.push(visibleToFreelancerSql('t', `${bind(viewer.freelancerId)}::uuid`));
    if (filter.projectId) where.push(`t.project_id = ${bind(filter.projectId)}::uuid`);
    if (filter.platform) where.push(`t.platform = ${bind(filter.platform)}`);
    if (filter.minPriceCents != null) where.push(`t.price_cents >= ${bind(filter.minPriceCents)}`);
    if (filter.maxPriceCents != null) where.push(`t.price_cents <= ${bind(filter.maxPriceCents)}`);
    if (filter.minLikelyHours != null)
      where.push(`t.likely_hours >= ${bind(filter.minLikelyHours)}`);
    if (filter.maxLikelyHours != null)
      where.push(`t.likely_hours <= ${bind(filter.maxLikelyHours)}`);
    if (filter.skills.length > 0) {
      if (filter.allSkills) {
        where.push(
          `t.skills @> ${bind(JSON.stringify(filter.skills.map((skill) => ({ skill }))))}::jsonb`,
        );
      } else {
        // One containment per skill (not `@> ANY(...)`): each is served by the GIN index.
        const terms = filter.skills.map(
          (skill) => `t.skills @> ${bind(JSON.stringify([{ skill }]))}::jsonb`,
        );
        where.push(`(${terms.join(' OR ')})`);
      }
    }
    const { column, direction, sqlType } = page.sort;
    if (page.after) {
      const op = direction === 'ASC' ? '>' : '<';
      where.push(
        `(t.${column}, t.id) ${op} (${bind(page.after.sortValue)}::${sqlType}, ${bind(page.after.id)}::uuid)`,
      );
    }
    const text = `SELECT ${select.join(',\n       ')}
  FROM marketplace_tasks t
 WHERE ${where.join('\n   AND ')}
 ORDER BY t.${column} ${direction}, t.id ${direction}
 LIMIT ${bind(page.limit)}`;
    return preparedQuery<FeedRow>(this.dataSource, text, values);
  }
}
