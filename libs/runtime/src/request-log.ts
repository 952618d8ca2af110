import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** Headers worth a log line; everything else (Authorization, cookies...) is left out. */
const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'accept', 'x-request-id'];

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  raw?: IncomingMessage & { ip?: string; body?: unknown };
}

function operationName(
  raw: SerializedRequest['raw'],
  query: string | undefined,
): string | undefined {
  const fromQuery = query === undefined ? null : new URLSearchParams(query).get('operationName');
  const body = raw?.body as { operationName?: unknown } | undefined;
  const name = fromQuery ?? body?.operationName;
  return typeof name === 'string' && OPERATION_NAME.test(name) ? name : undefined;
}

/**
 * What a request log line says about the request: the path without its
 * query string (a GET /graphql carries the document and variables there,
 * passwords included), the operation name, the client address as Express
 * resolved it under TRUST_PROXY, and a few harmless headers.
 */
export function serializeRequest(req: SerializedRequest): Record<string, unknown> {
  // The request target as sent, up to its query string (no URL object: this runs on every line).
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? undefined : url.slice(queryAt + 1);
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) {
    const value = req.headers?.[name];
    if (value !== undefined) headers[name] = value;
  }
  return {
    id: req.id,
    method: req.method,
    path,
    operationName: operationName(req.raw, query),
    ip: req.raw?.ip ?? req.raw?.socket?.remoteAddress,
    headers,
  };
}

/** serializeRequest of a request as the API's handlers leave it. */
export function serializeLoggedRequest(req: LoggedRequest): Record<string, unknown> {
  return serializeRequest({
    id: req.id,
    method: req.method,
    url: req.url,
    headers: req.headers,
    raw: req,
  });
}

/** Paths pino blanks in any line, for values that reach a log by another way. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.authorization',
  '*.variables',
];

/** A request as the log sees it: Node's message with the id, address and body the API gave it. */
export type LoggedRequest = IncomingMessage & { id?: unknown; ip?: string; body?: unknown };

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id when it is sane, else a new one. */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Starts a request's logging: its id (the caller's X-Request-Id when sane,
 * echoed back) and one line when the response ends (info, or error for a
 * 5xx, warn when the client went away first). Usable as Express middleware;
 * the GraphQL handler calls `begin` and writes the id with its own headers.
 */
export interface RequestLogging {
  (req: IncomingMessage, res: ServerResponse, next?: () => void): void;
  /** The root logger of the process. */
  readonly logger: Logger;
  /**
   * Gives the request its id (`req.id`) and its end line, and returns the
   * id, which the caller must echo in the response's X-Request-Id header.
   */
  begin(req: IncomingMessage, res: ServerResponse): string;
  /**
   * The request's own logger, a child carrying the request: made the first
   * time it is asked for (most requests log nothing but their end line),
   * then kept as `req.log`.
   */
  loggerOf(req: IncomingMessage): Logger;
}

/** Writes a request's end line: the request, its status and its time, at `level`. */
export type EndLineWriter = (
  level: 'info' | 'warn' | 'error',
  message: string,
  req: LoggedRequest,
  res: ServerResponse,
  responseTime: number,
) => void;

/**
 * Writes the end lines as `logger` would (pino's line: level, time, the
 * logger's bindings, then req, res, responseTime and msg, the request
 * serialized by serializeRequest), but builds them itself: one
 * JSON.stringify of the whitelisted request and a few concatenations, where
 * a pino call walks its serializers, formatters and stringifiers per field,
 * about 14 µs, 6% of a `me` request. The lines hold only the whitelist (no
 * query string, body or credentials), so they need none of the redaction
 * every other line pays for. Its levels follow `logger`'s.
 */
export function endLineWriter(logger: Logger, write: (line: string) => void): EndLineWriter {
  const bindings = JSON.stringify(logger.bindings()).slice(1, -1);
  const base = bindings === '' ? '' : `,${bindings}`;
  const levels = logger.levels.values;
  return (level, message, req, res, responseTime) => {
    if (!logger.isLevelEnabled(level)) return;
    const request = serializeLoggedRequest(req);
    write(
      `{"level":${levels[level]},"time":${Date.now()}${base},"req":${JSON.stringify(request)},` +
        `"res":{"statusCode":${res.statusCode}},"responseTime":${responseTime},` +
        `"msg":${JSON.stringify(message)}}\n`,
    );
  };
}

export function requestLogging(
  logger: Logger,
  options: {
    ignore(req: IncomingMessage): boolean;
    /** Writes the end-of-request lines; by default `logger` does (endLineWriter is the lean one). */
    endLines?: EndLineWriter;
  },
): RequestLogging {
  const endLines: EndLineWriter =
    options.endLines ??
    ((level, message, req, res, responseTime) =>
      logger[level]({ req, res, responseTime }, message));
  const begin = (incoming: IncomingMessage, res: ServerResponse): string => {
    const req = incoming as LoggedRequest;
    const started = Date.now();
    const id = requestId(req);
    req.id = id;
    if (!options.ignore(req)) {
      // `close` comes once per response: `on` spares the wrapper `once` would make.
      res.on('close', () => {
        const took = Date.now() - started;
        if (!res.writableFinished) endLines('warn', 'request aborted', req, res, took);
        else if (res.statusCode >= 500) endLines('error', 'request errored', req, res, took);
        else endLines('info', 'request completed', req, res, took);
      });
    }
    return id;
  };
  const start = (req: IncomingMessage, res: ServerResponse, next?: () => void): void => {
    res.setHeader('x-request-id', begin(req, res));
    next?.();
  };
  // A plain property set on first use, not an accessor defined per request:
  // a getter closure holding the request would give every request its own
  // hidden class, and those (old space) would keep each request's objects
  // alive through every scavenge until the next full collection.
  const loggerOf = (incoming: IncomingMessage): Logger => {
    const req = incoming as LoggedRequest & { log?: Logger };
    return (req.log ??= logger.child({ req }));
  };
  return Object.assign(start, { logger, begin, loggerOf });
}
