import {
  applySizeBand,
  computeCoverage,
  PLATFORMS,
  SKILL_LEVELS,
  validatePlan,
  type Feature,
  type Plan,
  type PlanIssue,
  type PlannedTask,
  type Platform,
  type SkillLevel,
  type SkillRequirement,
} from '@splitwork/planning-core';
import type {
  FeatureTasksAnswer,
  OutlineAnswer,
  PlanAnswer,
  TaskAnswer,
} from './plan-answer.schema';
import type { PlanningContext } from './planning-context';

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };

export interface OutlineFeature {
  readonly key: string;
  readonly title: string;
  readonly order: number;
  readonly requirementIds: readonly string[];
  readonly sharedTaskKeys: readonly string[];
}

export interface Outline {
  readonly features: readonly OutlineFeature[];
}

/** An outline with more features than this is not an outline; it would also cost a call per feature. */
export const MAX_OUTLINE_FEATURES = 30;

/** Size band problems are fixed by the size band itself (split, merge, clamp), not by a repair. */
const BAND_FIXES: ReadonlySet<string> = new Set(['ESTIMATE_OUT_OF_BAND']);

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function isSkillLevel(value: number): value is SkillLevel {
  return (SKILL_LEVELS as readonly number[]).includes(value);
}

function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

function quarterHours(hours: number): number {
  return Math.round(hours * 4) / 4;
}

/** `R3`, `r3 ` → `R3`; anything else is kept (trimmed) so that it is reported as unknown. */
function requirementId(id: string): string {
  const trimmed = id.trim();
  return /^r\d+$/i.test(trimmed) ? trimmed.toUpperCase() : trimmed;
}

/** `React Native` → `react-native`; one entry per skill at the highest level asked for. */
function skills(answer: TaskAnswer['skills']): SkillRequirement[] {
  const byName = new Map<string, SkillRequirement>();
  for (const s of answer) {
    const skill = s.skill
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
    if (skill === '') continue;
    const minLevel = s.minLevel;
    if (!isSkillLevel(minLevel)) throw new Error(`Unchecked answer: skill level ${minLevel}`);
    const existing = byName.get(skill);
    if (!existing || existing.minLevel < minLevel) byName.set(skill, { skill, minLevel });
  }
  return [...byName.values()];
}

/**
 * A task answer that passed the schema, as a core task (trimmed,
 * de-duplicated, estimates in quarter hours). Throws on a platform or skill
 * level outside the schema's enums: only checked answers may be mapped.
 */
export function toPlannedTask(answer: TaskAnswer, featureKey: string): PlannedTask {
  const platform = answer.platform;
  if (!isPlatform(platform)) throw new Error(`Unchecked answer: platform ${platform}`);
  return {
    key: answer.key.trim(),
    featureKey: featureKey.trim(),
    title: answer.title.trim(),
    description: answer.description.trim(),
    acceptanceCriteria: answer.acceptanceCriteria.map((c) => c.trim()).filter((c) => c !== ''),
    skills: skills(answer.skills),
    platform,
    estimate: {
      optimistic: quarterHours(answer.estimate.optimistic),
      likely: quarterHours(answer.estimate.likely),
      pessimistic: quarterHours(answer.estimate.pessimistic),
    },
    dependsOn: unique(answer.dependsOn.map((d) => d.trim()).filter((d) => d !== '')),
    requirementIds: unique(answer.requirementIds.map(requirementId).filter((id) => id !== '')),
  };
}

/** Problems core's validator does not look for: blank texts and platforms outside the project. */
function taskProblems(tasks: readonly PlannedTask[], context: PlanningContext): string[] {
  const errors: string[] = [];
  tasks.forEach((task, i) => {
    const name = task.key === '' ? `tasks[${i}]` : `Task ${task.key}`;
    if (task.key === '') errors.push(`tasks[${i}] has an empty key`);
    if (task.title === '') errors.push(`${name} has an empty title`);
    if (task.description === '') errors.push(`${name} has an empty description`);
    if (!context.allowedPlatforms.includes(task.platform)) {
      errors.push(
        `${name} is planned for platform ${task.platform}, which this project does not use; use one of ${context.allowedPlatforms.join(', ')}`,
      );
    }
  });
  return errors;
}

/**
 * Core's semantic checks on an unbanded plan whose requirements are the
 * plannable ones (so that a task tracing to an instruction-like line, which
 * the model was never given, counts as unknown). Out-of-band estimates are
 * left to the size band.
 */
function coreIssues(
  features: readonly Feature[],
  tasks: readonly PlannedTask[],
  context: PlanningContext,
): PlanIssue[] {
  const requirements = context.plannable;
  const plan: Plan = {
    features,
    tasks,
    requirements,
    coverage: computeCoverage(requirements, tasks),
  };
  return validatePlan(plan, { sizeBand: context.settings.sizeBand }).filter(
    (issue) => !BAND_FIXES.has(issue.code),
  );
}

function featureProblems(
  features: readonly { key: string; title: string }[],
  label: string,
): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  features.forEach((f, i) => {
    if (f.key === '') errors.push(`${label}[${i}] has an empty key`);
    else if (seen.has(f.key)) errors.push(`Feature key "${f.key}" is used more than once`);
    seen.add(f.key);
    if (f.title === '') errors.push(`Feature ${f.key || `${label}[${i}]`} has an empty title`);
  });
  return errors;
}

function planOf(
  features: readonly Feature[],
  tasks: readonly PlannedTask[],
  context: PlanningContext,
): Plan {
  const used = new Set(tasks.map((t) => t.featureKey));
  const kept = features.filter((f) => used.has(f.key));
  return {
    features: kept,
    tasks,
    requirements: context.requirements,
    coverage: computeCoverage(context.requirements, tasks),
  };
}

/**
 * A one-call plan answer as an unbanded core plan, or every problem found:
 * blank texts, foreign platforms, duplicate keys, unknown features, tasks or
 * requirements, cycles, impossible or absurd estimates, empty criteria,
 * uncovered requirements.
 */
export function checkPlanAnswer(answer: PlanAnswer, context: PlanningContext): Checked<Plan> {
  const features: Feature[] = answer.features.map((f, order) => ({
    key: f.key.trim(),
    title: f.title.trim(),
    order,
  }));
  const tasks = answer.tasks.map((t) => toPlannedTask(t, t.featureKey));
  const errors = [
    ...(tasks.length === 0 ? ['The plan has no tasks; plan the work the brief describes'] : []),
    ...featureProblems(features, 'features'),
    ...taskProblems(tasks, context),
    ...coreIssues(features, tasks, context).map((i) => i.message),
  ];
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: planOf(features, tasks, context) };
}

/** Every plannable requirement assigned to a feature, known ids only, unique keys. */
export function checkOutlineAnswer(
  answer: OutlineAnswer,
  context: PlanningContext,
): Checked<Outline> {
  const features: OutlineFeature[] = answer.features.map((f, order) => ({
    key: f.key.trim(),
    title: f.title.trim(),
    order,
    requirementIds: unique(f.requirementIds.map(requirementId)),
    sharedTaskKeys: unique(f.sharedTaskKeys.map((k) => k.trim()).filter((k) => k !== '')),
  }));
  const errors = featureProblems(features, 'features');
  if (features.length === 0) errors.push('The outline has no features');
  if (features.length > MAX_OUTLINE_FEATURES) {
    errors.push(
      `The outline has ${features.length} features; group them into at most ${MAX_OUTLINE_FEATURES}`,
    );
  }
  const owners = new Map<string, string>();
  for (const f of features) {
    for (const id of f.requirementIds) {
      if (!context.plannableIds.has(id)) {
        errors.push(`Feature ${f.key} lists unknown requirement "${id}"`);
      }
    }
    for (const key of f.sharedTaskKeys) {
      const owner = owners.get(key);
      if (owner !== undefined) {
        errors.push(`Shared task key "${key}" is listed by both ${owner} and ${f.key}`);
      }
      owners.set(key, f.key);
    }
  }
  const assigned = new Set(features.flatMap((f) => f.requirementIds));
  for (const r of context.plannable) {
    if (!assigned.has(r.id)) {
      errors.push(`Requirement ${r.id} is not assigned to any feature: "${r.text}"`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { features } };
}

/** Keys of other features' tasks that a task of `featureKey` may depend on. */
export function externalTaskKeys(outline: Outline, featureKey: string): string[] {
  return outline.features.filter((f) => f.key !== featureKey).flatMap((f) => f.sharedTaskKeys);
}

/**
 * The tasks of one feature of an outline, or every problem found: those of
 * `checkPlanAnswer` within the feature, plus shared keys it promised but did
 * not define, keys it took from another feature, and dependencies on other
 * features' tasks that the outline does not share.
 */
export function checkFeatureTasksAnswer(
  answer: FeatureTasksAnswer,
  outline: Outline,
  featureKey: string,
  context: PlanningContext,
): Checked<PlannedTask[]> {
  const feature = outline.features.find((f) => f.key === featureKey);
  if (!feature) throw new Error(`Feature ${featureKey} is not in the outline`);
  const tasks = answer.tasks.map((t) => toPlannedTask(t, featureKey));
  const own = new Set(tasks.map((t) => t.key));
  const external = externalTaskKeys(outline, featureKey);
  const externalSet = new Set(external);
  const errors = [
    ...(tasks.length === 0 ? [`Feature ${featureKey} has no tasks`] : []),
    ...taskProblems(tasks, context),
  ];
  for (const key of feature.sharedTaskKeys) {
    if (!own.has(key)) {
      errors.push(
        `The outline promises a task "${key}" in this feature that other features may depend on; define a task with that key`,
      );
    }
  }
  for (const task of tasks) {
    if (externalSet.has(task.key)) {
      errors.push(`Task key "${task.key}" belongs to another feature; choose another key`);
    }
    for (const dep of task.dependsOn) {
      if (own.has(dep) || externalSet.has(dep)) continue;
      errors.push(
        `Task ${task.key} depends on unknown task "${dep}"; besides the tasks of this feature it may depend only on ${external.length > 0 ? external.join(', ') : 'no other task'}`,
      );
    }
  }
  // Core's checks within the feature: external dependencies were checked above.
  const internal = tasks.map((t) => ({ ...t, dependsOn: t.dependsOn.filter((d) => own.has(d)) }));
  const assigned = new Set(feature.requirementIds);
  const issues = coreIssues(
    [{ key: featureKey, title: feature.title, order: feature.order }],
    internal,
    context,
  ).filter(
    (i) =>
      i.code !== 'UNCOVERED_REQUIREMENT' ||
      (i.requirementId !== undefined && assigned.has(i.requirementId)),
  );
  errors.push(...issues.map((i) => i.message));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: tasks };
}

export interface MergedPlan {
  readonly plan: Plan;
  /** Problems found only once the features are together (cross-feature cycles, duplicate keys), per feature to repair. */
  readonly problems: ReadonlyMap<string, readonly string[]>;
  /** Problems no single feature can be asked to fix. */
  readonly unrouted: readonly string[];
}

/** Puts the features' checked tasks together and finds what only the whole plan can show. */
export function mergeFeatureTasks(
  outline: Outline,
  tasksByFeature: ReadonlyMap<string, readonly PlannedTask[]>,
  context: PlanningContext,
): MergedPlan {
  const features: Feature[] = outline.features.map((f) => ({
    key: f.key,
    title: f.title,
    order: f.order,
  }));
  const tasks = outline.features.flatMap((f) => tasksByFeature.get(f.key) ?? []);
  const featureOf = new Map<string, string[]>();
  for (const t of tasks) featureOf.set(t.key, [...(featureOf.get(t.key) ?? []), t.featureKey]);
  const problems = new Map<string, string[]>();
  const unrouted: string[] = [];
  const route = (featureKeys: readonly string[], message: string): void => {
    if (featureKeys.length === 0) unrouted.push(message);
    for (const key of unique(featureKeys))
      problems.set(key, [...(problems.get(key) ?? []), message]);
  };
  for (const issue of coreIssues(features, tasks, context)) {
    if (issue.code === 'DUPLICATE_KEY' && issue.taskKey !== undefined) {
      // The first feature keeps the key; the later ones choose another.
      const later = unique(featureOf.get(issue.taskKey) ?? []).slice(1);
      route(later, `${issue.message} (also by another feature); choose another key`);
    } else if (issue.code === 'CYCLE' && issue.cycle) {
      route(
        issue.cycle.flatMap((k) => featureOf.get(k) ?? []),
        `${issue.message}; break the cycle`,
      );
    } else if (issue.taskKey !== undefined) {
      route(featureOf.get(issue.taskKey) ?? [], issue.message);
    } else {
      unrouted.push(issue.message);
    }
  }
  return { plan: planOf(features, tasks, context), problems, unrouted };
}

/**
 * Fits a checked plan into the size band (split, merge, clamp), recomputes
 * coverage and validates it once more. The only issues accepted are the
 * instruction-like requirement lines left uncovered on purpose.
 */
export function finalizePlan(plan: Plan, context: PlanningContext): Checked<Plan> {
  let banded: Plan;
  try {
    banded = applySizeBand(plan, context.settings.sizeBand);
  } catch (error) {
    // Estimates were checked before; a throw here is a gap in these checks, reported, not trusted.
    return { ok: false, errors: [error instanceof Error ? error.message : String(error)] };
  }
  const issues = validatePlan(banded, { sizeBand: context.settings.sizeBand }).filter(
    (i) =>
      !(
        i.code === 'UNCOVERED_REQUIREMENT' &&
        i.requirementId !== undefined &&
        context.instructionLikeIds.has(i.requirementId)
      ),
  );
  if (issues.length > 0) return { ok: false, errors: issues.map((i) => i.message) };
  return { ok: true, value: banded };
}
