import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createWsClient } from 'graphql-ws';
import { createAuthFetch, type GraphQLBody, isUnauthenticated } from '../auth/auth-fetch';
import type { Session, SessionStore } from '../auth/session-store';
import { cacheConfig } from './cache-config';

const REFRESH = `mutation Refresh($input: RefreshSessionInput!) {
  refreshSession(input: $input) {
    accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
    user { id displayName email roles }
  }
}`;

/**
 * refreshSession over plain fetch (never through the client: no token, no
 * retry loop). Null when the API refuses the refresh token (UNAUTHENTICATED:
 * the session is over); any other failure (the network, a 5xx, RATE_LIMITED)
 * throws, and the session is kept for the next try.
 */
export async function refreshOverHttp(url: string, refreshToken: string): Promise<Session | null> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: REFRESH, variables: { input: { refreshToken } } }),
  });
  let body: GraphQLBody & { data?: { refreshSession?: Session } | null };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new Error(`The session could not be refreshed (HTTP ${response.status})`);
  }
  if (body.data?.refreshSession) return body.data.refreshSession;
  if (isUnauthenticated(body)) return null;
  const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
  throw new Error(`The session could not be refreshed (${code})`);
}

/**
 * The one GraphQL client: normalized cache (graphcache), HTTP with the
 * session's token (refreshed silently), subscriptions over graphql-ws on the
 * same origin.
 */
export function createGraphqlClient(store: SessionStore, url = '/graphql'): Client {
  const absolute = new URL(url, window.location.href);
  const wsUrl = absolute.toString().replace(/^http/, 'ws');
  const ws = createWsClient({
    url: wsUrl,
    lazy: true,
    // A fresh (refreshed when needed) token on every (re)connection.
    connectionParams: async () => {
      const token = await store.accessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
  // A new session (log in, log out, another user) must not reuse the old socket.
  let lastUser = store.current?.user.id ?? null;
  store.subscribe((session) => {
    const user = session?.user.id ?? null;
    if (user !== lastUser) ws.terminate();
    lastUser = user;
  });
  return new Client({
    url: absolute.toString(),
    fetch: createAuthFetch(store),
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange(cacheConfig),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
