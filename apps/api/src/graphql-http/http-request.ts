import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ErrorCode } from '@splitwork/kernel';

/** A refusal of the HTTP request itself, before any GraphQL: status, code, message. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function badRequest(message: string): HttpRefusal {
  return new HttpRefusal(400, ErrorCode.BAD_REQUEST, message);
}

/** What a GraphQL request asks, from a POST body or a GET query string. */
export interface GraphqlParams {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mediaTypeOf(header: string | undefined): { type: string; charset?: string } | undefined {
  if (!header) return undefined;
  const [type, ...params] = header.split(';');
  const charset = params
    .map((p) => p.trim().split('='))
    .find(([name]) => name.toLowerCase() === 'charset')?.[1];
  return { type: type.trim().toLowerCase(), charset: charset?.replace(/"/g, '').toLowerCase() };
}

function decoded(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  switch (encoding) {
    case 'identity':
      return req;
    case 'gzip':
      return req.pipe(createGunzip());
    case 'deflate':
      return req.pipe(createInflate());
    case 'br':
      return req.pipe(createBrotliDecompress());
    default:
      throw new HttpRefusal(
        415,
        ErrorCode.BAD_REQUEST,
        `Unsupported content encoding "${encoding}"`,
      );
  }
}

function tooLarge(limit: number): HttpRefusal {
  return new HttpRefusal(
    413,
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The request body is larger than ${limit} bytes`,
  );
}

/** The body's bytes, refused past `limit` (declared or counted, after decompression). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  const stream = decoded(req);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: HttpRefusal) => {
      stream.removeAllListeners('data');
      // The rest of the body is read and dropped, so the answer still reaches the client.
      req.resume();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge(limit));
      else chunks.push(chunk);
    });
    stream.on('error', () =>
      fail(new HttpRefusal(400, ErrorCode.BAD_REQUEST, 'The request body cannot be read')),
    );
    stream.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    // A client that goes away mid-body: nothing more will come.
    req.on('close', () => {
      if (!req.complete) {
        fail(new HttpRefusal(400, ErrorCode.BAD_REQUEST, 'The request body was cut short'));
      }
    });
  });
}

/**
 * A POST's parameters. The body must be application/json: that is also what
 * keeps cross-site forms off the API, since no page may send that type to
 * another origin without a CORS preflight, which this API never grants.
 */
export async function postParams(req: IncomingMessage, limit: number): Promise<GraphqlParams> {
  const media = mediaTypeOf(req.headers['content-type']);
  if (media?.type !== 'application/json') {
    throw new HttpRefusal(415, ErrorCode.BAD_REQUEST, 'A POST body must be application/json', {
      accept: 'application/json',
    });
  }
  if (media.charset && media.charset !== 'utf-8' && media.charset !== 'utf8') {
    throw new HttpRefusal(415, ErrorCode.BAD_REQUEST, `Unsupported charset "${media.charset}"`);
  }
  const text = (await readBody(req, limit)).toString('utf8');
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw badRequest('The request body is not valid JSON');
    }
  }
  if (Array.isArray(body)) throw badRequest('Batched operations are not supported');
  if (!isRecord(body) || Object.keys(body).length === 0) {
    throw badRequest('POST body missing, invalid Content-Type, or JSON object has no keys.');
  }
  return checkedParams(body, 'a POST body');
}

/** A GET's parameters, each at most once in the query string. */
export function getParams(req: IncomingMessage, search: URLSearchParams): GraphqlParams {
  const media = mediaTypeOf(req.headers['content-type']);
  if (media && media.type !== 'application/json') {
    throw new HttpRefusal(
      415,
      ErrorCode.BAD_REQUEST,
      'GET requests may not have a content-type header other than application/json.',
    );
  }
  const once = (name: string): string | undefined => {
    const values = search.getAll(name);
    if (values.length > 1)
      throw badRequest(`The '${name}' search parameter may only be specified once.`);
    return values[0];
  };
  const json = (name: string): unknown => {
    const value = once(name);
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(`The ${name} search parameter contains invalid JSON.`);
    }
  };
  return checkedParams(
    {
      query: once('query'),
      operationName: once('operationName'),
      variables: json('variables'),
      extensions: json('extensions'),
    },
    'the query string',
  );
}

function checkedParams(body: Record<string, unknown>, where: string): GraphqlParams {
  const { query, operationName, variables, extensions } = body;
  if (query !== undefined && query !== null && typeof query !== 'string') {
    throw badRequest('GraphQL queries must be strings.');
  }
  for (const [name, value] of [
    ['variables', variables],
    ['extensions', extensions],
  ] as const) {
    if (value !== undefined && value !== null && !isRecord(value)) {
      throw badRequest(`\`${name}\` in ${where} must be an object if provided.`);
    }
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw badRequest(`\`operationName\` in ${where} must be a string if provided.`);
  }
  return {
    query: query || undefined,
    operationName: operationName ?? undefined,
    variables: (variables as Record<string, unknown> | null) ?? undefined,
    extensions: (extensions as Record<string, unknown> | null) ?? undefined,
  };
}
