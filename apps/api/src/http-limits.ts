import type { NextFunction, Request, Response } from 'express';
import { BRIEF_MAX_LENGTH } from '@splitwork/planning';
import { ErrorCode } from '@splitwork/kernel';

/**
 * The largest request body accepted, derived from the largest input: a brief
 * of BRIEF_MAX_LENGTH characters (UTF-16 code units). JSON-escaped as
 * `\uXXXX`, which ASCII-only encoders do for every non-ASCII character, one
 * code unit takes 6 bytes (more than its 3 in raw UTF-8); 64 KiB more covers
 * the document and the other fields of the request.
 */
export const MAX_REQUEST_BODY_BYTES = BRIEF_MAX_LENGTH * 6 + 64 * 1024;

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

function graphqlError(res: Response, status: number, code: ErrorCode, message: string): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Answers the body parsers' refusals (too large, not JSON, bad charset) in
 * GraphQL's error shape rather than an HTML page; other errors pass on.
 */
export function bodyParserErrors(
  error: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  const e = (error ?? {}) as BodyParserError;
  const status = e.status ?? e.statusCode;
  if (typeof e.type !== 'string' || typeof status !== 'number' || res.headersSent) {
    next(error);
    return;
  }
  if (e.type === 'entity.too.large') {
    graphqlError(
      res,
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes`,
    );
  } else if (e.type === 'entity.parse.failed') {
    graphqlError(res, 400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON');
  } else if (status >= 400 && status < 500) {
    graphqlError(res, status, ErrorCode.BAD_REQUEST, 'The request body cannot be read');
  } else {
    next(error);
  }
}
