import { matchCatalogFeatures } from './feature-recognizer';
import { Requirement, RequirementKind } from './plan.types';
import {
  extractRequirements,
  isGenericHeading,
  isInstructionLike,
  MAX_BRIEF_CHARS,
  splitSentences,
} from './requirement-extractor';
import { collapseWhitespace, normaliseForComparison, stripInlineMarkdown } from './text.util';
import { contentStems } from './word-stem';

/**
 * What a line of the brief is to the planner:
 * - `REQUIREMENT`: asks for something to be built (user story, bullet or
 *   numbered item, a sentence with a user and an action); it is planned.
 * - `CONTEXT`: headings, links, metadata ("Tier: Pro"), marketing and
 *   background prose; it is read, never planned nor priced.
 * - `SCOPE`: narrows the plan ("as an MVP focus on X", "out of scope",
 *   "later"); it removes work instead of adding it.
 */
export const BRIEF_LINE_KINDS = ['REQUIREMENT', 'CONTEXT', 'SCOPE'] as const;
export type BriefLineKind = (typeof BRIEF_LINE_KINDS)[number];

/** The owner's reading of some lines, by 1-based line number; it wins over the classifier. */
export type BriefLineOverrides = Readonly<Record<number, BriefLineKind>>;

export interface BriefLine {
  /** 1-based line number in the brief. */
  readonly line: number;
  readonly text: string;
  readonly kind: BriefLineKind;
  /** The owner set the kind. */
  readonly reclassified: boolean;
  /** For a requirement the scope statements leave out of this plan: the line that does. */
  readonly deferredBy?: number;
}

/** What the scope statements say: what the plan focuses on and what it leaves for later. */
export interface ScopeStatement {
  readonly line: number;
  /** `keep`: a sentence of a scope section that still asks for something ("Sign-in should use Azure AD"). */
  readonly mode: 'focus' | 'exclude' | 'keep';
  /** Phrases the statement names ("payments", "reviews"), as content-word stems. */
  readonly phrases: readonly (readonly string[])[];
  /** Catalog features the statement names. */
  readonly catalogIds: readonly string[];
}

export interface BriefReading {
  readonly lines: readonly BriefLine[];
  /** The requirements to plan: requirement lines minus those scope leaves out, ids R1..Rn. */
  readonly requirements: readonly Requirement[];
  readonly scope: readonly ScopeStatement[];
}

type LineShape = 'heading' | 'item' | 'numbered' | 'table' | 'text' | 'code';

interface RawLine {
  readonly line: number;
  readonly shape: LineShape;
  /** Without list marker, heading marks or quote marks. */
  readonly content: string;
  readonly section: string | undefined;
  readonly inScopeSection: boolean;
}

const ATX_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const SETEXT_UNDERLINE = /^(={2,}|-{2,})\s*$/;
const BULLET = /^[-*+•◦▪‣–]\s+(?:\[[ xX]\]\s*)?(.*)$/;
const NUMBERED = /^(?:\d{1,3}[.)]|[a-z]\))\s+(.*)$/;
const FENCE = /^(`{3,}|~{3,})/;

/** A heading about scope: "Out of scope", "Later", "Phase 2", "Nice to have" ("Accounts (phase 2)" is not). */
const SCOPE_SECTION =
  /^(out of scope|not in scope|non goals?|later|future( work| phases?| ideas)?|phase (2|two)|v2|nice to haves?|not now|won t do|exclusions?|excluded|roadmap|post launch|backlog|not (?:in|part of) (?:this|the) (?:project|release|version|phase|mvp)|out of (?:this )?project)\b/;

const SCOPE_STATEMENT =
  /\b(as an? mvp|for (the|an?) (mvp|first (version|release))|in (the )?(mvp|v1|first version)|mvp (can|should|will|only)|focus (on|first)|out of scope|not in scope|(can|could|will|may) (come|wait|be added) later|later phases?|in a later|phase 2|post[- ]launch|not (needed|required|necessary) (for now|yet|at first|in v1|for the mvp)|for now,? (no|skip|without|we (don.t|do not|won.t))|(no|skip|without) [\w ]{1,40} for now|nice to have|is not (needed|required) (yet|now)|won.t (need|include|build)|can be skipped|leave out|exclude)\b/i;

const FOCUS = /\b(focus|only|just|core|priorit\w*|first)\b/i;

/** "Tier: Pro", "Difficulty: Medium", "Budget — $5k": a short key and a short value. */
const METADATA = /^([A-Za-z][\w /&()-]{0,30}?)\s*[:–—]\s+(.+)$/;

const LINK_ONLY =
  /^(?:[\w .,'’-]{0,40}[:–—-]\s*)?(?:\[[^\]]*\]\([^)]*\)|<?https?:\/\/\S+>?|www\.\S+)[\s,;|·]*$/i;

const MARKETING =
  /\b(best[- ]in[- ]class|world[- ]class|revolutionary|seamless(ly)?|delight\w*|loved by|trusted by|leading|innovative|game[- ]chang\w*|cutting[- ]edge|beautiful(ly)?|stunning|effortless(ly)?|next[- ]generation|unlock|empower\w*|the future of|join (thousands|the)|imagine|passionate|mission|vision)\b/i;

const GREETING =
  /^(hi|hello|hey|dear|thanks|thank you|many thanks|cheers|regards|best|kind regards|best regards|sincerely|looking forward)\b/i;

const ACTOR_WORD =
  '(?:users?|customers?|clients?|renters?|owners?|admins?|administrators?|visitors?|members?|buyers?|sellers?|guests?|hosts?|drivers?|riders?|patients?|doctors?|students?|teachers?|managers?|staff|employees?|players?|readers?|authors?|subscribers?|vendors?|tenants?|landlords?|coaches|coach|trainers?|parents?|people|everyone|anyone|they|you|moderators?|reviewers?|editors?|creators?|agents?|operators?|[a-z]+(?:er|or|ant|ist)s?)';

/** "Renters can reserve…", "Each owner should see…", "Registered users must be able to…". */
const ACTOR_MODAL = new RegExp(
  `^(?:the |a |an |each |every |all |any |our |registered |logged[- ]in |signed[- ]in |new |other )?(?:[a-z-]+ ){0,2}?${ACTOR_WORD}\\s+(?:can|could|must|should|shall|will|may|need to|needs to|are able to|is able to|want to|wants to|get to|have to|has to)\\b`,
  'i',
);
const SYSTEM_MODAL =
  /^(?:the |our |this |an? )?(?:[a-z-]+ )?(?:app|application|system|site|website|platform|portal|product|backend|api|service|tool|dashboard|mobile app|web app)\s+(?:must|should|shall|will|can|needs to|has to|lets|allows|sends|shows|stores|supports|tracks)\b/i;
const WE_NEED =
  /^(?:we|i)\s+(?:need|want|would like|require|expect)\s+(?:a|an|the|to|users|it|our|some)\b/i;
const THERE_MUST = /^(?:there|it)\s+(?:must|should|shall|needs to)\b/i;
/** "Messages must be searchable": a thing with a strong modal. */
const THING_MUST =
  /^(?:the |all |every |each |any )?[\w-]+(?: [\w-]+){0,2} (?:must|shall|should) (?!not be (?:needed|required))/i;
const IMPERATIVE =
  /^(?:sync|send|show|let|allow|add|support|integrate|build|create|provide|display|track|notify|export|import|generate|enable|include|offer|list|store|record|calculate)\b/i;
const USER_STORY =
  /^\s*as (?:an?|the)\s+[^,.]{1,80}?,?\s+i\s+(?:want|need|would like|wish|expect|can|should be able|am able)\b/i;
/**
 * "We would like to replace the email flow with a simple web portal", "We
 * want our own ticket shop": a sentence naming the whole product, which the
 * brief's other requirements describe. It adds no work of its own.
 */
const PRODUCT_VISION =
  /^(?:we|i)\s+(?:would like|want|need|require|are looking for)\s+(?:to\s+(?:build|have|replace|create|get|make|launch|offer)\s+)?[^;:]*?\b(?:portal|app|application|shop|platform|website|site|tool|system|product|solution|marketplace)\b[^;:]*$/i;
/** "…a portal where staff can book rooms": the product sentence also says what users do. */
const NAMES_USER_ACTION =
  /\b(?:where|that|which|so|to let|letting|for)\s+(?:\w+\s+){0,2}(?:can|could|will|should|may|lets?|allows?)\b/i;
/** "Users can:" introduces requirements; alone it asks for nothing. */
const LEAD_IN = /:\s*$/;

function shapeOf(
  trimmed: string,
): { shape: Exclude<LineShape, 'code'>; content: string } | undefined {
  const heading = ATX_HEADING.exec(trimmed);
  if (heading) return { shape: 'heading', content: heading[2] };
  const bullet = BULLET.exec(trimmed);
  if (bullet) return { shape: 'item', content: bullet[1] };
  const numbered = NUMBERED.exec(trimmed);
  if (numbered) return { shape: 'numbered', content: numbered[1] };
  if (/^\|.*\|$/.test(trimmed)) {
    const cells = trimmed
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-*:?$/.test(c))) return undefined;
    return { shape: 'table', content: cells.filter((c) => c.length > 0).join(' — ') };
  }
  return { shape: 'text', content: trimmed };
}

/** The non-blank lines of the brief with their shape and the heading they sit under. */
function readLines(brief: string): RawLine[] {
  const lines = brief.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: RawLine[] = [];
  const headings: { level: number; text: string }[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].replace(/^\s*(?:>\s?)+/, '').trim();
    if (fence !== undefined) {
      if (trimmed.startsWith(fence)) fence = undefined;
      if (trimmed !== '')
        out.push({
          line: i + 1,
          shape: 'code',
          content: trimmed,
          section: undefined,
          inScopeSection: false,
        });
      continue;
    }
    const opened = FENCE.exec(trimmed);
    if (opened) {
      fence = opened[1];
      out.push({
        line: i + 1,
        shape: 'code',
        content: trimmed,
        section: undefined,
        inScopeSection: false,
      });
      continue;
    }
    if (trimmed === '' || /^([-*_])(\s*\1){2,}$/.test(trimmed)) continue;
    const next = lines[i + 1]?.trim() ?? '';
    let shaped = shapeOf(trimmed);
    let level = ATX_HEADING.exec(trimmed)?.[1].length ?? 0;
    if (shaped?.shape === 'text' && SETEXT_UNDERLINE.test(next) && next.length > 0) {
      shaped = { shape: 'heading', content: trimmed };
      level = next.startsWith('=') ? 1 : 2;
    }
    if (SETEXT_UNDERLINE.test(trimmed) && out[out.length - 1]?.shape === 'heading') continue;
    if (!shaped) continue;
    const content = stripInlineMarkdown(shaped.content);
    if (shaped.shape === 'heading') {
      while (headings.length > 0 && headings[headings.length - 1].level >= level) headings.pop();
      headings.push({ level, text: content });
    }
    const section = headings[headings.length - 1]?.text;
    out.push({
      line: i + 1,
      shape: shaped.shape,
      content: shaped.shape === 'heading' ? content : collapseWhitespace(shaped.content),
      section,
      inScopeSection: headings.some((h) => SCOPE_SECTION.test(normaliseForComparison(h.text))),
    });
  }
  return out;
}

/** A sentence with a user (or the product) and an action: it asks for something. */
export function asksForSomething(sentence: string): boolean {
  // "Search: renters can filter…": the label names the part of the app; the rest asks.
  const plain = stripInlineMarkdown(sentence)
    .trim()
    .replace(/^[A-Z][\w /&-]{0,30}:\s+/, '');
  return (
    USER_STORY.test(plain) ||
    ACTOR_MODAL.test(plain) ||
    SYSTEM_MODAL.test(plain) ||
    WE_NEED.test(plain) ||
    THERE_MUST.test(plain) ||
    THING_MUST.test(plain) ||
    IMPERATIVE.test(plain) ||
    /^(?:allow|let|enable)\s+(?:users?|\w+(?:er|or)s?|people|visitors?)\s+(?:to\s+)?\w+/i.test(
      plain,
    )
  );
}

export function isScopeStatement(text: string): boolean {
  return SCOPE_STATEMENT.test(stripInlineMarkdown(text));
}

function isMetadata(content: string): boolean {
  const plain = stripInlineMarkdown(content);
  const match = METADATA.exec(plain);
  if (!match) return false;
  const key = match[1].trim();
  const value = match[2].trim();
  if (key.split(/\s+/).length > 3) return false;
  if (asksForSomething(value)) return false;
  // "Search: filter tools by category" is a labelled requirement, not metadata.
  if (value.split(/\s+/).length > 8) return false;
  return /^[A-Z0-9$€£]/.test(value) || /^\d/.test(value) || value.split(/\s+/).length <= 3;
}

function isLink(content: string): boolean {
  return LINK_ONLY.test(content.trim());
}

/** The classifier's reading of one line. */
function classify(raw: RawLine): BriefLineKind {
  const text = stripInlineMarkdown(raw.content);
  switch (raw.shape) {
    case 'code':
      return 'CONTEXT';
    case 'heading':
      return raw.inScopeSection && SCOPE_SECTION.test(normaliseForComparison(text))
        ? 'SCOPE'
        : 'CONTEXT';
    case 'item':
    case 'numbered':
    case 'table':
    case 'text':
      break;
  }
  if (raw.inScopeSection) return 'SCOPE';
  if (isScopeStatement(text)) return 'SCOPE';
  if (isLink(raw.content) || isMetadata(raw.content)) return 'CONTEXT';
  if (GREETING.test(text) && text.split(/\s+/).length <= 8) return 'CONTEXT';
  if (LEAD_IN.test(text) && text.split(/\s+/).length <= 6) return 'CONTEXT';
  if (normaliseForComparison(text).replace(/[^a-z]/g, '').length < 3) return 'CONTEXT';
  if (raw.shape === 'item' || raw.shape === 'numbered' || raw.shape === 'table') {
    if (asksForSomething(text) || USER_STORY.test(text)) return 'REQUIREMENT';
    return MARKETING.test(text) ? 'CONTEXT' : 'REQUIREMENT';
  }
  // Prose: a requirement when one of its sentences has a user and an action.
  return splitSentences(text).some((s) => asksForSomething(s.text)) ? 'REQUIREMENT' : 'CONTEXT';
}

/** A prose line whose every asking sentence only names the product as a whole. */
function isProductVision(raw: RawLine, sentences: readonly Requirement[]): boolean {
  if (raw.shape !== 'text') return false;
  const asking = sentences.map((s) => s.text.trim()).filter((s) => asksForSomething(s));
  return (
    asking.length > 0 && asking.every((s) => PRODUCT_VISION.test(s) && !NAMES_USER_ACTION.test(s))
  );
}

/** "payments and reviews can come later" → [[payment], [review]]: what the statement names. */
function scopePhrases(text: string): string[][] {
  const stripped = normaliseForComparison(stripInlineMarkdown(text)).replace(
    /\b(as an? mvp|for (the|an?) mvp|mvp|v1|v2|first version|out of scope|not in scope|focus on|focus first on|focus|later phases?|later|phase 2|post launch|for now|nice to have|you|we|can|could|will|may|come|wait|be|added|skip|skipped|without|no|not|needed|required|necessary|yet|at first|only|just|core|the|is|are|on|of|leave|out|exclude|excluded|won t|need|include|build|should|first|should|that|this|these|those|it|they|a|an|to|s)\b/g,
    ' ',
  );
  return stripped
    .split(/\s*(?:,|;|\band\b|\bor\b|\bplus\b|&)\s*/)
    .map((p) => contentStems(p))
    .filter((stems) => stems.length > 0);
}

/** "focus on X; Y can come later" says two things: one clause each. */
function scopeClauses(text: string, inScopeSection: boolean): string[] {
  const plain = stripInlineMarkdown(text);
  if (inScopeSection) {
    return plain
      .split(/\s*(?:;|,\s*(?:but|while|whereas)\s)\s*/i)
      .map((c) => c.trim())
      .filter((c) => c.length > 0);
  }
  return plain
    .split(/\s*(?:;|\.\s|,\s*(?:but|while|whereas)\s|\bbut\b|\bwhile\b)\s*/i)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** Words that turn a clause into a "not this": "no separate passwords", "stay in the current system". */
const NEGATION = /\b(no|not|never|without|none|nor|stays?|remains?|later|skip|exclud\w*)\b|n't\b/i;

function scopeStatementOf(line: number, text: string, inScopeSection: boolean): ScopeStatement {
  const keeps = inScopeSection && asksForSomething(text) && !NEGATION.test(text);
  const excludes =
    inScopeSection || /\b(later|out of scope|not in scope|skip|without|no|not)\b/i.test(text);
  return {
    line,
    mode: keeps ? 'keep' : FOCUS.test(text) && !excludes ? 'focus' : 'exclude',
    phrases: scopePhrases(text),
    catalogIds: matchCatalogFeatures(stripInlineMarkdown(text))
      .filter((m) => m.score >= 2)
      .map((m) => m.featureId),
  };
}

/**
 * The sentences a scope-section prose line starts (a sentence running over
 * several lines is read once, whole); other lines are read as they are.
 */
function scopeTexts(
  raw: RawLine,
  extracted: ReadonlyMap<number, readonly Requirement[]>,
  raws: readonly RawLine[],
): string[] {
  if (!raw.inScopeSection || raw.shape !== 'text') return [raw.content];
  const sentences = (extracted.get(raw.line) ?? []).map((r) => r.text);
  if (sentences.length > 0) return sentences;
  const previous = raws.find((r) => r.line === raw.line - 1);
  return previous?.shape === 'text' ? [] : [raw.content];
}

/** The exclusion that leaves the requirement out: every stem of one of its phrases is in the text. */
function excludedBy(text: string, scope: readonly ScopeStatement[]): ScopeStatement | undefined {
  const stems = new Set(contentStems(text));
  return scope.find(
    (s) =>
      s.mode === 'exclude' && s.phrases.some((p) => p.length > 0 && p.every((w) => stems.has(w))),
  );
}

function requirementKindOf(raw: RawLine, text: string): RequirementKind {
  if (USER_STORY.test(text)) return 'user-story';
  switch (raw.shape) {
    case 'heading':
      return 'heading-item';
    case 'numbered':
      return 'numbered';
    case 'item':
    case 'table':
      return 'bullet';
    case 'text':
    case 'code':
      return 'sentence';
  }
}

/**
 * Reads the brief line by line: which lines ask for something, which only
 * give context and which set the scope, with the owner's reclassifications
 * applied; then the requirements to plan, in brief order, ids `R1..Rn`.
 * Requirements a scope statement leaves for later are shown, not planned.
 */
export function readBrief(brief: string, overrides: BriefLineOverrides = {}): BriefReading {
  if (brief.length > MAX_BRIEF_CHARS) {
    // extractRequirements raises the typed error with the limit.
    extractRequirements(brief);
  }
  const raws = readLines(brief);
  const extracted = new Map<number, Requirement[]>();
  for (const r of extractRequirements(brief)) {
    const list = extracted.get(r.line) ?? [];
    list.push(r);
    extracted.set(r.line, list);
  }
  const classified = raws.map((raw) => {
    const own = overrides[raw.line];
    // Text talking to the planner is kept as a requirement so the plan reports it, unplanned.
    const injected = (extracted.get(raw.line) ?? []).some(isInstructionLike);
    return {
      raw,
      kind: own ?? (injected ? 'REQUIREMENT' : classify(raw)),
      reclassified: own !== undefined,
    };
  });
  // Product sentences in prose are context once other lines say what to build.
  const vision = new Set(
    classified
      .filter(
        (c) =>
          !c.reclassified &&
          c.kind === 'REQUIREMENT' &&
          isProductVision(c.raw, extracted.get(c.raw.line) ?? []),
      )
      .map((c) => c.raw.line),
  );
  if (classified.some((c) => c.kind === 'REQUIREMENT' && !vision.has(c.raw.line))) {
    for (const c of classified) if (vision.has(c.raw.line)) c.kind = 'CONTEXT';
  }
  const scope = classified
    .filter((c) => c.kind === 'SCOPE' && c.raw.shape !== 'heading')
    .flatMap((c) =>
      scopeTexts(c.raw, extracted, raws).flatMap((text) =>
        scopeClauses(text, c.raw.inScopeSection).map((clause) =>
          scopeStatementOf(c.raw.line, clause, c.raw.inScopeSection),
        ),
      ),
    );

  const lines: BriefLine[] = [];
  const planned: Omit<Requirement, 'id'>[] = [];
  const seen = new Set<string>();
  for (const { raw, kind, reclassified } of classified) {
    const text = stripInlineMarkdown(raw.content);
    if (kind !== 'REQUIREMENT') {
      lines.push({ line: raw.line, text, kind, reclassified });
      continue;
    }
    const deferral = reclassified ? undefined : excludedBy(text, scope);
    lines.push({
      line: raw.line,
      text,
      kind,
      reclassified,
      ...(deferral ? { deferredBy: deferral.line } : {}),
    });
    if (deferral) continue;
    const found = extracted.get(raw.line) ?? [];
    // A prose line keeps the sentences that ask for something (all of them if the owner said so).
    const kept =
      raw.shape === 'text' && !reclassified
        ? found.filter((r) => asksForSomething(r.text) || isInstructionLike(r))
        : found;
    const candidates: Omit<Requirement, 'id'>[] =
      kept.length > 0
        ? kept.map(({ id: _id, ...rest }) => rest)
        : [
            {
              text,
              kind: requirementKindOf(raw, text),
              line: raw.line,
              ...(raw.section && raw.shape !== 'heading' && !isGenericHeading(raw.section)
                ? { section: raw.section }
                : {}),
            },
          ];
    for (const candidate of candidates) {
      const key = normaliseForComparison(candidate.text);
      if (key.length === 0 || seen.has(key)) continue;
      // The tail of a sentence begun on the line before is already planned with it.
      const previous = planned[planned.length - 1];
      if (
        previous &&
        previous.line < candidate.line &&
        key.length >= 20 &&
        normaliseForComparison(previous.text).endsWith(key)
      ) {
        continue;
      }
      seen.add(key);
      planned.push(candidate);
    }
  }
  const requirements: Requirement[] = planned.map((r, i) => ({ id: `R${i + 1}`, ...r }));
  return { lines, requirements, scope };
}
