import type { IncomingMessage } from 'node:http';

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

function operationName(raw: SerializedRequest['raw'], url: URL): string | undefined {
  const body = raw?.body as { operationName?: unknown } | undefined;
  const name = url.searchParams.get('operationName') ?? body?.operationName;
  return typeof name === 'string' && OPERATION_NAME.test(name) ? name : undefined;
}

/**
 * What a request log line says about the request: the path without its
 * query string (a GET /graphql carries the document and variables there,
 * passwords included), the operation name, the client address as Express
 * resolved it under TRUST_PROXY, and a few harmless headers.
 */
export function serializeRequest(req: SerializedRequest): Record<string, unknown> {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers = Object.fromEntries(
    LOGGED_HEADERS.filter((h) => req.headers?.[h] !== undefined).map((h) => [h, req.headers?.[h]]),
  );
  return {
    id: req.id,
    method: req.method,
    path: url.pathname,
    operationName: operationName(req.raw, url),
    ip: req.raw?.ip ?? req.raw?.socket?.remoteAddress,
    headers,
  };
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
