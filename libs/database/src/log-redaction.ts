import { stdSerializers } from 'pino';

/**
 * Properties of database errors that carry the values of a statement: the
 * bound parameters (a password hash, an email, a brief) and PostgreSQL's
 * `detail` ("Key (email)=(…) already exists"). The query text stays: it is
 * ours and says what failed.
 */
const VALUE_KEYS = new Set(['parameters', 'params', 'detail']);
const MAX_DEPTH = 6;

function scrub(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (VALUE_KEYS.has(key)) {
      out[key] = '[redacted]';
      continue;
    }
    out[key] = child instanceof Error ? safeErrorSerializer(child) : scrub(child, depth + 1);
  }
  return out;
}

/** pino's error serializer, minus the values of any failing SQL statement. */
export function safeErrorSerializer(err: unknown): unknown {
  if (!(err instanceof Error)) return scrub(err, 0);
  return scrub(stdSerializers.err(err), 0);
}

/**
 * Logging options every process uses: errors are serialized safely whatever
 * key they are logged under (`err`, `error`, nested in an object).
 */
export const SAFE_ERROR_LOGGING = {
  serializers: { err: safeErrorSerializer },
  formatters: {
    log: (entry: Record<string, unknown>): Record<string, unknown> => {
      // Most lines (every request's) hold no error: they go out as they are.
      if (!Object.values(entry).some((value) => value instanceof Error)) return entry;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(entry)) {
        out[key] = value instanceof Error ? safeErrorSerializer(value) : value;
      }
      return out;
    },
  },
};
