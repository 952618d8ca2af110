/** Small, pure string helpers shared by the extractor, the planner and the exports. */

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Removes inline Markdown (emphasis, code, links, images, HTML tags), keeping the words. */
export function stripInlineMarkdown(text: string): string {
  return collapseWhitespace(
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
      .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
      .replace(/`+([^`]*)`+/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/~~(.+?)~~/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1'),
  );
}

/** Lower case, accents and punctuation removed: the form used to compare lines. */
export function normaliseForComparison(text: string): string {
  return collapseWhitespace(
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' '),
  );
}

const SLUG_STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'for',
  'in',
  'on',
  'with',
  'as',
  'i',
  'we',
  'be',
  'is',
  'are',
  'can',
  'should',
  'must',
  'will',
  'able',
  'want',
  'so',
  'that',
  'their',
  'they',
  'it',
  'our',
  'my',
  'user',
  'users',
]);

/** `Loyalty points for repeat buyers!` → `loyalty-points-repeat-buyers`. */
export function slugify(text: string, maxWords = 4): string {
  const words = normaliseForComparison(text)
    .split(' ')
    .filter((w) => w.length > 0 && /^[a-z0-9]+$/.test(w));
  const meaningful = words.filter((w) => !SLUG_STOP_WORDS.has(w));
  const chosen = (meaningful.length > 0 ? meaningful : words).slice(0, maxWords);
  return chosen.length > 0 ? chosen.join('-') : 'item';
}

/** Cuts at a word boundary and adds an ellipsis when the text is longer than `max`. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(1, max - 1));
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut;
  return `${base.replace(/[\s,;:.-]+$/, '')}…`;
}

export function quoteText(text: string, max = 90): string {
  return `“${truncateText(text, max)}”`;
}

export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed.length === 0 ? 0 : trimmed.split(/\s+/).length;
}

export function uniqueStrings(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** `a`, `a and b`, `a, b and c`. */
export function humanList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
