import type { ApolloServerPlugin } from '@apollo/server';
import type { GqlContext } from '@splitwork/api-kit';
import { ErrorCode } from '@splitwork/kernel';

const JSON_MEDIA_TYPE = 'application/json; charset=utf-8';

/** A document that does not parse, validate, or take its variables. */
const DOCUMENT_ERRORS = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
]);

/**
 * GraphQL over HTTP: a client that accepts only `application/json` gets a
 * document that fails to parse, validate or coerce its variables as a 200
 * with the errors (it may not understand a 4xx carrying a GraphQL body);
 * `application/graphql-response+json` keeps Apollo's 400. Refusals of the
 * HTTP request itself (no query, CSRF, bad JSON) never reach this hook and
 * stay 4xx.
 */
export function jsonRequestErrorStatusPlugin(): ApolloServerPlugin<GqlContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response, contextValue }) => {
          const body = response.body;
          if (body.kind !== 'single' || response.http.status !== 400) return Promise.resolve();
          const errors = body.singleResult.errors ?? [];
          if (
            body.singleResult.data !== undefined ||
            errors.length === 0 ||
            !errors.every((e) => DOCUMENT_ERRORS.has(String(e.extensions?.code)))
          ) {
            return Promise.resolve();
          }
          const chosen = contextValue.req?.accepts([
            'application/json',
            'application/graphql-response+json',
          ]);
          if (chosen === 'application/json') {
            response.http.status = 200;
            response.http.headers.set('content-type', JSON_MEDIA_TYPE);
          }
          return Promise.resolve();
        },
      }),
  };
}
