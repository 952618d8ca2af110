import { DomainError } from '@splitwork/kernel';
import {
  clampEstimate,
  isWellFormedEstimate,
  orderedEstimate,
  roundToQuarterHour,
  sumEstimates,
} from './estimate';
import { computeCoverage } from './plan-coverage';
import { assertSizeBand, DEFAULT_SIZE_BAND } from './plan-settings';
import { Plan, PlannedTask, SizeBand } from './plan.types';
import { mergeSkills } from './task-template.util';
import { uniqueStrings } from './text.util';

const PART_SUFFIX = /\s*\(part ([^()]+)\)$/;
const MAX_EXPAND_PARTS = 20;

function assertEstimates(tasks: readonly PlannedTask[]): void {
  const bad = tasks.filter((t) => !isWellFormedEstimate(t.estimate));
  if (bad.length > 0) {
    throw DomainError.badInput(
      `Tasks with an invalid estimate cannot be sized: ${bad.map((t) => t.key).join(', ')}`,
      { taskKeys: bad.map((t) => t.key) },
    );
  }
}

/** Splits `total` into `parts` whole numbers that differ by at most one, larger ones first. */
function distribute(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** `auth-web-1` → `auth-web-2` (or the next free number). */
function nextFreeKey(key: string, used: Set<string>): string {
  const base = key.replace(/-\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}

function partTitle(title: string, part: number, parts: number): string {
  const existing = PART_SUFFIX.exec(title);
  const base = title.replace(PART_SUFFIX, '');
  const label = existing ? `${existing[1]}, ${part}/${parts}` : `${part}/${parts}`;
  return `${base} (part ${label})`;
}

/** Each part gets its own slice of the checklist; with fewer items than parts, items are shared out. */
function partCriteria(criteria: readonly string[], parts: number): string[][] {
  if (criteria.length >= parts) {
    const sizes = distribute(criteria.length, parts);
    let start = 0;
    return sizes.map((size) => {
      const slice = criteria.slice(start, start + size);
      start += size;
      return slice;
    });
  }
  return Array.from({ length: parts }, (_, k) => {
    const item = criteria[Math.floor((k * criteria.length) / parts)] ?? 'Work described above';
    return [`Part ${k + 1}/${parts} of: ${item}`];
  });
}

/**
 * Splits a task into `parts` chained parts. The first part keeps the key and
 * the dependencies; each next part depends on the one before. Likely hours
 * are shared out in quarter hours so they add up to the original.
 */
function splitTask(task: PlannedTask, parts: number, used: Set<string>): PlannedTask[] {
  const { optimistic, likely, pessimistic } = task.estimate;
  const units = distribute(Math.max(parts, Math.round(likely * 4)), parts);
  const criteria = partCriteria(task.acceptanceCriteria, parts);
  const result: PlannedTask[] = [];
  units.forEach((u, k) => {
    const partLikely = u / 4;
    const ratio = likely > 0 ? partLikely / likely : 1 / parts;
    const previous = result[k - 1];
    result.push({
      ...task,
      key: k === 0 ? task.key : nextFreeKey(task.key, used),
      title: partTitle(task.title, k + 1, parts),
      description:
        `${task.description}\n\nPart ${k + 1} of ${parts}: deliver the acceptance criteria of this part` +
        (previous ? `, building on ${previous.key}.` : '.'),
      acceptanceCriteria: previous
        ? [...criteria[k], `${previous.key} still meets its criteria once this part is merged`]
        : criteria[k],
      estimate: orderedEstimate(
        roundToQuarterHour(optimistic * ratio),
        partLikely,
        roundToQuarterHour(pessimistic * ratio),
      ),
      dependsOn: previous ? [previous.key] : task.dependsOn,
    });
  });
  return result;
}

/** Replaces the task by its parts; whoever depended on it now depends on the last part. */
function replaceWithParts(
  tasks: readonly PlannedTask[],
  original: PlannedTask,
  parts: readonly PlannedTask[],
): PlannedTask[] {
  const partKeys = new Set(parts.map((p) => p.key));
  const last = parts[parts.length - 1].key;
  return tasks.flatMap((t) => {
    if (t === original) return parts;
    if (partKeys.has(t.key) || !t.dependsOn.includes(original.key)) return [t];
    return [
      { ...t, dependsOn: uniqueStrings(t.dependsOn.map((d) => (d === original.key ? last : d))) },
    ];
  });
}

function splitOversized(tasks: readonly PlannedTask[], band: SizeBand): PlannedTask[] {
  const used = new Set(tasks.map((t) => t.key));
  let result = [...tasks];
  for (const task of tasks) {
    if (task.locked || task.estimate.likely <= band.maxHours) continue;
    // Earlier splits may have rewired this task's dependencies: split its current version.
    const current = result.find((t) => t.key === task.key) ?? task;
    const parts = splitTask(current, Math.ceil(task.estimate.likely / band.maxHours), used);
    result = replaceWithParts(result, current, parts);
  }
  return result;
}

/** True when `from` depends on `to` through at least one other task. */
function dependsIndirectly(
  byKey: ReadonlyMap<string, PlannedTask>,
  from: PlannedTask,
  to: PlannedTask,
): boolean {
  const stack = from.dependsOn.filter((k) => k !== to.key && k !== from.key);
  const seen = new Set<string>(stack);
  while (stack.length > 0) {
    const key = stack.pop() as string;
    if (key === to.key) return true;
    for (const next of byKey.get(key)?.dependsOn ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/** "Data model: Settings" + "API: Settings" → "Data model + API: Settings". */
function mergedTitle(first: string, second: string): string {
  const a = /^([^:]+): (.+)$/.exec(first);
  const b = /^([^:]+): (.+)$/.exec(second);
  if (a && b && a[2] === b[2]) return `${a[1]} + ${b[1]}: ${a[2]}`;
  return `${first} + ${second}`;
}

function mergeInto(
  tasks: readonly PlannedTask[],
  small: PlannedTask,
  target: PlannedTask,
): PlannedTask[] {
  const smallFirst = tasks.indexOf(small) < tasks.indexOf(target);
  const [first, second] = smallFirst ? [small, target] : [target, small];
  const merged: PlannedTask = {
    ...target,
    title: mergedTitle(first.title, second.title),
    description: `${first.description}\n\nAlso includes “${second.title}”:\n${second.description}`,
    acceptanceCriteria: uniqueStrings([...first.acceptanceCriteria, ...second.acceptanceCriteria]),
    skills: mergeSkills([...first.skills, ...second.skills]),
    estimate: sumEstimates([small.estimate, target.estimate]),
    dependsOn: uniqueStrings([...first.dependsOn, ...second.dependsOn]).filter(
      (k) => k !== small.key && k !== target.key,
    ),
    requirementIds: uniqueStrings([...first.requirementIds, ...second.requirementIds]),
  };
  return tasks.flatMap((t) => {
    if (t === first) return [merged];
    if (t === second) return [];
    if (!t.dependsOn.includes(small.key)) return [t];
    return [
      {
        ...t,
        dependsOn: uniqueStrings(t.dependsOn.map((d) => (d === small.key ? target.key : d))),
      },
    ];
  });
}

/** One merge of an undersized task into a sibling (same feature and platform), or undefined. */
function mergeOnce(tasks: readonly PlannedTask[], band: SizeBand): PlannedTask[] | undefined {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  for (const small of tasks) {
    if (small.locked || small.estimate.likely >= band.minHours) continue;
    const siblings = tasks
      .filter(
        (t) =>
          t !== small &&
          !t.locked &&
          t.featureKey === small.featureKey &&
          t.platform === small.platform &&
          t.estimate.likely + small.estimate.likely <= band.maxHours,
      )
      .map((t, index) => ({
        t,
        index,
        linked: t.dependsOn.includes(small.key) || small.dependsOn.includes(t.key) ? 0 : 1,
      }))
      .sort(
        (a, b) =>
          a.linked - b.linked || a.t.estimate.likely - b.t.estimate.likely || a.index - b.index,
      );
    for (const { t: target } of siblings) {
      if (dependsIndirectly(byKey, small, target) || dependsIndirectly(byKey, target, small)) {
        continue;
      }
      return mergeInto(tasks, small, target);
    }
  }
  return undefined;
}

/**
 * Brings every task's likely estimate into the band: larger tasks are split
 * into chained parts, smaller ones merged into a sibling of the same feature
 * and platform when that neither overflows the band nor creates a cycle, and
 * whatever is still too small is raised to the band minimum (no micro-task
 * takes less). Locked tasks are left as they are.
 */
export function fitTasksToBand(
  tasks: readonly PlannedTask[],
  band: SizeBand = DEFAULT_SIZE_BAND,
): PlannedTask[] {
  assertSizeBand(band);
  assertEstimates(tasks);
  let result = splitOversized(tasks, band);
  for (let merged = mergeOnce(result, band); merged; merged = mergeOnce(result, band)) {
    result = merged;
  }
  return result.map((t) =>
    t.locked || (t.estimate.likely >= band.minHours && t.estimate.likely <= band.maxHours)
      ? t
      : { ...t, estimate: clampEstimate(t.estimate, band.minHours, band.maxHours) },
  );
}

export function applySizeBand(plan: Plan, band: SizeBand = DEFAULT_SIZE_BAND): Plan {
  const tasks = fitTasksToBand(plan.tasks, band);
  return { ...plan, tasks, coverage: computeCoverage(plan.requirements, tasks) };
}

/**
 * Splits one task into `parts` chained parts, even when it is within the
 * band, using fewer parts if needed so that each stays at least the band
 * minimum. Throws when the task is unknown or too small to split at all.
 */
export function expandTask(
  plan: Plan,
  key: string,
  parts = 2,
  band: SizeBand = DEFAULT_SIZE_BAND,
): Plan {
  assertSizeBand(band);
  const task = plan.tasks.find((t) => t.key === key);
  if (!task) throw DomainError.notFound('Task', key);
  if (!Number.isInteger(parts) || parts < 2 || parts > MAX_EXPAND_PARTS) {
    throw DomainError.badInput(`A task is split into 2 to ${MAX_EXPAND_PARTS} parts`, { parts });
  }
  assertEstimates([task]);
  const count = Math.min(parts, Math.floor(task.estimate.likely / band.minHours));
  if (count < 2) {
    throw DomainError.badInput(
      `Task ${key} (${task.estimate.likely} h) is too small to split into parts of at least ${band.minHours} h`,
      { key },
    );
  }
  const split = splitTask(task, count, new Set(plan.tasks.map((t) => t.key)));
  const tasks = replaceWithParts(plan.tasks, task, split);
  return { ...plan, tasks, coverage: computeCoverage(plan.requirements, tasks) };
}
