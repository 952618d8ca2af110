import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The API's security headers (helmet): it serves JSON only, so nothing in
 * it may load or run anything. GraphiQL's page and the web app set their own,
 * looser policies.
 */
export const apiSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

/**
 * The headers a helmet middleware sets, read once: with fixed directives they
 * are the same on every response, so a hot path can send them without
 * running the middleware per request.
 */
export function fixedHeaders(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  } as unknown as ServerResponse;
  let failed: unknown;
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, res, (error) => {
    failed = error;
  });
  if (failed) throw failed instanceof Error ? failed : new Error('helmet refused its settings');
  return [...headers];
}
