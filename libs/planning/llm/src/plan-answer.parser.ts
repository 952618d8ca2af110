import { jsonrepair } from 'jsonrepair';
import { JsonSchema, validateJson } from './json-schema';

export type ParsedAnswer<T> =
  | { readonly ok: true; readonly value: T; readonly repairedSyntax: boolean }
  | { readonly ok: false; readonly errors: readonly string[] };

/** A ```json … ``` fence around the whole answer, as some models add despite the schema. */
const FENCE = /^\s*```[a-zA-Z]*\s*\n([\s\S]*?)\n?\s*```\s*$/;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a model answer as JSON: as sent, or else after `jsonrepair` (trailing
 * commas, unquoted keys, single quotes, cut-off brackets, code fences). The
 * result is only known to be JSON, not to follow any schema.
 */
export function parseJsonText(
  raw: string,
): { ok: true; value: unknown; repairedSyntax: boolean } | { ok: false; error: string } {
  let text = (FENCE.exec(raw)?.[1] ?? raw).trim();
  if (text === '') return { ok: false, error: 'The answer is empty' };
  if (!text.startsWith('{') && !text.startsWith('[')) {
    // Prose around the object ("Here is the plan: {...}"): keep the object.
    const start = text.indexOf('{');
    if (start < 0) {
      const opening = text.length > 60 ? `${text.slice(0, 60)}…` : text;
      return {
        ok: false,
        error: `The answer is prose, not JSON (${JSON.stringify(opening)}); answer with one JSON object only`,
      };
    }
    const end = text.lastIndexOf('}');
    text = text.slice(start, end > start ? end + 1 : undefined);
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown, repairedSyntax: false };
  } catch (parseError) {
    try {
      return { ok: true, value: JSON.parse(jsonrepair(text)) as unknown, repairedSyntax: true };
    } catch {
      return {
        ok: false,
        error: `The answer is not valid JSON (${reason(parseError)}); answer with one JSON object only`,
      };
    }
  }
}

/**
 * Parses an answer and checks it against the schema it was asked for. The
 * value is typed as `T` only once it has passed `validateJson(schema)`, so
 * `T` must describe `schema`.
 */
export function parseAnswer<T>(raw: string, schema: JsonSchema): ParsedAnswer<T> {
  const parsed = parseJsonText(raw);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const errors = validateJson(parsed.value, schema);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: parsed.value as T, repairedSyntax: parsed.repairedSyntax };
}
