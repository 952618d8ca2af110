import { normaliseForComparison } from './text.util';

/** Words that carry no content of their own when comparing what two texts talk about. */
const STOP_WORDS = new Set(
  (
    'a an the and or but of to for in on at by with from into onto as is are was were be been being ' +
    'i we you he she it they them their our my your his her its this that these those there here ' +
    'can could must should shall will would may might need needs want wants able not no so such ' +
    'each every all any some other also only just then than when where which who whom what how ' +
    'do does did done have has had get gets got via per up down out over under about after before ' +
    'very more most less least own same new etc e g i e like'
  ).split(' '),
);

const IRREGULAR: Readonly<Record<string, string>> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  data: 'data',
  news: 'news',
  status: 'status',
  bus: 'bus',
  paid: 'pay',
  sent: 'send',
  made: 'make',
  left: 'leave',
  seen: 'see',
  bought: 'buy',
  sold: 'sell',
  chose: 'choose',
  chosen: 'choose',
  written: 'write',
  wrote: 'write',
};

/**
 * A crude, deterministic English stem, good enough to see that "reserving",
 * "reserves" and "reserved" talk about the same action, and "payments" about
 * paying: plural, verb and a few derivational endings are removed.
 */
export function stemWord(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length <= 3) return w;
  const rules: readonly [RegExp, string][] = [
    [/ations?$/, 'e'],
    [/ments?$/, ''],
    [/ings?$/, ''],
    [/ied$/, 'y'],
    [/ies$/, 'y'],
    [/(ss)es$/, '$1'],
    [/(sh|ch|x|z)es$/, '$1'],
    [/([^s])s$/, '$1'],
    [/([^e])ed$/, '$1'],
    [/eed$/, 'ee'],
  ];
  let stem = w;
  for (const [pattern, replacement] of rules) {
    if (pattern.test(stem)) {
      const next = stem.replace(pattern, replacement);
      if (next.length >= 3) stem = next;
      break;
    }
  }
  // "reserve"/"reserv", "rate"/"rat": compare without a final e and doubled consonant.
  stem = stem.replace(/e$/, '');
  stem = stem.replace(/([bdfgklmnprt])\1$/, '$1');
  return stem;
}

/** The stems of the content words of a text, in order, without repeats. */
export function contentStems(text: string): string[] {
  const words = normaliseForComparison(text)
    .split(' ')
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words.map(stemWord))];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}
