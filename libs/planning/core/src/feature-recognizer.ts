import { CatalogFeature, FEATURE_CATALOG } from './feature-catalog';
import { Requirement } from './plan.types';
import { isGenericHeading, isInstructionLike } from './requirement-extractor';
import { normaliseForComparison, slugify, truncateText } from './text.util';

export interface FeatureMatch {
  readonly featureId: string;
  readonly score: number;
}

export interface RecognizedFeature {
  readonly key: string;
  readonly title: string;
  readonly origin: 'catalog' | 'custom';
  /** Set for catalog features. */
  readonly catalog?: CatalogFeature;
  readonly requirements: readonly Requirement[];
  /** Titles of the features that made the planner add this one unasked (accounts for profiles...). */
  readonly impliedBy?: readonly string[];
}

export interface FeatureRecognition {
  /** In build order: foundations first, prerequisites before the features needing them. */
  readonly features: readonly RecognizedFeature[];
  /** Prose that describes the project rather than asks for something; it informs the foundation work. */
  readonly contextRequirements: readonly Requirement[];
  /** Lines that read like instructions to the planner; never planned. */
  readonly ignoredRequirements: readonly Requirement[];
}

/** Keys of the project-wide milestones the planner adds around the recognised features. */
export const FOUNDATION_FEATURE_KEY = 'foundation';
export const RELEASE_FEATURE_KEY = 'release';
const RESERVED_FEATURE_KEYS = [FOUNDATION_FEATURE_KEY, RELEASE_FEATURE_KEY];

const MAX_FEATURES_PER_REQUIREMENT = 4;
const STRONG_WEIGHT = 2;
const MAX_CUSTOM_FEATURES = 30;
const CUSTOM_TITLE_CHARS = 60;

/** Verbs and modals that make a prose sentence ask for something. */
const ACTIONABLE =
  /\b(must|should|shall|can|could|will|need|needs|want|wants|allow|allows|let|lets|enable|enables|support|supports|able|provide|provides|include|includes|show|shows|display|displays|send|sends|track|tracks|manage|create|add|edit|delete|remove|view|see|get|receive|upload|download|connect|integrate|notify|require|requires|has to|have to|expect|expects|offer|offers|build|implement|generate|calculate)\b/i;

const REQUEST_PREFIX =
  /^(as an? [^,]+,?\s*i (want|need|would like)( to)?|(the )?(app|system|site|platform|website|application|tool|portal|product) (must|should|shall|will|can|needs to)( be able to)?|users? (must|should|shall|will|can)( be able to)?|we (need|want|would like)( to)?|it (must|should|shall)|(please )?allow (users )?to|there (must|should) be|i want( to)?)\s+/i;

/**
 * Scores every catalog feature against a line: each matching keyword group
 * adds its weight. A feature counts when one of its strong keywords matched,
 * or, if no feature has a strong match, when it has the best weak score; at
 * most four are kept, best first, so a passing mention does not pull in a
 * feature.
 */
export function matchCatalogFeatures(
  text: string,
  catalog: readonly CatalogFeature[] = FEATURE_CATALOG,
): FeatureMatch[] {
  const scored = catalog
    .map((feature, index) => ({
      featureId: feature.id,
      index,
      score: feature.matchers.reduce((sum, m) => sum + (m.pattern.test(text) ? m.weight : 0), 0),
    }))
    .filter((m) => m.score > 0);
  if (scored.length === 0) return [];
  const best = Math.max(...scored.map((m) => m.score));
  return scored
    .filter((m) => m.score >= STRONG_WEIGHT || m.score === best)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, MAX_FEATURES_PER_REQUIREMENT)
    .map(({ featureId, score }) => ({ featureId, score }));
}

/** Matches the line itself, then the line introducing its list, then its section heading. */
function matchRequirement(
  requirement: Requirement,
  catalog: readonly CatalogFeature[],
): FeatureMatch[] {
  const direct = matchCatalogFeatures(requirement.text, catalog);
  if (direct.length > 0) return direct;
  if (requirement.leadIn) {
    const viaLeadIn = matchCatalogFeatures(requirement.leadIn, catalog);
    if (viaLeadIn.length > 0) return viaLeadIn;
  }
  if (requirement.section && !isGenericHeading(requirement.section)) {
    return matchCatalogFeatures(requirement.section, catalog);
  }
  return [];
}

function isContext(requirement: Requirement): boolean {
  return requirement.kind === 'sentence' && !ACTIONABLE.test(requirement.text);
}

/** "We are a small studio…", "Today we sell…", "Huddle is a chat app…": the project describing itself. */
const SITUATION =
  /^(?!we (need|want|require|would like|expect)\b)(we|we're|we are|our|today|currently|right now|at the moment|at present)\b/i;
const NAMED_SUBJECT =
  /^(?!(The )?(Users?|Customers?|Admins?|It|This|Each|Every|All|Our|We)\b)(The\s+)?[A-Z][\w&'’-]*(\s+[A-Z][\w&'’-]*)*\s+(is an?|is the|are an?|helps|connects|turns)\b/;

/**
 * The prose a brief opens with, when it describes the business rather than
 * asks for something. Its keywords ("Instagram messages", "too heavy compared
 * with Slack") must not invent features nobody asked for.
 */
function introDescriptions(requirements: readonly Requirement[]): Set<Requirement> {
  const firstOther = requirements.findIndex((r) => r.kind !== 'sentence');
  if (firstOther <= 0) return new Set();
  return new Set(
    requirements
      .slice(0, firstOther)
      .filter((r) => SITUATION.test(r.text) || NAMED_SUBJECT.test(r.text)),
  );
}

/** "Users can export a weekly summary" → "Export a weekly summary". */
export function customFeatureTitle(text: string): string {
  const stripped = text
    .replace(REQUEST_PREFIX, '')
    .replace(/[.!?:;]+$/, '')
    .trim();
  const base = stripped.length >= 3 ? stripped : text;
  const title = truncateText(base, CUSTOM_TITLE_CHARS);
  return title.charAt(0).toUpperCase() + title.slice(1);
}

interface CustomGroup {
  title: string;
  readonly requirements: Requirement[];
  readonly bySection: boolean;
}

/**
 * Unmatched lines under a specific heading become one feature named after the
 * heading; other unmatched lines become a feature each. Past a limit the
 * single-line features are bundled, so a huge brief cannot explode the plan.
 */
function groupCustom(unmatched: readonly Requirement[]): CustomGroup[] {
  const groups: CustomGroup[] = [];
  const bySection = new Map<string, CustomGroup>();
  for (const requirement of unmatched) {
    const section = requirement.section;
    if (section && !isGenericHeading(section)) {
      const key = normaliseForComparison(section);
      const existing = bySection.get(key);
      if (existing) {
        existing.requirements.push(requirement);
        continue;
      }
      const group: CustomGroup = {
        title: truncateText(section, CUSTOM_TITLE_CHARS),
        requirements: [requirement],
        bySection: true,
      };
      bySection.set(key, group);
      groups.push(group);
      continue;
    }
    groups.push({
      title: customFeatureTitle(requirement.text),
      requirements: [requirement],
      bySection: false,
    });
  }
  // A heading names a feature only when it gathers several lines; one line names itself.
  for (const group of groups) {
    if (group.bySection && group.requirements.length === 1) {
      group.title = customFeatureTitle(group.requirements[0].text);
    }
  }
  if (groups.length <= MAX_CUSTOM_FEATURES) return groups;
  const sectionGroups = groups.filter((g) => g.bySection);
  const lineGroups = groups.filter((g) => !g.bySection);
  const slots = Math.max(1, MAX_CUSTOM_FEATURES - sectionGroups.length);
  const perBundle = Math.max(2, Math.ceil(lineGroups.length / slots));
  const bundles: CustomGroup[] = [];
  for (let i = 0; i < lineGroups.length; i += perBundle) {
    bundles.push({
      title: `Other requirements (${bundles.length + 1})`,
      requirements: lineGroups.slice(i, i + perBundle).flatMap((g) => g.requirements),
      bySection: false,
    });
  }
  return [...sectionGroups, ...bundles];
}

function uniqueKey(base: string, used: Set<string>): string {
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  used.add(key);
  return key;
}

interface Ranked {
  readonly feature: RecognizedFeature;
  readonly phase: number;
  readonly firstLine: number;
}

/** Phase, then order of first mention; then every present prerequisite is moved before its dependants. */
function buildOrder(ranked: readonly Ranked[]): RecognizedFeature[] {
  const pending = [...ranked].sort((a, b) => a.phase - b.phase || a.firstLine - b.firstLine);
  const present = new Set(pending.map((r) => r.feature.key));
  const placed = new Set<string>();
  const ordered: RecognizedFeature[] = [];
  while (pending.length > 0) {
    const ready = pending.findIndex((r) =>
      (r.feature.catalog?.requires ?? []).every((id) => !present.has(id) || placed.has(id)),
    );
    const [next] = pending.splice(ready < 0 ? 0 : ready, 1);
    placed.add(next.feature.key);
    ordered.push(next.feature);
  }
  return ordered;
}

/**
 * Maps every requirement to one or more catalog features, or to a custom
 * feature built from the line (or its section) when nothing in the catalog
 * fits. Prose that asks for nothing is kept as project context, and lines
 * that read like instructions to the planner are set aside, not obeyed.
 * Accounts are added unasked when a planned feature needs them.
 */
export function recognizeFeatures(
  requirements: readonly Requirement[],
  catalog: readonly CatalogFeature[] = FEATURE_CATALOG,
): FeatureRecognition {
  const catalogHits = new Map<string, Requirement[]>();
  const contextRequirements: Requirement[] = [];
  const ignoredRequirements: Requirement[] = [];
  const unmatched: Requirement[] = [];
  const intro = introDescriptions(requirements);
  const matchesOf = new Map(
    requirements.map((r) => [r, matchRequirement(r, catalog).map((m) => m.featureId)]),
  );
  // Features asked for by the body of the brief; the intro may only add to these.
  const requested = new Set(
    requirements
      .filter((r) => !intro.has(r) && !isInstructionLike(r))
      .flatMap((r) => matchesOf.get(r) ?? []),
  );
  for (const requirement of requirements) {
    if (isInstructionLike(requirement)) {
      ignoredRequirements.push(requirement);
      continue;
    }
    const matches = (matchesOf.get(requirement) ?? []).filter(
      (id) => !intro.has(requirement) || requested.has(id),
    );
    if (matches.length > 0) {
      for (const id of matches) {
        const list = catalogHits.get(id) ?? [];
        list.push(requirement);
        catalogHits.set(id, list);
      }
    } else if (isContext(requirement) || intro.has(requirement)) {
      contextRequirements.push(requirement);
    } else {
      unmatched.push(requirement);
    }
  }

  const usedKeys = new Set<string>(RESERVED_FEATURE_KEYS);
  const ranked: Ranked[] = [];
  for (const feature of catalog) {
    const hits = catalogHits.get(feature.id);
    if (!hits) continue;
    ranked.push({
      feature: {
        key: uniqueKey(feature.id, usedKeys),
        title: feature.title,
        origin: 'catalog',
        catalog: feature,
        requirements: hits,
      },
      phase: feature.phase,
      firstLine: hits[0].line,
    });
  }
  for (const feature of catalog) {
    if (!feature.impliedByDependants || catalogHits.has(feature.id)) continue;
    const dependants = ranked.filter((r) => r.feature.catalog?.requires?.includes(feature.id));
    if (dependants.length === 0) continue;
    ranked.push({
      feature: {
        key: uniqueKey(feature.id, usedKeys),
        title: feature.title,
        origin: 'catalog',
        catalog: feature,
        requirements: [],
        impliedBy: dependants.map((d) => d.feature.title),
      },
      phase: feature.phase,
      firstLine: Math.min(...dependants.map((d) => d.firstLine)),
    });
  }
  for (const group of groupCustom(unmatched)) {
    ranked.push({
      feature: {
        key: uniqueKey(`custom-${slugify(group.title)}`, usedKeys),
        title: group.title,
        origin: 'custom',
        requirements: group.requirements,
      },
      phase: 2,
      firstLine: group.requirements[0].line,
    });
  }
  return { features: buildOrder(ranked), contextRequirements, ignoredRequirements };
}
