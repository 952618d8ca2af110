import type { DomainEntity, StoryReading } from './domain-model';
import { threePointEstimate } from './estimation-heuristics';
import {
  ClientPlatform,
  Platform,
  PlannedTask,
  Requirement,
  SizeBand,
  SkillRequirement,
  TargetPlatform,
} from './plan.types';
import {
  clientTargets,
  describeTask,
  mergeSkills,
  PLATFORM_NAMES,
  skill,
} from './task-template.util';
import { humanList } from './text.util';

/** One entity of the brief with the stories that act on it: the input of its tasks. */
export interface EntityWork {
  readonly entity: DomainEntity;
  readonly stories: readonly StoryReading[];
  readonly requirements: readonly Requirement[];
  /** QA checks of catalog features a story's line also touches ("two people booking the same slot"), by requirement id. */
  readonly catalogChecks: ReadonlyMap<string, readonly string[]>;
}

export interface StoryTaskContext {
  readonly targets: readonly TargetPlatform[];
  readonly setupKey: string;
  readonly designSystemKey?: string;
  readonly sizeBand: SizeBand;
}

type UnitKind = 'model' | 'api' | 'design' | 'screen' | 'qa';

/** The smallest piece of work with a meaning of its own: one operation, one screen, one test set. */
interface WorkUnit {
  readonly kind: UnitKind;
  readonly platform: Platform;
  /** What the unit builds, for the title: `reserve tool`. */
  readonly label: string;
  readonly verbs: readonly string[];
  readonly hours: number;
  readonly criteria: readonly string[];
  readonly requirementIds: readonly string[];
}

/** Actions that read rather than change: their operations return what matches. */
const READ_VERBS = new Set([
  'browse',
  'view',
  'see',
  'search',
  'find',
  'filter',
  'read',
  'track',
  'check',
  'compare',
  'explore',
  'discover',
  'look',
  'watch',
  'follow',
  'sort',
  'download',
  'export',
]);

function isRead(verb: string): boolean {
  return READ_VERBS.has(verb.split(' ')[0]);
}

/** A reviewer scores a task on a short checklist. */
const MAX_CRITERIA = 6;

const SCREEN_HOURS: Readonly<Record<ClientPlatform, number>> = { WEB: 2.5, IOS: 3, ANDROID: 3 };

/** The platform's quality bar, said of the screens this task builds (`the submit and cancel leave request screens`). */
const UI_QUALITY: Readonly<Record<ClientPlatform, (screens: string) => string>> = {
  WEB: (screens) =>
    `${capitalise(screens)} work from 360 px to 1440 px wide and every action on them is reachable by keyboard`,
  IOS: (screens) =>
    `${capitalise(screens)} run on the two latest iOS versions, with Dynamic Type and VoiceOver labels`,
  ANDROID: (screens) =>
    `${capitalise(screens)} run on Android 10 and later, with TalkBack labels and correct back navigation`,
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const KIND_SLUG: Readonly<Record<UnitKind, string>> = {
  model: 'model',
  api: 'api',
  design: 'design',
  screen: 'screens',
  qa: 'qa',
};

function titleCase(text: string): string {
  return text.replace(/(^|\s)(\p{L})/gu, (_m, space: string, c: string) => space + c.toUpperCase());
}

function camel(words: string): string {
  const parts = words.split(/[^a-zA-Z0-9]+/).filter((p) => p.length > 0);
  return parts
    .map((p, i) =>
      i === 0 ? p.toLowerCase() : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase(),
    )
    .join('');
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** `reserve` → `reserving`, `list` → `listing`, `approve` → `approving`. */
function gerund(verb: string): string {
  const [head, ...rest] = verb.split(' ');
  let ing: string;
  if (/ie$/.test(head)) ing = `${head.slice(0, -2)}ying`;
  else if (/[^e]e$/.test(head)) ing = `${head.slice(0, -1)}ing`;
  else if (/^[^aeiou]*[aeiou][bdgmnpt]$/.test(head)) ing = `${head}${head.slice(-1)}ing`;
  else ing = `${head}ing`;
  return [ing, ...rest].join(' ');
}

function operationName(verb: string, entity: string): string {
  return camel(`${verb} ${entity}`);
}

function storyActor(story: StoryReading): string {
  return story.actor ? article(story.actor) : 'a signed-in user';
}

function withQualifier(story: StoryReading): string {
  return story.qualifier ? ` ${story.qualifier}` : '';
}

function storiesFor(work: EntityWork, verb: string): StoryReading[] {
  return work.stories.filter((s) => s.action === verb);
}

function modelUnit(work: EntityWork): WorkUnit {
  const { entity } = work;
  const name = entity.name;
  const fields = entity.attributes.length > 0 ? humanList(entity.attributes) : 'its fields';
  const criteria = [
    `Migration creates the ${name} table with ${fields}, keys, constraints and indexes, and reverts cleanly`,
    ...(entity.related.length > 0
      ? [`Each ${name} links to its ${humanList(entity.related)} with foreign keys`]
      : []),
    `Stores what ${humanList(
      entity.actions.map((a) => {
        const qualifier = storiesFor(work, a.verb).find((s) => s.qualifier)?.qualifier;
        return `${gerund(a.verb)} ${article(name)}${qualifier ? ` (${qualifier})` : ''}`;
      }),
    )} needs, with who did it and when`,
    `Seed data has ${name} rows for trying out ${humanList(entity.actions.map((a) => gerund(a.verb)))} locally and in tests`,
  ];
  return {
    kind: 'model',
    platform: 'BACKEND',
    label: name,
    verbs: entity.actions.map((a) => a.verb),
    hours:
      1 +
      0.4 * entity.attributes.length +
      0.6 * entity.related.length +
      0.4 * entity.actions.length,
    criteria,
    requirementIds: work.requirements.map((r) => r.id),
  };
}

function apiUnits(work: EntityWork): WorkUnit[] {
  const name = work.entity.name;
  return work.entity.actions.map((action) => {
    const op = operationName(action.verb, name);
    const stories = storiesFor(work, action.verb);
    const criteria = [
      ...stories.map(
        (s) =>
          `Given ${storyActor(s)}, when they ${action.verb} ${isRead(action.verb) ? `${name} records` : article(name)}${withQualifier(s)}, then ${op} ${isRead(action.verb) ? `returns the matching ${name} records, paged` : `saves it and returns the ${name}`}${s.outcome ? ` so that ${s.outcome}` : ''}`,
      ),
      isRead(action.verb)
        ? `${op} returns only ${name} records the caller may see, and refuses invalid filters with typed error codes`
        : `${op} refuses invalid input and callers who may not ${action.verb} this ${name}, with typed error codes`,
      `Integration tests of ${op} cover its success and each refusal`,
    ];
    const detail = stories.some((s) => s.qualifier) ? 0.5 : 0;
    return {
      kind: 'api',
      platform: 'BACKEND',
      label: `${action.verb} ${name}`,
      verbs: [action.verb],
      hours: 1.5 + detail + Math.min(1, 0.25 * work.entity.attributes.length),
      criteria,
      requirementIds: action.requirementIds,
    };
  });
}

function screenUnits(work: EntityWork, platform: ClientPlatform, hasApi: boolean): WorkUnit[] {
  const name = work.entity.name;
  return work.entity.actions.map((action) => {
    const stories = storiesFor(work, action.verb);
    const screen = `${titleCase(action.verb)} ${name}`;
    const criteria = [
      ...stories.map(
        (s) =>
          `Given ${storyActor(s)} on the ${screen} screen, when they ${action.verb} ${isRead(action.verb) ? `${name} records` : article(name)}${withQualifier(s)}, then they see ${isRead(action.verb) ? `the matching ${name} records, or a message when there are none` : `the ${name} as saved`}${s.outcome ? ` so that ${s.outcome}` : ''}`,
      ),
      `While ${gerund(action.verb)} ${article(name)}${hasApi ? ' is sent' : ''} the ${screen} screen shows progress; a failed ${action.verb} says why and keeps what was entered`,
    ];
    const detail = stories.some((s) => s.qualifier) ? 0.5 : 0;
    return {
      kind: 'screen',
      platform,
      label: `${action.verb} ${name}`,
      verbs: [action.verb],
      hours: SCREEN_HOURS[platform] + detail + Math.min(1.5, 0.5 * work.entity.attributes.length),
      criteria,
      requirementIds: action.requirementIds,
    };
  });
}

function designUnit(work: EntityWork, clients: readonly ClientPlatform[]): WorkUnit {
  const name = work.entity.name;
  const screens = work.entity.actions.map((a) => `${titleCase(a.verb)} ${name}`);
  return {
    kind: 'design',
    platform: 'DESIGN',
    label: name,
    verbs: work.entity.actions.map((a) => a.verb),
    hours: 1 + 0.75 * screens.length * Math.max(1, clients.length > 1 ? 1.25 : 1),
    criteria: [
      `Figma frames for the ${humanList(screens)} screens on ${humanList(clients.map((p) => PLATFORM_NAMES[p]))}, with empty, loading and error states`,
      `A clickable prototype shows how ${humanList(
        work.entity.actions.map((a) => {
          const story = storiesFor(work, a.verb)[0];
          return `${story ? storyActor(story) : 'a user'} can ${a.verb} ${article(name)}`;
        }),
      )}, approved by the owner`,
      `Hand-off notes give the ${name} fields${work.entity.attributes.length > 0 ? ` (${humanList(work.entity.attributes)})` : ''} with their validation messages`,
    ],
    requirementIds: work.requirements.map((r) => r.id),
  };
}

function qaUnits(work: EntityWork, clients: readonly ClientPlatform[]): WorkUnit[] {
  const name = work.entity.name;
  const where = humanList([...clients.map((p) => PLATFORM_NAMES[p]), 'the API']);
  const units: WorkUnit[] = work.entity.actions.map((action) => ({
    kind: 'qa',
    platform: 'QA',
    label: `${action.verb} ${name}`,
    verbs: [action.verb],
    hours: 0.5 + 0.75 * Math.max(1, clients.length),
    criteria: [
      ...storiesFor(work, action.verb).map(
        (s) =>
          `Automated end-to-end test: ${storyActor(s)} can ${action.verb} ${article(name)}${withQualifier(s)} on ${where}`,
      ),
      `A test shows that someone without access cannot ${action.verb} ${article(name)}`,
      `Defects found while testing how to ${action.verb} ${article(name)} are filed with steps to reproduce`,
    ],
    requirementIds: action.requirementIds,
  }));
  return units.map((unit) => {
    const checks = [
      ...new Set(unit.requirementIds.flatMap((id) => work.catalogChecks.get(id) ?? [])),
    ].slice(0, 2);
    if (checks.length === 0) return unit;
    return {
      ...unit,
      hours: unit.hours + 0.25 * checks.length,
      criteria: [...unit.criteria, ...checks.map((c) => `Also tested for ${name}: ${c}`)],
    };
  });
}

/**
 * Splits a unit that alone is over the band by what it delivers: each part
 * takes some of the unit's criteria (every criterion names its own output)
 * and a share of the hours; the part titles say which.
 */
function splitOversized(unit: WorkUnit, maxHours: number, maxCriteria: number): WorkUnit[] {
  if ((unit.hours <= maxHours && unit.criteria.length <= maxCriteria) || unit.criteria.length < 2)
    return [unit];
  const parts = Math.min(
    unit.criteria.length,
    Math.max(Math.ceil(unit.hours / maxHours), Math.ceil(unit.criteria.length / maxCriteria)),
  );
  const size = Math.ceil(unit.criteria.length / parts);
  const out: WorkUnit[] = [];
  for (let i = 0; i < unit.criteria.length; i += size) {
    const criteria = unit.criteria.slice(i, i + size);
    out.push({
      ...unit,
      label: `${unit.label} (${i === 0 ? 'main flow' : `checks ${out.length + 1}`})`,
      hours: (unit.hours * criteria.length) / unit.criteria.length,
      criteria,
    });
  }
  return out;
}

/** Consecutive units packed into tasks no longer than the band's maximum, with at most `maxCriteria` criteria. */
function pack(units: readonly WorkUnit[], maxHours: number, maxCriteria: number): WorkUnit[][] {
  const groups: WorkUnit[][] = [];
  let current: WorkUnit[] = [];
  let hours = 0;
  let criteria = 0;
  for (const unit of units.flatMap((u) => splitOversized(u, maxHours, maxCriteria))) {
    if (
      current.length > 0 &&
      (hours + unit.hours > maxHours || criteria + unit.criteria.length > maxCriteria)
    ) {
      groups.push(current);
      current = [];
      hours = 0;
      criteria = 0;
    }
    current.push(unit);
    hours += unit.hours;
    criteria += unit.criteria.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function skillsOf(
  kind: UnitKind,
  platform: Platform,
  clients: readonly ClientPlatform[],
): SkillRequirement[] {
  switch (kind) {
    case 'model':
      return [skill('postgresql', 3), skill('typeorm', 2)];
    case 'api':
      return [skill('nestjs', 3), skill('graphql', 2)];
    case 'design':
      return [skill('ui-design', 3), skill('figma', 2)];
    case 'qa':
      return mergeSkills([
        skill('test-automation', 2),
        ...(clients.includes('WEB') ? [skill('playwright', 2)] : []),
        ...(clients.includes('IOS') ? [skill('xcuitest', 2)] : []),
        ...(clients.includes('ANDROID') ? [skill('espresso', 2)] : []),
        ...(clients.length === 0 ? [skill('api-testing', 2)] : []),
      ]);
    case 'screen':
      if (platform === 'IOS') return [skill('swiftui', 3), skill('swift', 3)];
      if (platform === 'ANDROID') return [skill('jetpack-compose', 3), skill('kotlin', 3)];
      return [skill('react', 3), skill('typescript', 2)];
  }
}

function verbsOf(units: readonly WorkUnit[]): string[] {
  return [...new Set(units.flatMap((u) => u.verbs))];
}

function titleOf(
  kind: UnitKind,
  platform: Platform,
  entity: string,
  units: readonly WorkUnit[],
): string {
  const Entity = titleCase(entity);
  const parts = units.map((u) => u.label.replace(` ${entity}`, ''));
  const what = humanList([...new Set(parts)]);
  switch (kind) {
    case 'model':
      return `Data model: ${Entity} (${humanList(verbsOf(units))})`;
    case 'api':
      return `API: ${what} ${Entity}`;
    case 'design':
      return `Design: ${Entity} screens (${humanList(verbsOf(units))})`;
    case 'screen':
      return `${PLATFORM_NAMES[platform]}: ${what} ${Entity} screens`;
    case 'qa':
      return `QA: ${what} ${Entity}`;
  }
}

function purposeOf(
  kind: UnitKind,
  platform: Platform,
  entity: string,
  units: readonly WorkUnit[],
): string {
  const verbs = humanList(verbsOf(units));
  switch (kind) {
    case 'model':
      return `Store ${entity} records and everything users need to ${verbs} them.`;
    case 'api':
      return `Build the API operations ${humanList(units.map((u) => operationName(u.verbs[0], entity)))} so users can ${verbs} ${entity} records.`;
    case 'design':
      return `Design the screens where users ${verbs} ${entity} records.`;
    case 'screen':
      return `Build the ${PLATFORM_NAMES[platform]} screens where users ${verbs} ${entity} records, from the approved designs, connected to the API.`;
    case 'qa':
      return `Test end to end that users can ${verbs} ${entity} records.`;
  }
}

/**
 * The tasks that build one entity of the brief and the stories acting on
 * it: its data model, one API operation per action, its screens on each
 * client platform, their design and the tests, packed by meaning into
 * tasks within the size band. Criteria come from the stories' own words.
 */
export function buildEntityTasks(
  work: EntityWork,
  featureKey: string,
  context: StoryTaskContext,
): PlannedTask[] {
  const clients = clientTargets(context.targets);
  const max = context.sizeBand.maxHours;
  const requirementById = new Map(work.requirements.map((r) => [r.id, r]));
  const tasks: PlannedTask[] = [];

  const emit = (
    kind: UnitKind,
    platform: Platform,
    units: readonly WorkUnit[],
    dependsOn: (group: readonly WorkUnit[]) => string[],
  ): string[] => {
    const prefix = kind === 'screen' ? platform.toLowerCase() : KIND_SLUG[kind];
    const keys: string[] = [];
    pack(units, max, kind === 'screen' ? MAX_CRITERIA - 1 : MAX_CRITERIA).forEach((group, i) => {
      const key = `${featureKey}-${prefix}-${i + 1}`;
      const ids = [...new Set(group.flatMap((u) => u.requirementIds))];
      const requirements = ids
        .map((id) => requirementById.get(id))
        .filter((r): r is Requirement => r !== undefined);
      const hours = group.reduce((sum, u) => sum + u.hours, 0);
      const criteria = [
        ...group.flatMap((u) => u.criteria),
        ...(kind === 'screen'
          ? [
              UI_QUALITY[platform as ClientPlatform](
                `the ${humanList([...new Set(group.map((u) => u.label.replace(` ${work.entity.name}`, '')))])} ${work.entity.name} screens`,
              ),
            ]
          : []),
      ];
      tasks.push({
        key,
        featureKey,
        title: titleOf(kind, platform, work.entity.name, group),
        description: describeTask(purposeOf(kind, platform, work.entity.name, group), requirements),
        acceptanceCriteria: criteria,
        skills: skillsOf(kind, platform, clients),
        platform,
        estimate: threePointEstimate(Math.min(max, Math.max(context.sizeBand.minHours, hours)), 3),
        dependsOn: [...new Set(dependsOn(group))],
        requirementIds: ids,
      });
      keys.push(key);
    });
    return keys;
  };

  const modelKeys = emit('model', 'BACKEND', [modelUnit(work)], () => [context.setupKey]);
  const lastModel = modelKeys[modelKeys.length - 1];
  const apiKeys = emit('api', 'BACKEND', apiUnits(work), () => [lastModel]);
  const designKeys =
    clients.length > 0
      ? emit('design', 'DESIGN', [designUnit(work, clients)], () =>
          context.designSystemKey ? [context.designSystemKey] : [],
        )
      : [];
  const screenKeys = clients.flatMap((platform) =>
    // A screen waits for the whole API of its entity: it is built against the entity's schema.
    emit('screen', platform, screenUnits(work, platform, true), () => [...apiKeys, ...designKeys]),
  );
  // Tests run against the entity's finished screens (or API when there are none).
  emit('qa', 'QA', qaUnits(work, clients), () =>
    clients.length > 0 ? [...screenKeys, ...apiKeys] : apiKeys,
  );
  return tasks;
}
