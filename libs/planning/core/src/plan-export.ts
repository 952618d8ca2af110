import { CURRENCY_EXPONENTS, Currency } from '@splitwork/kernel';
import { csvDocument } from './csv.util';
import { pertExpectedHours } from './estimate';
import { computeCoverage } from './plan-coverage';
import { Plan, PlanSettings, PlannedTask, RequirementKind, SizeBand } from './plan.types';
import { pricePlan } from './pricing';
import { collapseWhitespace, truncateText } from './text.util';

const MERMAID_LABEL_CHARS = 80;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Characters that could end a Mermaid label or be read as markup are written as entity codes. */
export function sanitizeMermaidLabel(text: string): string {
  return truncateText(collapseWhitespace(text), MERMAID_LABEL_CHARS).replace(
    /[#"<>&`;|{}[\]()]/g,
    (ch) => `#${ch.charCodeAt(0)};`,
  );
}

function mermaidIds(prefix: string, keys: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const ids = new Map<string, string>();
  for (const key of keys) {
    if (ids.has(key)) continue;
    const base = `${prefix}_${key.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(key, id);
  }
  return ids;
}

function hoursLabel(task: PlannedTask): string {
  return `${task.estimate.likely}h`;
}

/**
 * A Mermaid `graph TD`: one subgraph per feature in feature order, one node
 * per task labelled with its title and likely hours, and an edge from each
 * dependency to the task that needs it.
 */
export function exportMermaid(plan: Plan): string {
  const taskIds = mermaidIds(
    't',
    plan.tasks.map((t) => t.key),
  );
  const featureIds = mermaidIds(
    'f',
    plan.features.map((f) => f.key),
  );
  const node = (t: PlannedTask): string =>
    `${taskIds.get(t.key)}["${sanitizeMermaidLabel(`${t.title} (${hoursLabel(t)})`)}"]`;
  const lines = ['graph TD'];
  const placed = new Set<string>();
  for (const feature of [...plan.features].sort((a, b) => a.order - b.order)) {
    const tasks = plan.tasks.filter((t) => t.featureKey === feature.key && !placed.has(t.key));
    if (tasks.length === 0) continue;
    lines.push(
      `  subgraph ${featureIds.get(feature.key)}["${sanitizeMermaidLabel(feature.title)}"]`,
    );
    for (const task of tasks) {
      lines.push(`    ${node(task)}`);
      placed.add(task.key);
    }
    lines.push('  end');
  }
  for (const task of plan.tasks) {
    if (!placed.has(task.key)) {
      lines.push(`  ${node(task)}`);
      placed.add(task.key);
    }
  }
  for (const task of plan.tasks) {
    for (const dep of new Set(task.dependsOn)) {
      const from = taskIds.get(dep);
      if (from) lines.push(`  ${from} --> ${taskIds.get(task.key)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export const CSV_COLUMNS = [
  'Key',
  'Title',
  'Description',
  'Acceptance Criteria',
  'Labels',
  'Platform',
  'Feature',
  'Skills',
  'Optimistic Hours',
  'Likely Hours',
  'Pessimistic Hours',
  'Expected Hours',
  'Original Estimate',
  'Price',
  'Currency',
  'Depends On',
  'Depends On Titles',
  'Requirements',
] as const;

function labelSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9:-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function majorUnits(amountCents: number, currency: Currency): string {
  const exponent = CURRENCY_EXPONENTS[currency];
  return (amountCents / 10 ** exponent).toFixed(exponent);
}

/**
 * One row per task, for issue-tracker import (GitHub / Jira style): the
 * criteria as a Markdown checklist, labels `platform:…`, `feature:…`,
 * `skill:…`, the estimate in hours and as Jira's "Original Estimate" (whole
 * seconds of the likely hours), the price in major units, and dependencies by
 * key and by title. RFC 4180 quoting, CRLF line ends.
 */
export function exportCsv(
  plan: Plan,
  settings: Pick<PlanSettings, 'rateCard' | 'currency'>,
): string {
  const prices = new Map(pricePlan(plan, settings).tasks.map((p) => [p.taskKey, p.price]));
  const titles = new Map(plan.tasks.map((t) => [t.key, t.title]));
  const featureTitles = new Map(plan.features.map((f) => [f.key, f.title]));
  const rows = plan.tasks.map((task) => {
    const price = prices.get(task.key);
    const labels = [
      `platform:${task.platform}`,
      `feature:${task.featureKey}`,
      ...task.skills.map((s) => `skill:${s.skill}`),
    ].map(labelSlug);
    return [
      task.key,
      task.title,
      task.description,
      task.acceptanceCriteria.map((c) => `* [ ] ${c}`).join('\n'),
      labels.join(','),
      task.platform,
      featureTitles.get(task.featureKey) ?? task.featureKey,
      task.skills.map((s) => `${s.skill} (level ${s.minLevel}+)`).join(', '),
      task.estimate.optimistic,
      task.estimate.likely,
      task.estimate.pessimistic,
      round2(pertExpectedHours(task.estimate)),
      Math.round(task.estimate.likely * 3600),
      price ? majorUnits(price.amountCents, price.currency) : '',
      settings.currency,
      task.dependsOn.join(', '),
      task.dependsOn.map((k) => titles.get(k) ?? k).join('\n'),
      task.requirementIds.join(', '),
    ];
  });
  return csvDocument([[...CSV_COLUMNS], ...rows]);
}

export interface PlanJsonTask {
  readonly key: string;
  readonly featureKey: string;
  readonly title: string;
  readonly description: string;
  readonly acceptanceCriteria: readonly string[];
  readonly skills: readonly { readonly skill: string; readonly minLevel: number }[];
  readonly platform: string;
  readonly estimate: {
    readonly optimistic: number;
    readonly likely: number;
    readonly pessimistic: number;
    readonly expected: number;
  };
  readonly priceCents: number;
  readonly dependsOn: readonly string[];
  readonly requirementIds: readonly string[];
  readonly locked: boolean;
  readonly addedByOwner: boolean;
}

/** The stable exchange shape of a plan: every field always present, in a fixed order. */
export interface PlanJsonDocument {
  readonly schemaVersion: 1;
  readonly currency: Currency;
  readonly sizeBand: SizeBand;
  readonly features: readonly {
    readonly key: string;
    readonly title: string;
    readonly order: number;
    readonly origin: string;
  }[];
  readonly requirements: readonly {
    readonly id: string;
    readonly text: string;
    readonly kind: RequirementKind;
    readonly line: number;
    readonly section: string | null;
    readonly flags: readonly string[];
  }[];
  readonly tasks: readonly PlanJsonTask[];
  readonly coverage: {
    readonly requirements: readonly {
      readonly requirementId: string;
      readonly taskKeys: readonly string[];
    }[];
    readonly uncoveredRequirementIds: readonly string[];
  };
  readonly totals: {
    readonly taskCount: number;
    readonly likelyHours: number;
    readonly expectedHours: number;
    readonly priceCents: number;
  };
}

export function planJsonDocument(
  plan: Plan,
  settings: Pick<PlanSettings, 'rateCard' | 'currency' | 'sizeBand'>,
): PlanJsonDocument {
  const pricing = pricePlan(plan, settings);
  const prices = new Map(pricing.tasks.map((p) => [p.taskKey, p.price.amountCents]));
  const coverage = computeCoverage(plan.requirements, plan.tasks);
  return {
    schemaVersion: 1,
    currency: settings.currency,
    sizeBand: { minHours: settings.sizeBand.minHours, maxHours: settings.sizeBand.maxHours },
    features: plan.features.map((f) => ({
      key: f.key,
      title: f.title,
      order: f.order,
      origin: f.origin ?? 'catalog',
    })),
    requirements: plan.requirements.map((r) => ({
      id: r.id,
      text: r.text,
      kind: r.kind,
      line: r.line,
      section: r.section ?? null,
      flags: [...(r.flags ?? [])],
    })),
    tasks: plan.tasks.map((t) => ({
      key: t.key,
      featureKey: t.featureKey,
      title: t.title,
      description: t.description,
      acceptanceCriteria: [...t.acceptanceCriteria],
      skills: t.skills.map((s) => ({ skill: s.skill, minLevel: s.minLevel })),
      platform: t.platform,
      estimate: {
        optimistic: t.estimate.optimistic,
        likely: t.estimate.likely,
        pessimistic: t.estimate.pessimistic,
        expected: round2(pertExpectedHours(t.estimate)),
      },
      priceCents: prices.get(t.key) ?? 0,
      dependsOn: [...t.dependsOn],
      requirementIds: [...t.requirementIds],
      locked: t.locked ?? false,
      addedByOwner: t.addedByOwner ?? false,
    })),
    coverage: {
      requirements: coverage.requirements.map((c) => ({
        requirementId: c.requirementId,
        taskKeys: [...c.taskKeys],
      })),
      uncoveredRequirementIds: [...coverage.uncoveredRequirementIds],
    },
    totals: {
      taskCount: plan.tasks.length,
      likelyHours: round2(plan.tasks.reduce((s, t) => s + t.estimate.likely, 0)),
      expectedHours: round2(plan.tasks.reduce((s, t) => s + pertExpectedHours(t.estimate), 0)),
      priceCents: pricing.total.amountCents,
    },
  };
}

/** `planJsonDocument` as pretty-printed JSON text. */
export function exportJson(
  plan: Plan,
  settings: Pick<PlanSettings, 'rateCard' | 'currency' | 'sizeBand'>,
): string {
  return `${JSON.stringify(planJsonDocument(plan, settings), null, 2)}\n`;
}
