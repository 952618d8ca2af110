import { orderedEstimate, roundToQuarterHour } from './estimate';
import type { FeatureWorkSpec } from './feature-task-templates';
import { PlannedTask, SizeBand } from './plan.types';
import { humanList, uniqueStrings } from './text.util';

/** What a catalog task's parts are cut along: its operations or its screens. */
type CutKind = 'model' | 'api' | 'screens' | 'qa';

function itemsOf(
  task: PlannedTask,
  spec: FeatureWorkSpec,
): { items: readonly string[]; kind: CutKind } | undefined {
  const suffix = task.key.slice(spec.key.length + 1);
  if (suffix === 'model-1') return { items: spec.entities, kind: 'model' };
  if (suffix === 'api-1') return { items: spec.endpoints, kind: 'api' };
  if (suffix === 'qa-1' && spec.checks.length > 0) return { items: spec.checks, kind: 'qa' };
  if (['web-1', 'ios-1', 'android-1', 'design-1'].includes(suffix) && spec.screens.length > 0) {
    return { items: spec.screens, kind: 'screens' };
  }
  return undefined;
}

/** Two criteria about exactly what the part builds. */
function ownCriteria(kind: CutKind, items: readonly string[]): string[] {
  const what = humanList(items);
  switch (kind) {
    case 'model':
      return [
        `Migration creates ${what} with keys, constraints and indexes, and reverts cleanly`,
        `Seed data has typical and edge-case rows of ${what}`,
      ];
    case 'api':
      return [
        `Implements ${items.join('; ')}`,
        `Integration tests cover ${what}: the success path and each failure case`,
      ];
    case 'screens':
      return [
        `Screens built: ${what}, matching the approved designs`,
        `${what}: empty, loading and error states are designed and handled`,
      ];
    case 'qa':
      return [
        `Test plan and automated tests cover ${what}`,
        `Defects found while testing ${what} are filed with steps to reproduce`,
      ];
  }
}

/**
 * When a task has fewer operations or screens than the parts it needs, each
 * is cut once more along what building it involves: a screen's layout and
 * data, then its offline, empty and error states; an operation's happy path,
 * then its failure cases.
 */
function facetsOf(kind: CutKind, items: readonly string[]): string[] {
  switch (kind) {
    case 'screens':
      return items.flatMap((i) => [`${i} layout and data`, `${i} states`]);
    case 'api':
      return items.flatMap((i) => [`${i} (success path)`, `${i} (failure cases)`]);
    case 'model':
    case 'qa':
      return [...items];
  }
}

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

/**
 * Splits an over-sized catalog task along its operations (API) or screens
 * (design, UI) instead of into numbered parts: each part builds some of
 * them, is titled after them and has a criterion about exactly those, plus
 * its share of the other criteria. Parts run side by side; what waited for
 * the task waits for all of them. Tasks with too few items are left to the
 * generic size-band split.
 */
export function splitCatalogTasksByMeaning(
  tasks: readonly PlannedTask[],
  specs: readonly FeatureWorkSpec[],
  band: SizeBand,
): PlannedTask[] {
  const specOf = new Map(specs.map((s) => [s.key, s]));
  const used = new Set(tasks.map((t) => t.key));
  const replaced = new Map<string, string[]>();
  const out: PlannedTask[] = [];
  for (const task of tasks) {
    const spec = specOf.get(task.featureKey);
    let cut = spec && !task.locked ? itemsOf(task, spec) : undefined;
    const parts = Math.ceil(task.estimate.likely / band.maxHours);
    if (cut && parts >= 2 && cut.items.length < parts) {
      const facets = facetsOf(cut.kind, cut.items);
      if (facets.length >= parts) cut = { kind: cut.kind, items: facets };
    }
    if (!cut || parts < 2 || cut.items.length < parts) {
      out.push(task);
      continue;
    }
    // Exactly `parts` groups of neighbours, sizes differing by at most one.
    const groups: string[][] = [];
    for (let k = 0, start = 0; k < parts; k++) {
      const size = Math.floor(cut.items.length / parts) + (k < cut.items.length % parts ? 1 : 0);
      groups.push(cut.items.slice(start, start + size));
      start += size;
    }
    const others = task.acceptanceCriteria.slice(1);
    const keys: string[] = [];
    groups.forEach((items, k) => {
      const dealt = others.filter((_, i) => i % groups.length === k);
      const share = dealt.length > 0 || others.length === 0 ? dealt : [others[k % others.length]];
      const ratio = items.length / cut.items.length;
      const key = k === 0 ? task.key : nextFreeKey(task.key, used);
      keys.push(key);
      const what = humanList(items);
      out.push({
        ...task,
        key,
        title: `${task.title}: ${what}`,
        description: `${task.description}\n\nThis task covers ${what}; the rest of this work is in separate tasks of the feature.`,
        acceptanceCriteria: [...ownCriteria(cut.kind, items), ...share].slice(0, 6),
        estimate: orderedEstimate(
          roundToQuarterHour(task.estimate.optimistic * ratio),
          Math.min(band.maxHours, roundToQuarterHour(task.estimate.likely * ratio)),
          roundToQuarterHour(task.estimate.pessimistic * ratio),
        ),
      });
    });
    replaced.set(task.key, keys);
  }
  if (replaced.size === 0) return out;
  return out.map((t) =>
    t.dependsOn.some((d) => replaced.has(d))
      ? { ...t, dependsOn: uniqueStrings(t.dependsOn.flatMap((d) => replaced.get(d) ?? [d])) }
      : t,
  );
}
