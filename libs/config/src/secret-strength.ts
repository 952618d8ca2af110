/** Secrets shorter than this are refused in production. */
export const MIN_SECRET_LENGTH = 32;

/**
 * Estimated bits a secret must carry in production. The estimate (Shannon
 * entropy of the character distribution × length) undercounts a random
 * secret a little: 32 random base64 characters score about 140, 32 hex
 * characters about 112, a phrase repeated to length far less.
 */
export const MIN_SECRET_BITS = 100;

/**
 * Words that mark a value as a placeholder or an example copied from a file,
 * compared without case or separators ("CHANGE-ME", "change_me"). All are six
 * letters or more, so a random secret contains one by chance about once in
 * ten million.
 */
const PLACEHOLDER_WORDS = [
  'changeme',
  'placeholder',
  'secret',
  'password',
  'example',
  'default',
  'replace',
  'sample',
  'insecure',
  'notsecure',
  'donotuse',
  'splitwork',
];

/** Shannon entropy of the character distribution, in bits per character. */
export function entropyBitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  let bits = 0;
  for (const c of counts.values()) bits -= (c / n) * Math.log2(c / n);
  return bits;
}

/** Estimated bits of the whole value (see MIN_SECRET_BITS). */
export function estimatedSecretBits(value: string): number {
  return entropyBitsPerChar(value) * [...value].length;
}

/** A short unit repeated ("abcabcabc…", "xxxxxxxx…"). */
function isRepetition(value: string): boolean {
  const n = value.length;
  for (let period = 1; period <= n / 2; period++) {
    let repeats = true;
    for (let i = period; i < n && repeats; i++) repeats = value[i] === value[i - period];
    if (repeats) return true;
  }
  return false;
}

/** Mostly runs of consecutive characters ("0123456789abcdef…", "zyxw…"). */
function isSequence(value: string): boolean {
  let steps = 0;
  for (let i = 1; i < value.length; i++) {
    if (Math.abs(value.charCodeAt(i) - value.charCodeAt(i - 1)) === 1) steps++;
  }
  return steps >= (value.length - 1) / 2;
}

/**
 * Why `value` is not fit to be a production secret, or undefined when it is.
 * The reason names the rule only; it never repeats the value, which may be a
 * real secret that merely fails one rule.
 */
export function secretWeakness(value: string, minLength = MIN_SECRET_LENGTH): string | undefined {
  if (value.length < minLength) return `must be at least ${minLength} characters`;
  const letters = value.toLowerCase().replace(/[\s._-]/g, '');
  const word = PLACEHOLDER_WORDS.find((w) => letters.includes(w));
  if (word) return `looks like a placeholder (contains "${word}"); use a random value`;
  if (isRepetition(value)) return 'is a repeated pattern; use a random value';
  if (isSequence(value)) return 'is a run of consecutive characters; use a random value';
  if (estimatedSecretBits(value) < MIN_SECRET_BITS) {
    return `is too predictable (about ${Math.floor(estimatedSecretBits(value))} bits, ${MIN_SECRET_BITS} needed); use a random value such as \`openssl rand -base64 48\``;
  }
  return undefined;
}
