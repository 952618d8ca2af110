import { ErrorCode } from './error-code';

export type ErrorDetails = Record<string, unknown>;

/**
 * A failure the caller can act on. The message is shown to the client as is,
 * so it must never carry internal detail.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(message: string, details?: ErrorDetails): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
  }

  static notFound(what: string, id?: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, id ? { id } : {});
  }

  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = 'Authentication required'): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }

  static conflict(message: string, details?: ErrorDetails): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message, details);
  }

  static invalidTransition(from: string, action: string): DomainError {
    return new DomainError(ErrorCode.INVALID_TRANSITION, `Cannot ${action} from state ${from}`, {
      from,
      action,
    });
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
