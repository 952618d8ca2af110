import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '@splitwork/kernel';
import { LoaderRegistry } from './loader-registry';

/** Who is calling, as proven by their access token. */
export interface Viewer {
  readonly id: string;
  readonly roles: readonly Role[];
}

/**
 * The HTTP request of a query or mutation: Node's own message, with the
 * client address the API resolved (TRUST_PROXY) and the parsed parameters.
 * pino-http gives it `id` and `log` (the request's logger).
 */
export type GraphqlHttpRequest = IncomingMessage & { ip?: string; body?: unknown };

export interface GqlContext {
  req?: GraphqlHttpRequest;
  res?: ServerResponse;
  requestId: string;
  clientAddress: string;
  viewer?: Viewer;
  /** Raw token of a subscription connection (graphql-ws connectionParams). */
  connectionToken?: string;
  loaders: LoaderRegistry;
}
