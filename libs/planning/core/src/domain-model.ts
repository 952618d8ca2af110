import type { BriefNlp, TaggedToken } from './nlp/brief-nlp.port';
import { Requirement } from './plan.types';
import { isInstructionLike } from './requirement-extractor';
import { stripInlineMarkdown } from './text.util';

/** What one requirement asks: who does what to which thing, with which details. */
export interface StoryReading {
  readonly requirementId: string;
  /** `renter`, or undefined when the line names nobody. */
  readonly actor?: string;
  /** Base form of the verb: `reserve`. */
  readonly action: string;
  /** The thing acted on, singular base form: `tool`. */
  readonly entity: string;
  /** Details of the thing named in the line: `photo`, `daily price`. */
  readonly attributes: readonly string[];
  /** Other things the entity belongs to or points at: `owner`, `category`. */
  readonly related: readonly string[];
  /** Words after the object qualifying the action: `for specific dates`. */
  readonly qualifier?: string;
  /** "so that …": what the user gets out of it. */
  readonly outcome?: string;
}

export interface DomainEntity {
  /** Singular base form: `tool`. */
  readonly name: string;
  readonly attributes: readonly string[];
  readonly related: readonly string[];
  /** Actions in order of first mention, each with the requirements asking for it. */
  readonly actions: readonly {
    readonly verb: string;
    readonly requirementIds: readonly string[];
  }[];
  readonly actors: readonly string[];
}

export interface DomainModel {
  /** In order of first mention in the brief. */
  readonly entities: readonly DomainEntity[];
  /** One reading per requirement where a thing and an action were found. */
  readonly stories: ReadonlyMap<string, StoryReading>;
}

const USER_STORY_PREFIX =
  /^\s*as (?:an?|the)\s+([^,.]{1,80}?),?\s+i\s+(?:want|need|would like|wish|expect|can|should be able|am able)(?:\s+to)?(?:\s+be able to)?\s+/i;
const SO_THAT = /\s*,?\s+(?:so that|so|in order to|because)\s+(.*)$/i;
const MODAL_SPLIT =
  /^(.{1,60}?)\s+(?:can|could|must|should|shall|will|may|need to|needs to|are able to|is able to|want to|wants to|get to|have to|has to)\s+(?:be able to\s+)?(.*)$/i;
const SYSTEM_SUBJECT =
  /^(?:the |our |this |an? )?(?:[a-z-]+ )?(?:app|application|system|site|website|platform|portal|product|backend|api|service|dashboard)$/i;

const PERSON =
  '(?:[a-z]+(?:ers|ors|ants|ists)|users|customers|admins|members|guests|hosts|staff|people|patients|students|parents|clients|both|everyone|visitors)';
const PEOPLE_SUBJECT = new RegExp(
  `^((?:the |all |both |each |every )?${PERSON}(?: and ${PERSON})?)\\s+([a-z]+)\\b`,
  'i',
);
/** A subject naming people ("Registered users", "The team admin"). */
const PERSON_HEAD = new RegExp(
  `(?:^|\\s)(?:${PERSON}|user|customer|admin|member|owner|renter|team admin|i|we|you|they|everyone|anyone)$`,
  'i',
);
const MODALS = new Set([
  'can',
  'could',
  'must',
  'should',
  'shall',
  'will',
  'may',
  'need',
  'needs',
  'want',
  'wants',
  'are',
  'is',
  'have',
  'has',
  'who',
  'that',
  'with',
]);

/** Verbs that carry no action of their own ("want to", "be able to"); the next verb is the action. */
const LIGHT_VERBS = new Set([
  'be',
  'want',
  'need',
  'able',
  'like',
  'wish',
  'have',
  'let',
  'allow',
  'enable',
  'help',
  'try',
  'go',
  'get',
  'make',
  'use',
  'do',
  'keep',
]);

/** Head nouns that name a view of a thing, not the thing: "tool listings" is about tools. */
const VIEW_NOUNS = new Set([
  'listing',
  'list',
  'page',
  'screen',
  'view',
  'section',
  'management',
  'feature',
  'detail',
  'details',
  'info',
  'information',
  'overview',
  'history',
  'catalog',
  'catalogue',
  'directory',
  'form',
  'flow',
  'module',
  'system',
  'option',
  'ability',
  'way',
  'request',
]);

const ALERT_ACTIONS: Readonly<Record<string, string>> = {
  alert: 'alert',
  notification: 'notify',
  reminder: 'remind',
};

/** Nouns naming an absence or a service rather than a thing: a request for one is the thing. */
const ACTIVITY_NOUNS = new Set([
  'leave',
  'holiday',
  'absence',
  'time-off',
  'vacation',
  'refund',
  'access',
  'change',
  'quote',
  'withdrawal',
  'payout',
  'transfer',
  'support',
  'help',
  'repair',
  'maintenance',
]);

/** Nouns that are details of a thing: "the condition of a tool" is about the tool. */
const ATTRIBUTE_NOUNS = new Set([
  'condition',
  'status',
  'price',
  'cost',
  'location',
  'address',
  'photo',
  'picture',
  'image',
  'name',
  'title',
  'description',
  'availability',
  'rating',
  'state',
  'progress',
  'quantity',
  'stock',
  'size',
  'colour',
  'color',
  'owner',
  'detail',
]);

/** Nouns that are never the thing of a story: time, amounts, vague references. */
const NON_ENTITIES = new Set([
  'time',
  'date',
  'day',
  'week',
  'month',
  'year',
  'hour',
  'minute',
  'way',
  'thing',
  'something',
  'anything',
  'everything',
  'lot',
  'kind',
  'type',
  'number',
  'app',
  'application',
  'website',
  'site',
  'platform',
  'system',
  'place',
  'part',
  'side',
  'end',
  'need',
  'ability',
  'option',
  'mvp',
]);

/** Nouns a gerund/noun head implies as an action: "tool listings" → list. */
const NOUN_ACTIONS: Readonly<Record<string, string>> = {
  listing: 'list',
  list: 'list',
  search: 'search',
  booking: 'book',
  reservation: 'reserve',
  management: 'manage',
  history: 'view',
  overview: 'view',
  page: 'view',
  detail: 'view',
  details: 'view',
  view: 'view',
  upload: 'upload',
  export: 'export',
  import: 'import',
  tracking: 'track',
  rating: 'rate',
  review: 'review',
  payment: 'pay',
  checkout: 'check out',
  registration: 'register',
  signup: 'sign up',
  login: 'log in',
  notification: 'notify',
  sharing: 'share',
  editing: 'edit',
  creation: 'create',
  scheduling: 'schedule',
  filter: 'filter',
  filtering: 'filter',
  catalog: 'browse',
  catalogue: 'browse',
};

function isNounish(t: TaggedToken): boolean {
  return t.pos === 'NOUN' || t.pos === 'PROPN';
}

/** Lemma of a noun, singular: wink's lemmas already are; a few plurals it leaves are fixed. */
function nounLemma(t: TaggedToken): string {
  const lemma = t.lemma.toLowerCase().replace(/[^a-z0-9-]/g, '');
  if (t.pos === 'PROPN' && /s$/.test(lemma) && !/ss$/.test(lemma) && lemma.length > 3) {
    return lemma.replace(/ies$/, 'y').replace(/s$/, '');
  }
  return lemma;
}

/** A run of nouns (with adjectives before them) from index `i`: returns the words and where it ends. */
function nounPhrase(
  tokens: readonly TaggedToken[],
  start: number,
): { modifiers: string[]; nouns: string[]; end: number } | undefined {
  let i = start;
  const modifiers: string[] = [];
  while (i < tokens.length && ['DET', 'PRON', 'NUM'].includes(tokens[i].pos)) i++;
  while (
    i < tokens.length &&
    (tokens[i].pos === 'ADJ' || tokens[i].pos === 'VERB') &&
    i + 1 < tokens.length &&
    isNounish(tokens[i + 1]) &&
    tokens[i].pos === 'ADJ'
  ) {
    modifiers.push(tokens[i].lemma.toLowerCase());
    i++;
  }
  while (i < tokens.length && tokens[i].pos === 'ADJ') {
    modifiers.push(tokens[i].lemma.toLowerCase());
    i++;
  }
  const nouns: string[] = [];
  while (i < tokens.length && isNounish(tokens[i])) {
    nouns.push(nounLemma(tokens[i]));
    i++;
  }
  if (nouns.length === 0) return undefined;
  return { modifiers, nouns, end: i };
}

/** `tool listing` → entity tool (the view noun names the action); `drill` → drill. */
function entityOf(nouns: readonly string[]): { entity: string; impliedAction?: string } {
  const head = nouns[nouns.length - 1];
  // "settlement report", "expense report": a named kind of report is the app's own document.
  if (head === 'report' && nouns.length > 1 && !NON_ENTITIES.has(nouns[nouns.length - 2])) {
    return { entity: `${nouns[nouns.length - 2]} report` };
  }
  if (nouns.length > 1 && VIEW_NOUNS.has(head)) {
    const before = nouns[nouns.length - 2];
    // "leave request", "refund request": a request for an absence or a service is the thing itself.
    if (head === 'request' && ACTIVITY_NOUNS.has(before)) return { entity: `${before} request` };
    // "shopping list", "waiting list": a list named after an activity is a thing of its own.
    if (head === 'list' && /ing$/.test(before)) return { entity: `${before} list` };
    return { entity: before, impliedAction: NOUN_ACTIONS[head] };
  }
  return { entity: head };
}

function actorOf(subject: string): string | undefined {
  const words = subject
    .toLowerCase()
    .replace(/[^a-z\s-]/g, ' ')
    .split(/\s+/)
    .filter(
      (w) =>
        w.length > 0 &&
        ![
          'the',
          'a',
          'an',
          'each',
          'every',
          'all',
          'any',
          'our',
          'registered',
          'logged-in',
          'new',
          'i',
          'we',
        ].includes(w),
    );
  const head = words[words.length - 1];
  if (!head || SYSTEM_SUBJECT.test(subject.trim())) return undefined;
  // "Both", "everyone", "people": any user.
  if (['both', 'everyone', 'anyone', 'people', 'they', 'you', 'someone'].includes(head))
    return 'user';
  return head.replace(/ies$/, 'y').replace(/([^s])s$/, '$1');
}

/** Splits "As a renter, I want to X so that Y" / "Renters can X" into actor, clause and outcome. */
function clauseOf(
  text: string,
  leadIn: string | undefined,
): {
  actor?: string;
  clause: string;
  outcome?: string;
  startsWithVerb: boolean;
  subjectThing?: string;
} {
  // "(plates, bowls, mugs)": examples, not the thing or the action.
  let rest = stripInlineMarkdown(text)
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/[.!;]+$/, '')
    // "Constraints: scanning must work…": the label is not the thing.
    .replace(
      /^(?:constraints?|assumptions?|non[- ]functional(?: requirements?)?|technical)\s*:\s+/i,
      '',
    );
  let actor: string | undefined;
  let subjectThing: string | undefined;
  let startsWithVerb = false;
  const story = USER_STORY_PREFIX.exec(rest);
  if (story) {
    actor = actorOf(story[1]);
    rest = rest.slice(story[0].length);
    startsWithVerb = true;
  } else {
    const modal = MODAL_SPLIT.exec(rest);
    if (modal && modal[1].split(/\s+/).length <= 4) {
      // "Messages must be stored encrypted": the subject is the thing, not a user.
      // "Residents can report a pothole": only someone can do something; a thing is done to ("can be searched").
      const ability =
        /^(?:can|could|(?:should|must|will) be able to|are able to|is able to|want to|wants to|get to)\s/i.test(
          rest.slice(modal[1].length).trim(),
        ) && !/^be\b/i.test(modal[2]);
      if (PERSON_HEAD.test(modal[1].trim()) || SYSTEM_SUBJECT.test(modal[1].trim()) || ability) {
        actor = actorOf(modal[1]);
      } else {
        subjectThing = modal[1];
      }
      rest = modal[2];
      startsWithVerb = true;
    } else if (leadIn) {
      const lead = MODAL_SPLIT.exec(`${leadIn.replace(/:\s*$/, '')} x`);
      if (lead) {
        actor = actorOf(lead[1]);
        startsWithVerb = true;
      }
    }
  }
  if (!startsWithVerb) {
    // "Owners and sitters sign up…", "Renters pick up…": people as subject, then their verb.
    const subject = PEOPLE_SUBJECT.exec(rest);
    if (subject && !MODALS.has(subject[2].toLowerCase())) {
      actor = actorOf(subject[1].split(/\s+and\s+/)[0]);
      rest = rest.slice(subject[1].length).trim();
      startsWithVerb = true;
    }
  }
  let outcome: string | undefined;
  const so = SO_THAT.exec(rest);
  if (so && so.index > 0) {
    outcome = so[1].trim();
    rest = rest.slice(0, so.index);
  }
  return { actor, clause: rest.trim(), outcome, startsWithVerb, subjectThing };
}

const DISPLAY_VERBS = new Set([
  'show',
  'display',
  'list',
  'include',
  'contain',
  'have',
  'feature',
  'offer',
  'present',
]);

/** Nouns after the subject (or the verb) as attributes: "shows several photos, price and stock". */
function nounsAfter(tokens: readonly TaggedToken[], from: number, entity: string): string[] {
  const out: string[] = [];
  for (let i = from; i < tokens.length; i++) {
    if (
      tokens[i].pos === 'SCONJ' ||
      tokens[i].pos === 'VERB' ||
      (tokens[i].pos === 'ADV' && tokens[i].lemma === 'when')
    )
      break;
    const np = nounPhrase(tokens, i);
    if (!np) continue;
    const name = np.nouns.join(' ');
    if (name !== entity && !NON_ENTITIES.has(np.nouns[np.nouns.length - 1])) out.push(name);
    i = np.end - 1;
  }
  return [...new Set(out)];
}

/** A line whose subject is the thing: a noun-phrase item, a page that shows things, a passive. */
function subjectReading(
  requirement: Requirement,
  subject: NonNullable<ReturnType<typeof nounPhrase>>,
  tokens: readonly TaggedToken[],
  actor: string | undefined,
  outcome: string | undefined,
  passive: boolean,
): StoryReading | undefined {
  const { entity, impliedAction } = entityOf(subject.nouns);
  if (NON_ENTITIES.has(entity)) return undefined;
  const start = passive ? 0 : subject.end;
  const verb = tokens
    .slice(start)
    .find((t) => t.pos === 'VERB' && !LIGHT_VERBS.has(t.lemma) && !DISPLAY_VERBS.has(t.lemma));
  const displays =
    !passive && tokens[subject.end]?.pos === 'VERB' && DISPLAY_VERBS.has(tokens[subject.end].lemma);
  const action = passive
    ? (verb?.lemma ?? impliedAction ?? 'manage')
    : displays
      ? (impliedAction ?? 'view')
      : (impliedAction ?? 'manage');
  return {
    requirementId: requirement.id,
    ...(actor ? { actor } : {}),
    action,
    entity,
    attributes:
      displays ||
      ['with', 'include', 'including', 'containing'].includes(tokens[subject.end]?.lemma ?? '')
        ? nounsAfter(tokens, subject.end + 1, entity)
        : [],
    related: [],
    ...(outcome ? { outcome } : {}),
  };
}

/**
 * Reads one requirement: the first real verb is the action, the noun phrase
 * after it the thing (a view noun such as "listing" points at the thing
 * before it), nouns after "with"/"including" its attributes, nouns after
 * "of"/"by"/"per"/"from" and possessives of the actor its relations. A line
 * without a verb ("Tool listings with photos") takes its action from the
 * view noun, else `manage`.
 */
export function readStory(requirement: Requirement, nlp: BriefNlp): StoryReading | undefined {
  const { actor, clause, outcome, startsWithVerb, subjectThing } = clauseOf(
    requirement.text,
    requirement.leadIn,
  );
  if (clause.length === 0) return undefined;
  // Lower-case the first letter: wink reads a capitalised imperative ("Browse tools") as a name.
  // After "I want to" / "can" the clause starts with a verb: a subject makes wink read it as one.
  const lowered = clause.charAt(0).toLowerCase() + clause.slice(1);
  let tokens = startsWithVerb ? nlp.tag(`they ${lowered}`).slice(1) : nlp.tag(lowered);
  // "Search recipes by ingredient": an item may open with an imperative that reads as a noun.
  const opening = nounPhrase(tokens, 0);
  const namesAView = opening !== undefined && entityOf(opening.nouns).impliedAction !== undefined;
  if (
    !startsWithVerb &&
    !namesAView &&
    tokens[0] &&
    tokens[0].pos !== 'VERB' &&
    !tokens.some((t) => t.pos === 'VERB')
  ) {
    const retried = nlp.tag(`they ${lowered}`).slice(1);
    if (retried[0]?.pos === 'VERB' && retried.slice(1).some(isNounish)) tokens = retried;
  }
  let action: string | undefined;
  let objectStart = 0;
  let subject: ReturnType<typeof nounPhrase>;
  if (subjectThing) {
    subject = nounPhrase(nlp.tag(subjectThing.charAt(0).toLowerCase() + subjectThing.slice(1)), 0);
  } else if (!startsWithVerb && tokens[0]?.pos !== 'VERB') {
    const first = nounPhrase(tokens, 0);
    const after = first ? tokens[first.end] : undefined;
    if (first && first.nouns.length === 1 && first.modifiers.length === 0 && after?.pos === 'DET') {
      // "Book an appointment": a lone noun before a determiner is an imperative verb.
      action = tokens[0].lemma;
      objectStart = 1;
    } else if (first && (!after || !['VERB', 'AUX'].includes(after.pos))) {
      // "Shopping cart that keeps items", "Wishlist for logged-in customers": the item names a thing.
      subject = first;
    } else if (first && after?.pos === 'VERB' && DISPLAY_VERBS.has(after.lemma)) {
      // "Each product page shows photos, price and stock": the page's thing, with those attributes.
      subject = first;
    }
  }
  if (subject)
    return subjectReading(requirement, subject, tokens, actor, outcome, subjectThing !== undefined);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.pos !== 'VERB') continue;
    if (LIGHT_VERBS.has(t.lemma) && tokens.slice(i + 1).some((n) => n.pos === 'VERB')) continue;
    action = t.lemma;
    objectStart = i + 1;
    // Phrasal particle: "sign up", "log in", "check out", "pick up".
    const next = tokens[i + 1];
    if (
      next &&
      (next.pos === 'ADP' || next.pos === 'PART') &&
      ['up', 'in', 'out', 'off', 'back'].includes(next.lemma) &&
      !(tokens[i + 2] && isNounish(tokens[i + 2]) && next.lemma === 'in')
    ) {
      action = `${t.lemma} ${next.lemma}`;
      objectStart = i + 2;
    }
    break;
  }
  let phrase: ReturnType<typeof nounPhrase>;
  for (let i = objectStart; i < tokens.length; i++) {
    if (tokens[i].pos === 'PUNCT' && i > objectStart) break;
    phrase = nounPhrase(tokens, i);
    if (phrase) {
      const { entity } = entityOf(phrase.nouns);
      if (!NON_ENTITIES.has(entity)) break;
      i = phrase.end - 1;
      phrase = undefined;
    }
  }
  if (!phrase) return undefined;
  const flipped: string[] = [];
  // "the condition of a tool": the tool is the thing, its condition an attribute.
  const head = entityOf(phrase.nouns).entity;
  if (ATTRIBUTE_NOUNS.has(head) && tokens[phrase.end]?.lemma === 'of') {
    const owner = nounPhrase(tokens, phrase.end + 1);
    if (owner && !NON_ENTITIES.has(entityOf(owner.nouns).entity)) {
      flipped.push(head);
      phrase = owner;
    }
  }
  const { entity, impliedAction } = entityOf(phrase.nouns);
  const verb = action ?? impliedAction ?? 'manage';
  const attributes: string[] = [...flipped];
  const related: string[] = [];
  let mode: 'attribute' | 'related' | 'qualifier' | undefined;
  let qualifierStart: number | undefined;
  for (let i = phrase.end; i < tokens.length; i++) {
    const t = tokens[i];
    const word = t.lemma.toLowerCase();
    if (
      (t.pos === 'ADV' || t.pos === 'SCONJ') &&
      ['when', 'after', 'before', 'while', 'once', 'whenever', 'until', 'if'].includes(word)
    ) {
      mode = 'qualifier';
      qualifierStart ??= i;
      continue;
    }
    if (t.pos === 'ADP' || t.pos === 'SCONJ' || (t.pos === 'VERB' && word === 'include')) {
      if (['with', 'include', 'including', 'containing'].includes(word)) mode = 'attribute';
      else if (['of', 'by', 'per', 'from', 'in', 'near', 'within'].includes(word)) mode = 'related';
      else mode = 'qualifier';
      if (mode === 'qualifier' && qualifierStart === undefined) qualifierStart = i;
      continue;
    }
    if (t.pos === 'VERB') {
      mode = 'qualifier';
      if (qualifierStart === undefined) qualifierStart = i;
      continue;
    }
    if (mode === 'qualifier' || mode === undefined) continue;
    const np = nounPhrase(tokens, i);
    if (!np) continue;
    const name = [...np.modifiers.filter((m) => m.length > 2), ...np.nouns].join(' ');
    const target = mode === 'attribute' ? attributes : related;
    if (!NON_ENTITIES.has(np.nouns[np.nouns.length - 1]) || mode === 'attribute') target.push(name);
    i = np.end - 1;
  }
  // "my tool", "their tools": the thing belongs to the actor.
  const ownedByActor = tokens
    .slice(objectStart, phrase.end)
    .some(
      (t) =>
        t.pos === 'PRON' &&
        ['my', 'their', 'his', 'her', 'our', 'its'].includes(t.text.toLowerCase()),
    );
  if (ownedByActor && actor && actor !== entity) related.unshift(actor);
  const qualifier =
    qualifierStart === undefined
      ? undefined
      : tokens
          .slice(qualifierStart)
          .map((t) => t.text)
          .join(' ')
          .replace(/\s+([,.;:!?])/g, '$1')
          .trim();
  // "receive an alert before an MOT expires": being alerted is the action, the MOT the thing.
  const alerted = ['receive', 'get'].includes(verb)
    ? /\b(alert|notification|reminder)s?\b/i.exec(clause)?.[1].toLowerCase()
    : undefined;
  return {
    requirementId: requirement.id,
    ...(actor ? { actor } : {}),
    action: alerted ? ALERT_ACTIONS[alerted] : verb,
    entity,
    attributes: [...new Set(attributes)],
    related: [...new Set(related.filter((r) => r !== entity))],
    ...(qualifier ? { qualifier } : {}),
    ...(outcome ? { outcome } : {}),
  };
}

/**
 * The domain model of the brief: the things its requirements act on, with
 * their attributes, relations and the actions users take on them, merged
 * over all requirements (stories on the same thing share it).
 */
export function buildDomainModel(requirements: readonly Requirement[], nlp: BriefNlp): DomainModel {
  const stories = new Map<string, StoryReading>();
  const entities = new Map<
    string,
    {
      attributes: Set<string>;
      related: Set<string>;
      actions: Map<string, string[]>;
      actors: Set<string>;
    }
  >();
  for (const requirement of requirements) {
    if (isInstructionLike(requirement)) continue;
    const story = readStory(requirement, nlp);
    if (!story) continue;
    stories.set(requirement.id, story);
    const entry = entities.get(story.entity) ?? {
      attributes: new Set<string>(),
      related: new Set<string>(),
      actions: new Map<string, string[]>(),
      actors: new Set<string>(),
    };
    entities.set(story.entity, entry);
    story.attributes.forEach((a) => entry.attributes.add(a));
    story.related.forEach((r) => entry.related.add(r));
    if (story.actor) entry.actors.add(story.actor);
    const ids = entry.actions.get(story.action) ?? [];
    ids.push(requirement.id);
    entry.actions.set(story.action, ids);
  }
  return {
    stories,
    entities: [...entities.entries()].map(([name, e]) => ({
      name,
      attributes: [...e.attributes],
      related: [...e.related],
      actions: [...e.actions.entries()].map(([verb, requirementIds]) => ({ verb, requirementIds })),
      actors: [...e.actors],
    })),
  };
}
