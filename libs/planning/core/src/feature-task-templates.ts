import { Complexity, WorkKind, WorkLayers } from './feature-catalog';
import { RecognizedFeature } from './feature-recognizer';
import { estimateWork, skillLevelFor, specialistLevelFor } from './estimation-heuristics';
import {
  ClientPlatform,
  Platform,
  PlannedTask,
  Requirement,
  SkillLevel,
  SkillRequirement,
  TargetPlatform,
} from './plan.types';
import {
  clientTargets,
  describeTask,
  mergeSkills,
  PLATFORM_NAMES,
  requirementCriteria,
  skill,
} from './task-template.util';
import { humanList } from './text.util';

/** Everything the template generator needs to know about one feature. */
export interface FeatureWorkSpec {
  readonly key: string;
  readonly title: string;
  readonly complexity: Complexity;
  readonly layers: WorkLayers;
  readonly needsServer: boolean;
  readonly shapesDesignSystem: boolean;
  readonly entities: readonly string[];
  readonly endpoints: readonly string[];
  readonly screens: readonly string[];
  readonly checks: readonly string[];
  readonly extraSkills: Readonly<Partial<Record<WorkKind, readonly string[]>>>;
  /** Catalog ids of the features whose backend this one builds on. */
  readonly requires: readonly string[];
  readonly requirements: readonly Requirement[];
  /** Titles of the features that need this one although the brief did not ask for it. */
  readonly impliedBy: readonly string[];
}

export interface FeatureTaskContext {
  readonly targets: readonly TargetPlatform[];
  readonly setupKey: string;
  readonly designSystemKey?: string;
  /** Keys of the backend tasks of the features this one requires. */
  readonly prerequisiteKeys: readonly string[];
}

const CUSTOM_LAYERS: WorkLayers = {
  dataModel: false,
  api: true,
  design: true,
  ui: true,
  qa: true,
  ops: false,
};

const KIND_SLUG: Readonly<Record<WorkKind, string>> = {
  'data-model': 'model',
  api: 'api',
  design: 'design',
  web: 'web',
  ios: 'ios',
  android: 'android',
  qa: 'qa',
  ops: 'ops',
};

const UI_KIND: Readonly<Record<ClientPlatform, WorkKind>> = {
  WEB: 'web',
  IOS: 'ios',
  ANDROID: 'android',
};

const KIND_PLATFORM: Readonly<Record<WorkKind, Platform>> = {
  'data-model': 'BACKEND',
  api: 'BACKEND',
  design: 'DESIGN',
  web: 'WEB',
  ios: 'IOS',
  android: 'ANDROID',
  qa: 'QA',
  ops: 'DEVOPS',
};

/** The platform's quality bar, said of the screens this task builds. */
const UI_QUALITY: Readonly<Record<ClientPlatform, (screens: string) => string>> = {
  WEB: (screens) =>
    `${screens} work from 360 px to 1440 px wide and every action on them is reachable by keyboard`,
  IOS: (screens) =>
    `${screens} run on the two latest iOS versions, with Dynamic Type and VoiceOver labels`,
  ANDROID: (screens) =>
    `${screens} run on Android 10 and later, with TalkBack labels and correct back navigation`,
};

const UI_TEST_TOOL: Readonly<Record<ClientPlatform, string>> = {
  WEB: 'playwright',
  IOS: 'xcuitest',
  ANDROID: 'espresso',
};

export function featureWorkSpec(feature: RecognizedFeature): FeatureWorkSpec {
  const entry = feature.catalog;
  if (entry) {
    return {
      key: feature.key,
      title: feature.title,
      complexity: entry.complexity,
      layers: entry.layers,
      needsServer: entry.needsServer,
      shapesDesignSystem: entry.shapesDesignSystem ?? false,
      entities: entry.entities,
      endpoints: entry.endpoints,
      screens: entry.screens,
      checks: entry.checks,
      extraSkills: entry.extraSkills ?? {},
      requires: entry.requires ?? [],
      requirements: feature.requirements,
      impliedBy: feature.impliedBy ?? [],
    };
  }
  return {
    key: feature.key,
    title: feature.title,
    complexity: 3,
    layers: CUSTOM_LAYERS,
    needsServer: true,
    shapesDesignSystem: false,
    entities: [],
    endpoints: [`the operations behind “${feature.title}”`],
    screens: [feature.title],
    checks: ['the main flow', 'invalid input', 'who may see and change the data'],
    extraSkills: {},
    requires: [],
    requirements: feature.requirements,
    impliedBy: [],
  };
}

export function featureTaskKey(featureKey: string, kind: WorkKind): string {
  return `${featureKey}-${KIND_SLUG[kind]}-1`;
}

/** The kinds of work the feature needs on these target platforms, in build order. */
export function plannedWorkKinds(
  spec: FeatureWorkSpec,
  targets: readonly TargetPlatform[],
): WorkKind[] {
  const clients = clientTargets(targets);
  const backend =
    (spec.layers.dataModel || spec.layers.api) && (spec.needsServer || targets.includes('BACKEND'));
  const kinds: WorkKind[] = [];
  if (backend && spec.layers.dataModel && spec.entities.length > 0) kinds.push('data-model');
  if (backend && spec.layers.api) kinds.push('api');
  if (spec.layers.design && clients.length > 0) kinds.push('design');
  // Working offline is what the phones and handhelds in the field need, not a web back office.
  const mobile = clients.filter((p) => p !== 'WEB');
  const uiClients = spec.key === 'offline' && mobile.length > 0 ? mobile : clients;
  if (spec.layers.ui) kinds.push(...uiClients.map((p) => UI_KIND[p]));
  if (spec.layers.ops) kinds.push('ops');
  // Every feature gets at least one task, so its requirements are always covered.
  if (kinds.length === 0) kinds.push('api');
  if (spec.layers.qa && kinds.some((k) => k !== 'design')) kinds.push('qa');
  return kinds;
}

/** The task other features' backends wait for, when this feature has a backend. */
export function backendAnchorKey(
  spec: FeatureWorkSpec,
  targets: readonly TargetPlatform[],
): string | undefined {
  const kinds = plannedWorkKinds(spec, targets);
  if (kinds.includes('api')) return featureTaskKey(spec.key, 'api');
  if (kinds.includes('data-model')) return featureTaskKey(spec.key, 'data-model');
  return undefined;
}

function levelAtLeast(level: number, floor: number): SkillLevel {
  return Math.min(5, Math.max(floor, level)) as SkillLevel;
}

function skillsFor(
  kind: WorkKind,
  spec: FeatureWorkSpec,
  clients: readonly ClientPlatform[],
): SkillRequirement[] {
  const level = skillLevelFor(spec.complexity);
  const base: Record<WorkKind, SkillRequirement[]> = {
    'data-model': [skill('postgresql', level), skill('typeorm', 2)],
    api: [skill('nestjs', level), skill('graphql', 2)],
    design: [skill('ui-design', level), skill('figma', 2)],
    web: [skill('react', level), skill('typescript', 2)],
    ios: [skill('swiftui', level), skill('swift', level)],
    android: [skill('jetpack-compose', level), skill('kotlin', level)],
    qa: [
      skill('test-automation', levelAtLeast(level - 1, 2)),
      ...(clients.length > 0
        ? clients.map((p) => skill(UI_TEST_TOOL[p], 2))
        : [skill('api-testing', 2)]),
    ],
    ops: [skill('ci-cd', level), skill('docker', 2)],
  };
  const extra = (spec.extraSkills[kind] ?? []).map((name) =>
    skill(name, specialistLevelFor(spec.complexity)),
  );
  return mergeSkills([...base[kind], ...extra]);
}

interface KindText {
  readonly title: string;
  readonly purpose: string;
  readonly criteria: readonly string[];
  readonly requirementPhrase: (id: string, quoted: string) => string;
}

function textFor(
  kind: WorkKind,
  spec: FeatureWorkSpec,
  kinds: readonly WorkKind[],
  clients: readonly ClientPlatform[],
): KindText {
  const screens = humanList(spec.screens.length > 0 ? spec.screens : [spec.title]);
  const hasApi = kinds.includes('api');
  const testedOn = humanList([
    ...(spec.layers.ui ? clients.map((p) => PLATFORM_NAMES[p]) : []),
    ...(hasApi ? ['the API'] : []),
  ]);
  switch (kind) {
    case 'data-model':
      return {
        title: `Data model: ${spec.title}`,
        purpose: `Design and migrate the database schema for ${spec.title}: ${humanList(spec.entities)}.`,
        criteria: [
          `Migration creates ${humanList(spec.entities)} with keys, constraints and indexes, and reverts cleanly`,
          'Seed data for local development and tests covers typical and edge-case rows',
          'Relationships and retention rules are documented next to the schema',
        ],
        requirementPhrase: (id, q) => `Schema stores what ${id} needs: ${q}`,
      };
    case 'api':
      return {
        title: `API: ${spec.title}`,
        purpose: `Build the backend operations for ${spec.title}: ${humanList(spec.endpoints)}.`,
        criteria: [
          `Implements ${spec.endpoints.join('; ')}`,
          'Validates every input, checks the caller’s access first, and returns typed error codes',
          'Integration tests cover the success path and each failure case',
        ],
        requirementPhrase: (id, q) => `Supports ${id}: ${q}`,
      };
    case 'design':
      return spec.shapesDesignSystem
        ? {
            title: `Design: ${spec.title}`,
            purpose: `Set the visual direction the design system is built on: ${screens}.`,
            criteria: [
              'Brand board with logo usage, colour palette and typography',
              'Two style explorations of a key screen, one chosen with the owner',
              'Chosen direction exported as tokens and assets for the design system',
            ],
            requirementPhrase: (id, q) => `Direction reflects ${id}: ${q}`,
          }
        : {
            title: `Design: ${spec.title}`,
            purpose: `Design the ${spec.title} screens (${screens}) for ${humanList(clients.map((p) => PLATFORM_NAMES[p]))}.`,
            criteria: [
              `Figma frames for ${screens}, including empty, loading and error states`,
              'Uses design-system components; text and controls meet WCAG AA contrast',
              'A clickable prototype of the main flow is shared and approved by the owner',
            ],
            requirementPhrase: (id, q) => `Design addresses ${id}: ${q}`,
          };
    case 'web':
    case 'ios':
    case 'android': {
      const platform = KIND_PLATFORM[kind] as ClientPlatform;
      const name = PLATFORM_NAMES[platform];
      return {
        title: `${name}: ${spec.title} screens`,
        purpose: `Build the ${spec.title} screens in the ${name} app from the approved designs${hasApi ? ' and connect them to the API' : ''}.`,
        criteria: [
          `Screens built: ${screens}, matching the approved designs`,
          // Named after the feature's own screens, so the criterion says what this task delivers.
          hasApi
            ? `${screens}: loading, empty and error states are handled for each API call they make`
            : `${screens}: loading, empty and error states are handled`,
          UI_QUALITY[platform](screens),
        ],
        requirementPhrase: (id, q) => `On ${name}, meets ${id}: ${q}`,
      };
    }
    case 'qa':
      return {
        title: `QA: ${spec.title}`,
        purpose: `Test ${spec.title} end to end on ${testedOn || 'every target platform'}.`,
        criteria: [
          `Test plan covers ${spec.checks.length > 0 ? humanList(spec.checks) : 'the main flow and its failure cases'}`,
          `Automated end-to-end tests of the main flow pass on ${testedOn || 'every target platform'}`,
          'Defects are filed with steps to reproduce; blockers are re-tested after the fix',
        ],
        requirementPhrase: (id, q) => `Verified against ${id}: ${q}`,
      };
    case 'ops':
      return {
        title: `Ops: ${spec.title}`,
        purpose: `Set up the infrastructure and operational safeguards the brief asks for (${spec.title}).`,
        criteria: [
          'Infrastructure is defined as code and reproducible from the repository',
          'Monitoring and alerting cover errors, latency and uptime',
          'Backups are scheduled and a restore has been rehearsed',
        ],
        requirementPhrase: (id, q) => `Meets ${id}: ${q}`,
      };
  }
}

function dependenciesFor(
  kind: WorkKind,
  spec: FeatureWorkSpec,
  kinds: readonly WorkKind[],
  context: FeatureTaskContext,
): string[] {
  const key = (k: WorkKind): string => featureTaskKey(spec.key, k);
  const has = (k: WorkKind): boolean => kinds.includes(k);
  const entry = [context.setupKey, ...context.prerequisiteKeys];
  const uiKinds = kinds.filter((k) => k === 'web' || k === 'ios' || k === 'android');
  switch (kind) {
    case 'data-model':
      return entry;
    case 'api':
      return has('data-model') ? [key('data-model')] : entry;
    case 'design':
      return context.designSystemKey && !spec.shapesDesignSystem ? [context.designSystemKey] : [];
    case 'web':
    case 'ios':
    case 'android': {
      const upstream = [
        ...(has('api') ? [key('api')] : has('data-model') ? [key('data-model')] : entry),
        ...(has('design')
          ? [key('design')]
          : context.designSystemKey
            ? [context.designSystemKey]
            : []),
      ];
      return upstream;
    }
    case 'ops':
      return [context.setupKey];
    case 'qa': {
      const tested =
        uiKinds.length > 0 ? uiKinds : kinds.filter((k) => k === 'api' || k === 'data-model');
      return [...tested, ...(has('ops') ? (['ops'] as const) : [])].map(key);
    }
  }
}

/**
 * The tasks of one feature: data model → API → screens per client platform,
 * design before screens, QA after what it tests, each traced to the
 * feature's requirements, with 3 to 6 acceptance criteria.
 */
export function buildFeatureTasks(
  spec: FeatureWorkSpec,
  context: FeatureTaskContext,
): PlannedTask[] {
  const kinds = plannedWorkKinds(spec, context.targets);
  const clients = clientTargets(context.targets);
  const requirementIds = spec.requirements.map((r) => r.id);
  const implied =
    spec.impliedBy.length > 0
      ? ` The brief does not ask for it directly; ${humanList(spec.impliedBy)} need it.`
      : '';
  return kinds.map((kind) => {
    const text = textFor(kind, spec, kinds, clients);
    return {
      key: featureTaskKey(spec.key, kind),
      featureKey: spec.key,
      title: text.title,
      description: describeTask(`${text.purpose}${implied}`, spec.requirements),
      acceptanceCriteria: [
        ...text.criteria,
        ...requirementCriteria(spec.requirements, text.requirementPhrase),
      ],
      skills: skillsFor(kind, spec, clients),
      platform: KIND_PLATFORM[kind],
      estimate: estimateWork(kind, spec.complexity, spec.requirements),
      dependsOn: [...new Set(dependenciesFor(kind, spec, kinds, context))],
      requirementIds,
    };
  });
}
