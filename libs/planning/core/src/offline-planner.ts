import { DomainError } from '@splitwork/kernel';
import { BriefLineOverrides, readBrief, ScopeStatement } from './brief-lines';
import { splitCatalogTasksByMeaning } from './catalog-split';
import { buildDomainModel, DomainModel, StoryReading } from './domain-model';
import { FEATURE_CATALOG } from './feature-catalog';
import {
  customFeatureTitle,
  FOUNDATION_FEATURE_KEY,
  matchCatalogFeatures,
  RecognizedFeature,
  recognizeFeatures,
  RELEASE_FEATURE_KEY,
} from './feature-recognizer';
import type { BriefNlp } from './nlp/brief-nlp.port';
import { defaultBriefNlp } from './nlp/wink-brief-nlp';
import { buildEntityTasks, EntityWork } from './story-task-synthesis';
import {
  backendAnchorKey,
  buildFeatureTasks,
  featureTaskKey,
  FeatureWorkSpec,
  featureWorkSpec,
  plannedWorkKinds,
} from './feature-task-templates';
import { computeCoverage } from './plan-coverage';
import { resolvePlanSettings } from './plan-settings';
import {
  Feature,
  Plan,
  PlanSettings,
  PlannedTask,
  Requirement,
  TargetPlatform,
} from './plan.types';
import {
  buildDesignSystemTask,
  buildReleaseTasks,
  buildSetupTask,
  DESIGN_SYSTEM_TASK_KEY,
  ProjectTaskInput,
  RELEASE_QA_TASK_KEY,
  SETUP_TASK_KEY,
} from './project-task-templates';
import { isInstructionLike } from './requirement-extractor';
import { splitProjectTasksByMeaning } from './project-task-split';
import { clientTargets, PLATFORM_NAMES } from './task-template.util';
import { slugify } from './text.util';
import { fitTasksToBand } from './size-band';

const UI_KINDS = new Set(['web', 'ios', 'android']);

function projectInput(
  specs: readonly FeatureWorkSpec[],
  entityCount: number,
  targets: readonly TargetPlatform[],
): ProjectTaskInput {
  const kinds = specs.map((s) => plannedWorkKinds(s, targets));
  const clients = targets.some((t) => UI_KINDS.has(t.toLowerCase()));
  return {
    targets,
    featureCount: specs.length + entityCount,
    uiFeatureCount:
      kinds.filter((k) => k.some((kind) => UI_KINDS.has(kind))).length +
      (clients ? entityCount : 0),
    // Context lines are read, never planned nor priced.
    contextRequirements: [],
    brandDesignKeys: specs
      .filter((s, i) => s.shapesDesignSystem && kinds[i].includes('design'))
      .map((s) => featureTaskKey(s.key, 'design')),
    backendPlanned:
      entityCount > 0 || kinds.some((k) => k.includes('api') || k.includes('data-model')),
  };
}

/** Keys no other task depends on: the ends of each feature's chain, which release QA waits for. */
function sinkKeys(tasks: readonly PlannedTask[]): string[] {
  const needed = new Set(tasks.flatMap((t) => t.dependsOn));
  return tasks.filter((t) => !needed.has(t.key)).map((t) => t.key);
}

/**
 * Catalog features that are capabilities of any app (accounts, payments,
 * chat…): a line asking for one of them is built by the catalog feature.
 * The others (booking, listings, catalog…) only stand in for a thing the
 * brief did not name; a line about its own thing is built from its story.
 */
const CAPABILITY_FEATURES = new Set([
  'auth',
  'teams',
  'roles',
  'profiles',
  'branding',
  'onboarding',
  'checkout',
  'subscriptions',
  'chat',
  'notifications',
  'uploads',
  'maps',
  'reviews',
  'analytics',
  'admin',
  'integrations',
  'import-export',
  'i18n',
  'offline',
  'settings',
  'support',
  'privacy',
  'accessibility',
  'operations',
  'social',
]);

/** Things that are the catalog's own (an account, a payment): a story about them is the capability. */
const CAPABILITY_NOUNS = new Set(
  (
    'account password email login signup sign profile avatar payment card checkout subscription plan ' +
    'message chat conversation notification reminder push setting preference language english french ' +
    'spanish german translation map location review rating analytics dashboard report admin panel ' +
    'team role permission invoice receipt refund file upload attachment image photo video export import ' +
    'integration webhook calendar google apple facebook stripe paypal backup log monitoring uptime ' +
    'accessibility privacy consent gdpr cookie support ticket faq onboarding tutorial brand logo theme ' +
    'mode sync key csv api webhook'
  ).split(' '),
);

const CAPABILITY_VERBS = new Set([
  'sign up',
  'sign in',
  'log in',
  'log out',
  'sign',
  'log',
  'pay',
  'message',
  'chat',
  'notify',
  'subscribe',
  'translate',
  'invite',
  'remind',
  'export',
  'import',
  'back up',
]);

/** Verbs that say a capability exists rather than what a user does ("works offline", "supports dark mode"). */
const VAGUE_VERBS = new Set([
  'manage',
  'work',
  'support',
  'provide',
  'include',
  'offer',
  'have',
  'be',
]);

/**
 * Verbs of a line that says how the product must be, not what someone does
 * with a thing: "Everything must run in a browser", "The design should reuse
 * our palette", "scanning must work with the built-in scanner".
 */
const CONSTRAINT_VERBS = new Set([
  'run',
  'work',
  'keep',
  'reuse',
  'use',
  'be',
  'look',
  'follow',
  'match',
  'load',
  'comply',
  'stay',
  'remain',
  'fit',
]);
const CONSTRAINT_LABEL =
  /^(?:constraints?|assumptions?|non[- ]functional(?: requirements?)?|technical|platforms?|devices?)\s*[:–—]/i;
const STRONG_MODAL = /\b(?:must|should|shall|needs? to|has to|have to)\b/i;
/** Capabilities a constraint can still ask for as work of their own (offline sync, accessibility). */
const CONSTRAINT_CAPABILITIES = new Set(['offline', 'accessibility', 'i18n', 'privacy']);
const DESIGN_CONSTRAINT =
  /\b(?:design|palette|colou?rs?|brand\w*|look and feel|fonts?|typography|style)\b/i;

type Route = { kind: 'story'; story: StoryReading } | { kind: 'catalog' } | { kind: 'constraint' };

/** A line that constrains how everything is built rather than asking for a thing of its own. */
function isConstraint(requirement: Requirement, story: StoryReading | undefined): boolean {
  if (CONSTRAINT_LABEL.test(requirement.text)) return true;
  if (!story || story.actor) return false;
  return CONSTRAINT_VERBS.has(story.action.split(' ')[0]) && STRONG_MODAL.test(requirement.text);
}

function routeOf(requirement: Requirement, story: StoryReading | undefined): Route {
  const capabilities = matchCatalogFeatures(requirement.text).filter(
    (m) => m.score >= 2 && CAPABILITY_FEATURES.has(m.featureId),
  );
  if (isConstraint(requirement, story)) {
    return capabilities.some((m) => CONSTRAINT_CAPABILITIES.has(m.featureId))
      ? { kind: 'catalog' }
      : { kind: 'constraint' };
  }
  if (!story) return { kind: 'catalog' };
  const generic =
    CAPABILITY_NOUNS.has(story.entity) ||
    // "export a settlement report": exporting a named document of the app's own is its story.
    (CAPABILITY_VERBS.has(story.action) &&
      !(['export', 'import'].includes(story.action) && story.entity.includes(' '))) ||
    VAGUE_VERBS.has(story.action);
  if (capabilities.length > 0 && generic) return { kind: 'catalog' };
  return { kind: 'story', story };
}

/**
 * Capabilities a later clause of a story line asks for: "Owners book a
 * sitter and pay by card" also asks for payments. Only clauses after the
 * first count, so the story's own words do not pull in a feature.
 */
function otherCapabilities(requirement: Requirement): Set<string> {
  const clauses = requirement.text.split(/\s*(?:;|,?\s+and\s+|,?\s+then\s+)\s*/i).slice(1);
  return new Set(
    clauses.flatMap((clause) =>
      matchCatalogFeatures(clause)
        .filter((m) => m.score >= 2 && CAPABILITY_FEATURES.has(m.featureId))
        .map((m) => m.featureId),
    ),
  );
}

function annotate(requirement: Requirement, story: StoryReading | undefined): Requirement {
  if (!story) return requirement;
  return {
    ...requirement,
    story: {
      ...(story.actor ? { actor: story.actor } : {}),
      action: story.action,
      entity: story.entity,
    },
  };
}

/** Catalog QA checks for the features a story's line also points at (booking → double booking). */
function catalogChecksFor(requirements: readonly Requirement[]): Map<string, string[]> {
  return new Map(
    requirements.map((r) => {
      const ids = new Set(
        matchCatalogFeatures(r.text)
          .filter((m) => m.score >= 2)
          .map((m) => m.featureId),
      );
      return [r.id, FEATURE_CATALOG.filter((f) => ids.has(f.id)).flatMap((f) => f.checks)];
    }),
  );
}

function entityWork(model: DomainModel, storyRequirements: readonly Requirement[]): EntityWork[] {
  const byEntity = new Map<string, Requirement[]>();
  for (const r of storyRequirements) {
    const entity = model.stories.get(r.id)!.entity;
    const list = byEntity.get(entity) ?? [];
    list.push(r);
    byEntity.set(entity, list);
  }
  return [...byEntity.entries()].map(([name, requirements]) => {
    const stories = requirements.map((r) => model.stories.get(r.id)!);
    const actions: { verb: string; requirementIds: string[] }[] = [];
    for (const s of stories) {
      const existing = actions.find((a) => a.verb === s.action);
      if (existing) existing.requirementIds.push(s.requirementId);
      else actions.push({ verb: s.action, requirementIds: [s.requirementId] });
    }
    return {
      entity: {
        name,
        attributes: [...new Set(stories.flatMap((s) => s.attributes))],
        related: [...new Set(stories.flatMap((s) => s.related))],
        actions,
        actors: [...new Set(stories.flatMap((s) => (s.actor ? [s.actor] : [])))],
      },
      stories,
      requirements,
      catalogChecks: catalogChecksFor(requirements),
    };
  });
}

/**
 * A line about a capability ("Sitters publish a profile with photos, rates
 * and availability") is built by the feature its own action and thing point
 * at (profiles), not by every feature one of its words matches (uploads,
 * booking): when its story names catalog features, only those keep it.
 */
function focusOnStories(
  features: readonly RecognizedFeature[],
  model: DomainModel,
  alsoAsks: ReadonlyMap<string, Set<string>>,
): RecognizedFeature[] {
  const focus = new Map<string, Set<string>>(alsoAsks);
  for (const [id, story] of model.stories) {
    if (focus.has(id)) continue;
    const ids = matchCatalogFeatures(`${story.action} ${story.entity}`)
      .filter((m) => m.score >= 2)
      .map((m) => m.featureId);
    if (ids.length > 0) focus.set(id, new Set(ids));
  }
  const keeps = (f: RecognizedFeature, r: Requirement): boolean => {
    const ids = focus.get(r.id);
    return !ids || (f.catalog !== undefined && ids.has(f.catalog.id));
  };
  // A line none of whose features its story names stays where the recogniser put it.
  const placed = new Set(
    features.flatMap((f) => f.requirements.filter((r) => keeps(f, r)).map((r) => r.id)),
  );
  return features
    .map((f) => ({
      ...f,
      requirements: f.requirements.filter((r) => keeps(f, r) || !placed.has(r.id)),
    }))
    .filter((f) => f.requirements.length > 0 || (f.impliedBy?.length ?? 0) > 0);
}

/** Features the planner would add unasked (accounts for profiles) stay out when scope narrows the plan. */
function withinScope(feature: RecognizedFeature, scope: readonly ScopeStatement[]): boolean {
  const id = feature.catalog?.id;
  if (!id) return true;
  const kept = scope.some((s) => s.mode === 'keep' && s.catalogIds.includes(id));
  if (!kept && scope.some((s) => s.mode === 'exclude' && s.catalogIds.includes(id))) {
    return feature.requirements.length > 0 && !feature.impliedBy;
  }
  if (feature.impliedBy && scope.some((s) => s.mode === 'focus')) {
    return scope.some((s) => s.mode === 'focus' && s.catalogIds.includes(id));
  }
  return true;
}

/** Lines the catalog recogniser reads as context although the owner's brief asks for them: one feature each. */
function leftoverFeatures(
  requirements: readonly Requirement[],
  used: Set<string>,
): RecognizedFeature[] {
  return requirements.map((r) => {
    let key = `custom-${slugify(r.text)}`;
    for (let n = 2; used.has(key); n++) key = `custom-${slugify(r.text)}-${n}`;
    used.add(key);
    return { key, title: customFeatureTitle(r.text), origin: 'custom', requirements: [r] };
  });
}

/**
 * Constraints are checked where they apply, not built as features: design
 * ones by the design system, the others by the release regression test
 * (or by setup when nothing is released, which does not happen in practice).
 */
function checkConstraints(
  projectTasks: readonly PlannedTask[],
  constraints: readonly Requirement[],
): PlannedTask[] {
  const tasks = projectTasks.map((t) => ({
    ...t,
    acceptanceCriteria: [...t.acceptanceCriteria],
    requirementIds: [...t.requirementIds],
  }));
  const design = tasks.find((t) => t.key === DESIGN_SYSTEM_TASK_KEY);
  const release = tasks.find((t) => t.key === RELEASE_QA_TASK_KEY) ?? tasks[0];
  for (const c of constraints) {
    const target = design && DESIGN_CONSTRAINT.test(c.text) ? design : release;
    const text = c.text.replace(CONSTRAINT_LABEL, '').trim().replace(/\.$/, '');
    target.acceptanceCriteria.push(`Checked against the brief's constraint: ${text}`);
    target.requirementIds.push(c.id);
  }
  return tasks;
}

/**
 * A prose sentence that sums up what the listed items say ("Residents should
 * be able to report road defects…" above "Residents can report a pothole…"):
 * same person, same action. It is about the item's thing, not a new one.
 */
function withSummariesMerged(
  model: DomainModel,
  requirements: readonly Requirement[],
): DomainModel {
  const items = requirements.filter((r) => r.kind !== 'sentence' && model.stories.has(r.id));
  let stories: Map<string, StoryReading> | undefined;
  for (const r of requirements) {
    const story = model.stories.get(r.id);
    if (r.kind !== 'sentence' || !story?.actor) continue;
    const item = items
      .map((i) => model.stories.get(i.id)!)
      .find((t) => t.actor === story.actor && t.action === story.action);
    if (!item || item.entity === story.entity) continue;
    stories ??= new Map(model.stories);
    stories.set(r.id, { ...story, entity: item.entity });
  }
  return stories ? { ...model, stories } : model;
}

export interface OfflinePlanOptions {
  /** The owner's reclassification of brief lines. */
  readonly lineKinds?: BriefLineOverrides;
  readonly nlp?: BriefNlp;
}

/**
 * Plans a brief without a language model. Reads the brief line by line
 * (requirements, context, scope), builds a domain model of the things the
 * requirements act on, and gives each thing its data model, API operations,
 * screens per target platform and tests, named after its actions and with
 * criteria from the stories' own words. Lines asking for a common capability
 * (accounts, payments, chat…) get the catalog feature's work instead. Adds
 * project setup, design system and release, and fits every task into the
 * size band. Deterministic: the same brief, settings and reclassifications
 * always give a deep-equal plan. The brief is only ever read as data.
 */
export function planOffline(
  brief: string,
  settings: PlanSettings = resolvePlanSettings(),
  options: OfflinePlanOptions = {},
): Plan {
  const reading = readBrief(brief, options.lineKinds);
  const planned = reading.requirements.filter((r) => !isInstructionLike(r));
  const model = withSummariesMerged(
    buildDomainModel(planned, options.nlp ?? defaultBriefNlp),
    planned,
  );
  const requirements = reading.requirements.map((r) => annotate(r, model.stories.get(r.id)));
  const storyRequirements: Requirement[] = [];
  const catalogRequirements: Requirement[] = [];
  const constraintRequirements: Requirement[] = [];
  /** Story lines that also ask for a capability in another clause ("…and pay by card"). */
  const alsoAsks = new Map<string, Set<string>>();
  const routes = new Map(
    requirements.map((r) => [r.id, routeOf(r, model.stories.get(r.id))] as const),
  );
  /**
   * The app's own things: what lines routed to their stories act on, and
   * what two or more stories act on even if the catalog has a feature of
   * that name (the invoice of an invoicing app is not a shop's checkout).
   */
  const storyCount = new Map<string, number>();
  for (const story of model.stories.values()) {
    if (!VAGUE_VERBS.has(story.action)) {
      storyCount.set(story.entity, (storyCount.get(story.entity) ?? 0) + 1);
    }
  }
  const ownEntities = new Set([
    ...[...routes.entries()]
      .filter(([, route]) => route.kind === 'story')
      .map(([id]) => model.stories.get(id)!.entity),
    ...[...storyCount.entries()].filter(([, n]) => n >= 2).map(([entity]) => entity),
  ]);
  for (const requirement of requirements) {
    if (isInstructionLike(requirement)) {
      catalogRequirements.push(requirement);
      continue;
    }
    let route = routes.get(requirement.id)!;
    const story = model.stories.get(requirement.id);
    // "Pay an invoice", "download an invoice as a PDF" in an invoicing app: the app's own thing.
    if (
      route.kind === 'catalog' &&
      story &&
      ownEntities.has(story.entity) &&
      !VAGUE_VERBS.has(story.action)
    ) {
      route = { kind: 'story', story };
      const words = new RegExp(`\\b${story.entity}s?\\b`, 'gi');
      const extra = matchCatalogFeatures(requirement.text.replace(words, ' '))
        .filter((m) => m.score >= 2 && CAPABILITY_FEATURES.has(m.featureId))
        .map((m) => m.featureId);
      if (extra.length > 0) {
        storyRequirements.push(requirement);
        catalogRequirements.push(requirement);
        alsoAsks.set(requirement.id, new Set(extra));
        continue;
      }
    }
    if (route.kind === 'constraint') {
      constraintRequirements.push(requirement);
      continue;
    }
    (route.kind === 'story' ? storyRequirements : catalogRequirements).push(requirement);
    if (route.kind === 'story') {
      const extra = otherCapabilities(requirement);
      if (extra.size > 0) {
        catalogRequirements.push(requirement);
        alsoAsks.set(requirement.id, extra);
      }
    }
  }
  const recognition = recognizeFeatures(catalogRequirements.map(({ leadIn: _leadIn, ...r }) => r));
  const usedKeys = new Set(recognition.features.map((f) => f.key));
  const catalogFeatures = [
    ...focusOnStories(recognition.features, model, alsoAsks).filter((f) =>
      withinScope(f, reading.scope),
    ),
    ...leftoverFeatures(
      recognition.contextRequirements.map((c) => requirements.find((r) => r.id === c.id) ?? c),
      usedKeys,
    ),
  ];
  const works = entityWork(model, storyRequirements);
  if (catalogFeatures.length === 0 && works.length === 0 && constraintRequirements.length === 0) {
    throw DomainError.badInput('The brief does not ask for anything that can be built', {
      field: 'brief',
      requirementCount: requirements.length,
    });
  }
  const targets = settings.targetPlatforms;
  const specs = catalogFeatures.map(featureWorkSpec);
  const anchors = new Map(specs.map((s) => [s.key, backendAnchorKey(s, targets)]));
  const input = projectInput(specs, works.length, targets);
  const setup = buildSetupTask(input);
  const designSystem = buildDesignSystemTask(input);
  const entityKeys = works.map((w) => {
    let key = `entity-${slugify(w.entity.name, 3)}`;
    for (let n = 2; usedKeys.has(key); n++) key = `entity-${slugify(w.entity.name, 3)}-${n}`;
    usedKeys.add(key);
    return key;
  });
  const storyTasks = works.flatMap((work, i) =>
    buildEntityTasks(work, entityKeys[i], {
      targets,
      setupKey: SETUP_TASK_KEY,
      designSystemKey: designSystem?.key,
      sizeBand: settings.sizeBand,
    }),
  );
  const featureTasks = splitCatalogTasksByMeaning(
    specs.flatMap((spec) =>
      buildFeatureTasks(spec, {
        targets,
        setupKey: SETUP_TASK_KEY,
        designSystemKey: designSystem?.key,
        prerequisiteKeys: spec.requires
          .map((id) => anchors.get(id))
          .filter((key): key is string => key !== undefined),
      }),
    ),
    specs,
    settings.sizeBand,
  );
  const release = buildReleaseTasks(input, sinkKeys([...storyTasks, ...featureTasks]));
  const constrained = checkConstraints(
    [setup, ...(designSystem ? [designSystem] : []), ...release],
    constraintRequirements,
  );
  const releasedOn = [
    ...clientTargets(targets).map((p) => PLATFORM_NAMES[p]),
    ...(input.backendPlanned ? ['the API'] : []),
  ];
  const tasks = fitTasksToBand(
    splitProjectTasksByMeaning(
      [
        ...constrained.slice(0, designSystem ? 2 : 1),
        ...storyTasks,
        ...featureTasks,
        ...constrained.slice(designSystem ? 2 : 1),
      ],
      releasedOn,
      settings.sizeBand,
    ),
    settings.sizeBand,
  );
  const ordered = [
    ...works.map((w, i) => ({
      key: entityKeys[i],
      title: w.entity.name.charAt(0).toUpperCase() + w.entity.name.slice(1),
      origin: 'story' as const,
      firstLine: w.requirements[0].line,
    })),
    ...catalogFeatures.map((f) => ({
      key: f.key,
      title: f.title,
      origin: f.origin,
      firstLine: f.requirements[0]?.line ?? 0,
    })),
  ];
  const features: Feature[] = [
    { key: FOUNDATION_FEATURE_KEY, title: 'Project foundation', order: 0, origin: 'project' },
    ...ordered.map((f, i) => ({ key: f.key, title: f.title, order: i + 1, origin: f.origin })),
    {
      key: RELEASE_FEATURE_KEY,
      title: 'Release',
      order: ordered.length + 1,
      origin: 'project',
    },
  ];
  return { features, tasks, requirements, coverage: computeCoverage(requirements, tasks) };
}
