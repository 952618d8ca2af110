import { Injectable } from '@nestjs/common';
import {
  AbstractGraphQLDriver,
  GqlModuleOptions,
  GqlSubscriptionService,
  SubscriptionConfig,
} from '@nestjs/graphql';
import type { Express } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { ServerOptions } from 'graphql-ws';
import { GraphqlOverHttp, GraphqlOverHttpOptions } from './graphql-over-http';

export interface GraphqlHttpDriverConfig
  extends GqlModuleOptions, Omit<GraphqlOverHttpOptions, 'schema' | 'clientAddress'> {
  /** A GET of the path that the rest of the application answers (GraphiQL's page). */
  servedByApp?: (req: IncomingMessage) => boolean;
  subscriptions?: SubscriptionConfig;
  subscriptionContext?: ServerOptions['context'];
}

/**
 * Nest's GraphQL module on graphql-js without Apollo Server: queries and
 * mutations through GraphqlOverHttp, subscriptions through graphql-ws (Nest's
 * GqlSubscriptionService), the schema and resolvers built by Nest as before.
 *
 * Requests to the GraphQL path are answered ahead of Express's middleware
 * chain, which serves every other path: the handler does itself the little
 * that chain did for GraphQL (security headers, body limit, request log with
 * its id, the client address under TRUST_PROXY), once, without a router walk
 * per request.
 */
@Injectable()
export class GraphqlHttpDriver extends AbstractGraphQLDriver<GraphqlHttpDriverConfig> {
  private subscriptions?: GqlSubscriptionService;

  async start(options: GraphqlHttpDriverConfig): Promise<void> {
    const schema = options.schema;
    if (!schema) throw new Error('The GraphQL schema was not built');
    const adapter = this.httpAdapterHost.httpAdapter;
    const app = adapter.getInstance<Express>();
    const server = adapter.getHttpServer() as Server;
    const graphql = new GraphqlOverHttp({
      ...options,
      schema,
      clientAddress: (req) =>
        proxyaddr(req, app.get('trust proxy fn') as (address: string, i: number) => boolean),
    });
    const path = options.path ?? '/graphql';
    const takes = (req: IncomingMessage): boolean => {
      const url = req.url ?? '';
      const end = url.indexOf('?');
      return (end < 0 ? url : url.slice(0, end)) === path && !(options.servedByApp?.(req) ?? false);
    };
    const others = server.listeners('request') as ((
      req: IncomingMessage,
      res: ServerResponse,
    ) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (takes(req)) void graphql.handle(req, res);
      else for (const listener of others) listener.call(server, req, res);
    });
    if (options.subscriptions) {
      this.subscriptions = new GqlSubscriptionService(
        { schema, path, context: options.subscriptionContext, ...options.subscriptions },
        server,
      );
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.subscriptions?.stop();
  }

  /** A subscription resolver's `filter`: payloads it refuses never reach the client. */
  override subscriptionWithFilter(
    instanceRef: unknown,
    filterFn: (
      payload: unknown,
      variables: unknown,
      context: unknown,
    ) => boolean | Promise<boolean>,
    createSubscribeContext: () => (...args: unknown[]) => unknown,
  ): (...args: unknown[]) => Promise<AsyncIterator<unknown>> {
    return async (...args: unknown[]) =>
      filtered((await createSubscribeContext()(...args)) as AsyncIterator<unknown>, (payload) =>
        filterFn.call(instanceRef, payload, args[1], args[2]),
      );
  }
}

/** The payloads of `source` that `keep` accepts; ending it ends the source. */
function filtered(
  source: AsyncIterator<unknown>,
  keep: (payload: unknown) => boolean | Promise<boolean>,
): AsyncIterableIterator<unknown> {
  const next = async (): Promise<IteratorResult<unknown>> => {
    for (;;) {
      const item = await source.next();
      if (item.done) return item;
      const kept = await Promise.resolve()
        .then(() => keep(item.value))
        .catch(() => false);
      if (kept) return item;
    }
  };
  return {
    next,
    return: (value?: unknown) =>
      source.return ? source.return(value) : Promise.resolve({ done: true, value }),
    throw: (error?: unknown) =>
      source.throw
        ? source.throw(error)
        : Promise.reject(error instanceof Error ? error : new Error(String(error))),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
