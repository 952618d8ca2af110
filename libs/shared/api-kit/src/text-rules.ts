/**
 * Rules for text that arrives from clients. PostgreSQL refuses NUL in text and
 * jsonb, a lone UTF-16 surrogate cannot be encoded at all, and other control
 * characters have no meaning in anything a person types; they are refused
 * wherever a string enters, before any service sees it.
 */

export interface TextProblem {
  /** Path of the offending value, e.g. `input.acceptanceCriteria.2`. */
  field: string;
  problem: string;
}

/** C0 controls other than tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Line and paragraph breaks and tabs, refused in single-line text. */
const LINE_BREAK = /[\t\n\r\u2028\u2029\u0085]/;
/**
 * Bidirectional embeddings, overrides and isolates: they reorder what is
 * displayed (a name that reads differently from what it is). The marks
 * U+200E/U+200F that right-to-left text needs stay allowed.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Anything that is neither white space nor an invisible format character. */
const VISIBLE = /[^\s\u180E\u200B-\u200D\u2060\uFEFF]/u;

/** The reason a string may not be stored, or null when it is acceptable text. */
export function unsafeTextReason(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (no lone surrogates)';
  if (CONTROL.test(value)) return 'must not contain control characters';
  return null;
}

/** Whether the text has at least one visible character. */
export function hasVisibleText(value: string): boolean {
  return VISIBLE.test(value);
}

/** The reason text is not a single line, or null. */
export function singleLineReason(value: string): string | null {
  if (LINE_BREAK.test(value)) return 'must be a single line';
  if (BIDI_CONTROL.test(value)) return 'must not contain bidirectional control characters';
  return null;
}

/**
 * Walks any argument value (strings, lists, input objects at any depth) and
 * returns the first string that may not be stored, with its path. Object keys
 * are checked too: a JSON scalar would carry them into the database.
 */
export function findUnsafeText(value: unknown, path: string): TextProblem | null {
  if (typeof value === 'string') {
    const problem = unsafeTextReason(value);
    return problem ? { field: path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const keyProblem = unsafeTextReason(key);
      if (keyProblem) return { field: path, problem: `keys ${keyProblem}` };
      const found = findUnsafeText(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
