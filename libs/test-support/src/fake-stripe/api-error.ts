/** An error answered in Stripe's format: `{error: {type, code, message, param}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | undefined,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }

  body(): { error: Record<string, string> } {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

/** Stripe's error type for an HTTP status, when a scripted failure names none. */
export function defaultErrorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  if (status === 402) return 'card_error';
  return 'invalid_request_error';
}

export function missing(param: string): ApiError {
  return new ApiError(
    400,
    'invalid_request_error',
    'parameter_missing',
    `Missing required param: ${param}.`,
    param,
  );
}

export function noSuch(kind: string, id: string, param: string, status = 404): ApiError {
  return new ApiError(
    status,
    'invalid_request_error',
    'resource_missing',
    `No such ${kind}: '${id}'`,
    param,
  );
}

export function invalid(code: string, message: string, param?: string): ApiError {
  return new ApiError(400, 'invalid_request_error', code, message, param);
}
