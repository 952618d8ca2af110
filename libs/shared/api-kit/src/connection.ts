import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '@splitwork/kernel';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** A Relay connection type for `node`, named after its GraphQL type. */
export function Connection<T>(node: Type<T>, graphqlName: string): Type<ConnectionShape<T>> {
  @ObjectType(`${graphqlName}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${graphqlName}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20 })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = 20;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

type SortValue = string | number;

export function encodeCursor(sortValue: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [SortValue, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'string' || typeof value[0] === 'number') &&
      typeof value[1] === 'string'
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // falls through to the typed error
  }
  throw DomainError.badInput('Invalid cursor', { field: 'after' });
}

export interface KeysetOptions<Row> {
  /** Alias of the root entity in the query builder. */
  alias: string;
  /** Column that orders the list; `id` breaks ties. */
  sortColumn: string;
  direction: 'ASC' | 'DESC';
  first: number;
  after?: string;
  sortValueOf: (row: Row) => SortValue;
  /**
   * What the cursor's sort value must be; a cursor of another kind (another
   * sort's, or forged) is a BAD_USER_INPUT instead of a database error.
   */
  sortType?: 'timestamp' | 'number' | 'string';
  /**
   * Take the cursor's sort value from the database as text (`column::text`)
   * rather than from `sortValueOf`: exact for microsecond timestamps, which a
   * JavaScript Date would round to milliseconds (a row could then repeat on the
   * next page).
   */
  exactSortValue?: boolean;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ][\d:.]+(Z|[+-]\d{2}(:?\d{2})?)?$/;

export function checkSortValue(
  value: SortValue,
  type: KeysetOptions<never>['sortType'],
): SortValue {
  const ok =
    type === undefined ||
    (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'timestamp' &&
      typeof value === 'string' &&
      ISO_TIMESTAMP.test(value) &&
      !Number.isNaN(Date.parse(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))));
  if (!ok) throw DomainError.badInput('Invalid cursor', { field: 'after' });
  return value;
}

/**
 * Applies keyset pagination (no OFFSET: a page costs the same wherever it is)
 * and builds the connection from one query.
 */
export async function keysetConnection<Row extends ObjectLiteral & { id: string }, Node>(
  query: SelectQueryBuilder<Row>,
  options: KeysetOptions<Row>,
  toNode: (row: Row) => Node,
): Promise<ConnectionShape<Node>> {
  const { alias, sortColumn, direction } = options;
  afterCursor(query, options);
  query.orderBy(`${alias}.${sortColumn}`, direction).addOrderBy(`${alias}.id`, direction);
  let rows: Row[];
  let sortValues: SortValue[];
  if (options.exactSortValue) {
    // One root entity and no joins: raw rows and entities come back in the same order.
    const { raw, entities } = await query
      .addSelect(`${alias}.${sortColumn}::text`, 'keyset_sort_value')
      .limit(options.first + 1)
      .getRawAndEntities<{ keyset_sort_value: string }>();
    rows = entities;
    sortValues = raw.map((r) =>
      options.sortType === 'number' ? Number(r.keyset_sort_value) : r.keyset_sort_value,
    );
  } else {
    rows = await query.take(options.first + 1).getMany();
    sortValues = rows.map((row) => options.sortValueOf(row));
  }
  return connectionOf(rows, sortValues, options, toNode);
}

/** Keeps the rows after the cursor, if any; a malformed cursor is a BAD_USER_INPUT. */
function afterCursor<Row extends ObjectLiteral>(
  query: SelectQueryBuilder<Row>,
  options: KeysetOptions<Row>,
): void {
  if (!options.after) return;
  const { alias, sortColumn, direction } = options;
  const [rawSortValue, id] = decodeCursor(options.after);
  const sortValue = checkSortValue(rawSortValue, options.sortType);
  if (!/^[0-9a-f-]{36}$/i.test(id))
    throw DomainError.badInput('Invalid cursor', { field: 'after' });
  const op = direction === 'ASC' ? '>' : '<';
  query.andWhere(`(${alias}.${sortColumn}, ${alias}.id) ${op} (:cursorSort, :cursorId)`, {
    cursorSort: sortValue,
    cursorId: id,
  });
}

/** The connection of `first + 1` fetched rows: the extra row only says there is a next page. */
function connectionOf<Row extends { id: string }, Node>(
  rows: Row[],
  sortValues: SortValue[],
  options: KeysetOptions<Row>,
  toNode: (row: Row) => Node,
): ConnectionShape<Node> {
  const page = rows.slice(0, options.first);
  const edges = page.map((row, i) => ({
    cursor: encodeCursor(sortValues[i], row.id),
    node: toNode(row),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > options.first,
      hasPreviousPage: options.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export interface PartitionedKeysetOptions<Row> extends Omit<KeysetOptions<Row>, 'exactSortValue'> {
  /** Column of the root alias that names each row's parent. */
  partitionColumn: string;
  partitionOf: (row: Row) => string;
}

/**
 * The same page (`first`, `after`) of a list for many parents at once, in one
 * query: a window function keeps `first + 1` rows per parent, so a list of
 * parents costs the same whatever its length. Results follow `parentIds`.
 */
export async function keysetConnections<Row extends ObjectLiteral & { id: string }, Node>(
  query: SelectQueryBuilder<Row>,
  parentIds: readonly string[],
  options: PartitionedKeysetOptions<Row>,
  toNode: (row: Row) => Node,
): Promise<ConnectionShape<Node>[]> {
  const { alias, sortColumn, direction, partitionColumn } = options;
  query.andWhere(`${alias}.${partitionColumn} = ANY(:keysetParents)`, {
    keysetParents: [...parentIds],
  });
  afterCursor(query, options);
  const ranked = query
    .clone()
    .select(`${alias}.id`, 'id')
    .addSelect(
      `row_number() OVER (PARTITION BY ${alias}.${partitionColumn} ` +
        `ORDER BY ${alias}.${sortColumn} ${direction}, ${alias}.id ${direction})`,
      'keyset_rank',
    );
  query
    .andWhere(
      `${alias}.id IN (SELECT ranked.id FROM (${ranked.getQuery()}) ranked ` +
        `WHERE ranked.keyset_rank <= :keysetLimit)`,
      { keysetLimit: options.first + 1 },
    )
    .orderBy(`${alias}.${sortColumn}`, direction)
    .addOrderBy(`${alias}.id`, direction);
  const byParent = new Map<string, Row[]>(parentIds.map((id) => [id, []]));
  for (const row of await query.getMany()) byParent.get(options.partitionOf(row))?.push(row);
  return parentIds.map((id) => {
    const rows = byParent.get(id)!;
    return connectionOf(rows, rows.map(options.sortValueOf), options, toNode);
  });
}
