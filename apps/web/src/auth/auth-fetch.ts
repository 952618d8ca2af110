import type { SessionStore } from './session-store';

export interface GraphQLBody {
  errors?: { extensions?: { code?: string } }[];
}

/** Whether the API answered UNAUTHENTICATED. */
export function isUnauthenticated(body: GraphQLBody): boolean {
  return (body.errors ?? []).some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * A fetch for the GraphQL client that sends the access token, refreshes it
 * silently before it expires, and, when the API still answers
 * UNAUTHENTICATED (clock skew, revoked token), refreshes once and retries the
 * same request: the screen that sent it never sees the expiry.
 */
export function createAuthFetch(
  store: SessionStore,
  baseFetch: typeof fetch = (...args) => fetch(...args),
): typeof fetch {
  const send = async (
    input: RequestInfo | URL,
    init: RequestInit | undefined,
    token: string | null,
  ) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    else headers.delete('authorization');
    return baseFetch(input, { ...init, headers });
  };
  return async (input, init) => {
    const hadSession = store.current !== null;
    const response = await send(input, init, await store.accessToken());
    if (!hadSession) return response;
    let body: GraphQLBody;
    try {
      body = (await response.clone().json()) as GraphQLBody;
    } catch {
      return response;
    }
    if (!isUnauthenticated(body)) return response;
    const next = await store.refresh();
    if (!next) return response;
    return send(input, init, next.accessToken);
  };
}
