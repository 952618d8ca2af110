/** Every error the API can return carries one of these codes in `extensions.code`. */
export enum ErrorCode {
  /** The document is not valid GraphQL syntax. */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema, or exceeds the depth/alias/token/cost limits. */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request itself is malformed: not JSON, no query, refused by CSRF prevention... */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The request body is larger than the API accepts. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  RATE_LIMITED = 'RATE_LIMITED',
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  PLANNING_FAILED = 'PLANNING_FAILED',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  INTERNAL = 'INTERNAL_SERVER_ERROR',
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
