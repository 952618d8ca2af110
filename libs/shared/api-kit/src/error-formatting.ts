import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { assertUnreachable, DomainError, ErrorCode } from '@splitwork/kernel';

const GENERIC_MESSAGE = 'Internal server error';
const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables';

/** Whether the client may see the message of an error with this code. */
export function exposesMessage(code: ErrorCode): boolean {
  switch (code) {
    case ErrorCode.GRAPHQL_PARSE_FAILED:
    case ErrorCode.GRAPHQL_VALIDATION_FAILED:
    case ErrorCode.BAD_USER_INPUT:
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.CONFLICT:
    case ErrorCode.INVALID_TRANSITION:
    case ErrorCode.RATE_LIMITED:
    case ErrorCode.BUDGET_EXCEEDED:
    case ErrorCode.PLANNING_FAILED:
    case ErrorCode.PAYMENT_FAILED:
      return true;
    case ErrorCode.INTERNAL:
      return false;
    default:
      return assertUnreachable(code);
  }
}

const CODE_OF_HTTP_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Maps any error raised while executing an operation to what the client sees:
 * a message and `extensions.code` from ErrorCode. Anything unexpected becomes
 * a generic internal error for the client and a full log line for us.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger = new Logger('GraphQL'),
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return present(base, original.code, original.message, original.details, original, logger);
  }
  if (original instanceof HttpException) {
    const code = CODE_OF_HTTP_STATUS[original.getStatus()] ?? ErrorCode.INTERNAL;
    return present(base, code, original.message, {}, original, logger);
  }
  if (original instanceof GraphQLError || original === error) {
    const code = formatted.extensions?.code;
    if (
      typeof code === 'string' &&
      KNOWN_CODES.has(code) &&
      code !== (ErrorCode.INTERNAL as string)
    ) {
      return { ...base, message: formatted.message, extensions: { code } };
    }
    // graphql-js stops coercing variables after 50 bad values with an error of
    // its own that carries no code: it is the same refusal of the input.
    if (formatted.message.startsWith(TOO_MANY_VARIABLE_ERRORS)) {
      return {
        ...base,
        message: formatted.message,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
  }
  return present(base, ErrorCode.INTERNAL, GENERIC_MESSAGE, {}, original, logger);
}

function present(
  base: Pick<GraphQLFormattedError, 'locations' | 'path'>,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown>,
  original: unknown,
  logger: Logger,
): GraphQLFormattedError {
  if (!exposesMessage(code)) {
    logger.error(
      { err: original, path: base.path },
      'unexpected error while executing an operation',
    );
    return { ...base, message: GENERIC_MESSAGE, extensions: { code } };
  }
  return { ...base, message, extensions: { ...details, code } };
}
