import { useCallback, useEffect, useState } from 'react';
import { useQuery, type AnyVariables, type TypedDocumentNode } from 'urql';

export interface ConnectionLike<N> {
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A Relay connection read page by page (`$after`): the first page as the query
 * answers it (kept fresh by the cache), later pages appended on `loadMore`.
 * Each request asks for one page, so each stays under the API's query-cost limit.
 */
export function usePagedConnection<D, V extends AnyVariables, N extends { id: string }>(
  query: TypedDocumentNode<D, V>,
  variables: Omit<V, 'after'>,
  select: (data: D) => ConnectionLike<N>,
) {
  const [after, setAfter] = useState<string | null>(null);
  const [more, setMore] = useState<N[]>([]);
  const [first, setFirst] = useState<N[]>([]);
  const [result, refetch] = useQuery<D, V>({
    query,
    variables: { ...variables, after } as unknown as V,
  });
  const connection = result.data ? select(result.data) : undefined;
  useEffect(() => {
    if (!connection) return;
    const nodes = connection.edges.map((e) => e.node);
    if (after === null) setFirst(nodes);
    else
      setMore((prev) => {
        const ids = new Set(nodes.map((n) => n.id));
        return [...prev.filter((n) => !ids.has(n.id)), ...nodes];
      });
  }, [connection]);
  const nodes = [...first, ...more.filter((n) => !first.some((f) => f.id === n.id))];
  const pageInfo = connection?.pageInfo;
  const loadMore = useCallback(() => {
    if (pageInfo?.hasNextPage && pageInfo.endCursor) setAfter(pageInfo.endCursor);
  }, [pageInfo]);
  /** Back to the first page, from the network (after a change the list must show). */
  const reload = useCallback(() => {
    setMore([]);
    if (after === null) refetch({ requestPolicy: 'network-only' });
    else setAfter(null);
  }, [after, refetch]);
  return {
    nodes,
    result,
    hasMore: Boolean(pageInfo?.hasNextPage && pageInfo.endCursor),
    loadMore,
    reload,
  };
}
