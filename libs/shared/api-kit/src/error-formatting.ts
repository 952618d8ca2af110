import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { assertUnreachable, DomainError, ErrorCode } from '@splitwork/kernel';

const GENERIC_MESSAGE = 'Internal server error';
const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables';

/** Whether the client may see the message of an error with this code. */
export function exposesMessage(code: ErrorCode): boolean {
  switch (code) {
    case ErrorCode.GRAPHQL_PARSE_FAILED:
    case ErrorCode.GRAPHQL_VALIDATION_FAILED:
    case ErrorCode.BAD_REQUEST:
    case ErrorCode.PAYLOAD_TOO_LARGE:
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
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** What a resolver threw, out of the GraphQLError graphql-js wrapped it in. */
function unwrapResolverError(error: unknown): unknown {
  return error instanceof GraphQLError && error.path && error.originalError
    ? error.originalError
    : error;
}

/** graphql-js's "Did you mean ...?" hints (fields, arguments, enum values, types). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A message without the schema hints that graphql-js appends to it. */
export function stripSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export interface ErrorFormattingOptions {
  /** Removes "Did you mean ...?" hints, which reveal the schema (production). */
  hideSuggestions?: boolean;
}

/**
 * Maps any error raised while handling an operation to what the client sees:
 * a message and `extensions.code` from ErrorCode. Errors the client caused
 * are logged at debug level; anything unexpected becomes a generic internal
 * error for the client and a full log line (with stack) at error level.
 */
/**
 * Where an error's log line goes: a request's own logger (pino-http's
 * `req.log`, which carries the request id) or a Nest Logger.
 */
export interface ErrorLogger {
  error(details: object, message: string): void;
  debug(details: object, message: string): void;
}

/** For the formatting that only shapes the response, when the line was logged already. */
export const UNLOGGED: ErrorLogger = { error: () => undefined, debug: () => undefined };

export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: ErrorLogger = new Logger('GraphQL'),
  options: ErrorFormattingOptions = {},
): GraphQLFormattedError {
  const out = classify(formatted, error, logger);
  return options.hideSuggestions ? { ...out, message: stripSuggestions(out.message) } : out;
}

function classify(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: ErrorLogger,
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
      logger.debug({ code, path: base.path }, 'operation refused');
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
  logger: ErrorLogger,
): GraphQLFormattedError {
  if (!exposesMessage(code)) {
    logger.error(
      { err: loggable(original), path: base.path },
      'unexpected error while executing an operation',
    );
    return { ...base, message: GENERIC_MESSAGE, extensions: { code } };
  }
  // Code and path only: a message may quote the input it refuses.
  logger.debug({ code, path: base.path }, 'operation refused');
  return { ...base, message, extensions: { ...details, code } };
}

/**
 * An error as logged: its name, message and stack, without the other
 * properties (a failed query's `parameters` may hold hashes or tokens).
 */
/**
 * What the log keeps of an unexpected error: name, message, stack and, for a
 * failed SQL statement, its text (ours) but never its parameters or
 * PostgreSQL's detail, which carry the values.
 */
function loggable(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const query = (error as { query?: unknown }).query;
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(typeof query === 'string' ? { query } : {}),
  };
}
