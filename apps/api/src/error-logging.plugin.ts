import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { ErrorFormattingOptions, formatGraphQLError, GqlContext } from '@splitwork/api-kit';

const fallback = new Logger('GraphQL');

/**
 * Logs each error of an operation on the request's own logger (`req.log`,
 * with the request id), at the level the shared mapping gives it: client
 * errors at debug, unexpected ones at error with their stack. The response
 * shaping itself happens in `formatError`, which Apollo calls without the
 * request's context.
 */
export function errorLoggingPlugin(
  options: ErrorFormattingOptions,
): ApolloServerPlugin<GqlContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didEncounterErrors: ({ errors, contextValue }) => {
          const logger = contextValue.req?.log ?? fallback;
          for (const error of errors) formatGraphQLError(error.toJSON(), error, logger, options);
          return Promise.resolve();
        },
      }),
  };
}
