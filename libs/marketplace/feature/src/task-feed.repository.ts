import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@splitwork/database';
import { Role } from '@splitwork/kernel';
import type { TaskStatus } from '@splitwork/marketplace-core';
import { visibleToFreelancerSql } from './talent-pool.repository';
import {
  OpenTaskFilter,
  OpenTaskViewer,
  reviewQueueSql,
  TaskDependencyRow,
} from './task.repository';

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

/** One task of a page; columns and relations not selected are absent. */
export interface FeedRow extends Partial<Record<FeedColumn, unknown>> {
  id: string;
  projectId: string;
  /** The sort column as text, exact to the microsecond, for the cursor. */
  sortValue: string;
  /** The project's public summary, when the project is selected (flat: no nested JSON to build and parse). */
  projectTitle?: string;
  projectPlatforms?: string[];
  projectCurrency?: string;
  projectDeadline?: Date | null;
  /** The project owner, when the project or the owner is selected. */
  ownerId?: string;
  /** The owner's public name, when the owner is selected. */
  ownerName?: string;
  /** When selected: the dependencies in plan order, null for none. */
  dependencies?: (TaskDependencyRow & { status: TaskStatus })[] | null;
}

/** Which tasks a page lists. */
export type FeedScope =
  /** The OPEN tasks the viewer may see (null: an admin, every pool's), filtered. */
  | { kind: 'open'; viewer: OpenTaskViewer; filter: OpenTaskFilter }
  /** The tasks the freelancer holds or held. */
  | { kind: 'assigned'; freelancerId: string }
  /** The submitted tasks the reviewer may review now (reviewQueuePage also checks the role). */
  | { kind: 'reviewQueue'; reviewerId: string };

/**
 * Pages of tasks read on every screen: the open-task feed, the freelancer's
 * tasks and the review queue. One prepared statement per page, its select
 * list following the GraphQL selection: the task columns asked for, the
 * project and its owner (joined, flat columns) and the dependencies (a JSON
 * array). Statements per request do not grow with the page size
 * (apps/api/test/statement-budget.int-spec.ts).
 *
 * The LIMIT is written into the text, not bound: with a bound limit
 * PostgreSQL's generic plan assumes a tenth of the table, never wins over a
 * custom plan, and the statement is planned again on every execution; with a
 * literal one the cached generic plan is used after the first executions. The
 * page size is at most MAX_PAGE_SIZE + 1, so the texts stay a small set.
 */
@Injectable()
export class TaskFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of the open-task feed. */
  openPage(
    viewer: OpenTaskViewer,
    filter: OpenTaskFilter,
    page: FeedPage,
    selection: FeedSelection,
  ): Promise<FeedRow[]> {
    return this.page({ kind: 'open', viewer, filter }, page, selection);
  }

  /** A page of the open-task feed or of the freelancer's tasks. */
  page(
    scope: Exclude<FeedScope, { kind: 'reviewQueue' }>,
    page: FeedPage,
    selection: FeedSelection,
  ): Promise<FeedRow[]> {
    const { text, values } = this.statement(scope, page, selection);
    return preparedQuery<FeedRow>(this.dataSource, text, values);
  }

  /**
   * A page of the review queue and whether the reviewer may review at all
   * (an approved reviewer or an admin as the users table says now, the rule of
   * ReviewerAccess), in one statement: the page is read only for one who may;
   * one row of nulls besides the flag stands for an empty or refused page.
   */
  async reviewQueuePage(
    reviewerId: string,
    page: FeedPage,
    selection: FeedSelection,
  ): Promise<{ mayReview: boolean; rows: FeedRow[] }> {
    const scope: FeedScope = { kind: 'reviewQueue', reviewerId };
    const inner = this.statement(scope, page, selection, `gate."mayReview"`);
    const { direction } = page.sort;
    const reviewer = `$${inner.values.push(reviewerId)}`;
    const text = `SELECT gate."mayReview", page.*
  FROM (SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = ${reviewer}::uuid
                          AND u.roles && ARRAY['${Role.REVIEWER}', '${Role.ADMIN}']::text[])
               AS "mayReview") gate
  LEFT JOIN LATERAL (${inner.text}) page ON true
 ORDER BY page."sortKey" ${direction}, page.id ${direction}`;
    const rows = await preparedQuery<FeedRow & { mayReview: boolean }>(
      this.dataSource,
      text,
      inner.values,
    );
    return {
      mayReview: rows[0]?.mayReview === true,
      rows: rows.filter((row) => row.id !== null),
    };
  }

  /** The statement of a page; `gate`, a condition the page is read under; `gate` also selects the raw sort column as "sortKey". */
  private statement(
    scope: FeedScope,
    page: FeedPage,
    selection: FeedSelection,
    gate?: string,
  ): { text: string; values: unknown[] } {
    if (!Number.isSafeInteger(page.limit) || page.limit < 1) {
      throw new RangeError(`Page limit must be a positive integer, got ${page.limit}`);
    }
    const values: unknown[] = [];
    const bind = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const select = [
      't.id',
      't.project_id AS "projectId"',
      `t.${page.sort.column}::text AS "sortValue"`,
      ...(gate ? [`t.${page.sort.column} AS "sortKey"`] : []),
      ...[...selection.columns].sort().map((c) => `${FEED_COLUMNS[c]} AS "${c}"`),
    ];
    const from = ['marketplace_tasks t'];
    const where: string[] = gate ? [gate] : [];
    switch (scope.kind) {
      case 'open':
        where.push(`t.status = 'OPEN'`);
        if (scope.viewer !== null) {
          where.push(
            visibleToFreelancerSql(
              't',
              `${bind(scope.viewer.freelancerId)}::uuid`,
              'fp.has_talent_pool',
            ),
          );
        }
        openFilter(scope.filter, where, bind);
        break;
      case 'assigned':
        where.push(`t.assignee_id = ${bind(scope.freelancerId)}::uuid`);
        break;
      case 'reviewQueue':
        where.push(
          `t.status = 'SUBMITTED'`,
          reviewQueueSql('t', `${bind(scope.reviewerId)}::uuid`),
        );
        break;
      default:
        assertNever(scope);
    }
    const poolOnProject = scope.kind === 'open' && scope.viewer !== null;
    if (selection.project || selection.owner || poolOnProject) {
      from.push('JOIN projects fp ON fp.id = t.project_id');
    }
    if (selection.project) {
      select.push(
        'fp.title AS "projectTitle"',
        'fp.platforms AS "projectPlatforms"',
        'fp.currency AS "projectCurrency"',
        'fp.deadline AS "projectDeadline"',
      );
    }
    if (selection.project || selection.owner) select.push('fp.owner_id AS "ownerId"');
    if (selection.owner) {
      from.push('JOIN users fu ON fu.id = fp.owner_id');
      select.push('fu.display_name AS "ownerName"');
    }
    if (selection.dependencies) {
      // Each distinct key is one probe of (project_id, task_key); a task without dependencies, none.
      select.push(`CASE WHEN cardinality(t.depends_on) > 0 THEN (
          SELECT json_agg(json_build_object('id', d.id, 'key', d.task_key, 'title', d.title,
                   'status', d.status) ORDER BY d.created_at, d.id)
            FROM (SELECT DISTINCT unnest(t.depends_on)) k(key)
            JOIN marketplace_tasks d ON d.project_id = t.project_id AND d.task_key = k.key)
        END AS "dependencies"`);
    }
    const { column, direction, sqlType } = page.sort;
    if (page.after) {
      const op = direction === 'ASC' ? '>' : '<';
      where.push(
        `(t.${column}, t.id) ${op} (${bind(page.after.sortValue)}::${sqlType}, ${bind(page.after.id)}::uuid)`,
      );
    }
    const text = `SELECT ${select.join(',\n       ')}
  FROM ${from.join('\n  ')}
 WHERE ${where.join('\n   AND ')}
 ORDER BY t.${column} ${direction}, t.id ${direction}
 LIMIT ${page.limit}`;
    return { text, values };
  }
}

/** The browse filters of the open-task feed. */
function openFilter(filter: OpenTaskFilter, where: string[], bind: (value: unknown) => string) {
  if (filter.projectId) where.push(`t.project_id = ${bind(filter.projectId)}::uuid`);
  if (filter.platform) where.push(`t.platform = ${bind(filter.platform)}`);
  if (filter.minPriceCents != null) where.push(`t.price_cents >= ${bind(filter.minPriceCents)}`);
  if (filter.maxPriceCents != null) where.push(`t.price_cents <= ${bind(filter.maxPriceCents)}`);
  if (filter.minLikelyHours != null) where.push(`t.likely_hours >= ${bind(filter.minLikelyHours)}`);
  if (filter.maxLikelyHours != null) where.push(`t.likely_hours <= ${bind(filter.maxLikelyHours)}`);
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
}

function assertNever(value: never): never {
  throw new Error(`Unexpected feed scope ${JSON.stringify(value)}`);
}
