import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Statuses whose response may carry no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function headerPairs(res: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, v]);
  }
  return pairs;
}

function bodyOf(body: RequestInit['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error('patientFetch sends string or byte bodies only');
}

/**
 * A `fetch` on `node:http(s)` without a headers timeout. Node's own fetch
 * gives up when response headers take longer than 300 s, and a single-slot
 * server such as Ollama sends them only once a queued request gets its slot:
 * the wait in the queue must be bounded by the planner's first-token timeout
 * alone. Aborting through `init.signal` ends the request or its body.
 */
export const patientFetch: Fetch = (input, init = {}) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = bodyOf(init.body);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined },
      (res) => {
        const status = res.statusCode ?? 500;
        const stream = NULL_BODY.has(status)
          ? null
          : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
        if (stream === null) res.resume();
        resolve(
          new Response(stream, {
            status,
            statusText: res.statusMessage ?? '',
            headers: headerPairs(res),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
