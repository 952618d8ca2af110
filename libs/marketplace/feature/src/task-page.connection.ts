import { checkSortValue, ConnectionShape, decodeCursor, encodeCursor } from '@splitwork/api-kit';
import { DomainError } from '@splitwork/kernel';
import { MarketTaskModel } from './dto/market-task.model';
import type { FeedPage, FeedRow, FeedSort } from './task-feed.repository';

/** A sort of a task page: the SQL side and what a cursor's sort value must be. */
export interface TaskPageSort {
  feed: FeedSort;
  /** What a cursor's sort value must be (checkSortValue). */
  sortType: 'timestamp' | 'number';
}

/** Oldest first: myTasks and the review queue. */
export const OLDEST_FIRST: TaskPageSort = {
  feed: { column: 'created_at', direction: 'ASC', sqlType: 'timestamptz' },
  sortType: 'timestamp',
};

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * The page to read for `first` rows after `cursor` (one more row than shown,
 * to learn of a next page); a cursor of another sort or forged is a
 * BAD_USER_INPUT.
 */
export function taskPage(sort: TaskPageSort, first: number, cursor?: string | null): FeedPage {
  const page: FeedPage = { sort: sort.feed, limit: first + 1 };
  if (cursor) {
    const [rawSortValue, id] = decodeCursor(cursor);
    const sortValue = checkSortValue(rawSortValue, sort.sortType);
    if (!UUID.test(id)) throw DomainError.badInput('Invalid cursor', { field: 'after' });
    page.after = { sortValue, id };
  }
  return page;
}

/** The connection of the rows read for `taskPage(sort, first, cursor)`. */
export function taskConnection(
  rows: FeedRow[],
  sort: TaskPageSort,
  first: number,
  cursor?: string | null,
): ConnectionShape<FeedRow> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({
    cursor: encodeCursor(
      sort.sortType === 'number' ? Number(row.sortValue) : row.sortValue,
      row.id,
    ),
    node: row,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(cursor),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The GraphQL connection of a page: each row with the relations it carries (MarketTaskModel.fromFeed). */
export function feedConnection(page: ConnectionShape<FeedRow>): ConnectionShape<MarketTaskModel> {
  return {
    ...page,
    edges: page.edges.map((e) => ({ cursor: e.cursor, node: MarketTaskModel.fromFeed(e.node) })),
  };
}
