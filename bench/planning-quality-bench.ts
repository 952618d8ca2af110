import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  forecastPlan,
  Plan,
  PlannedTask,
  PlanSettings,
  planOffline,
  pricePlan,
  resolvePlanSettings,
  TARGET_PLATFORMS,
  TargetPlatform,
} from '@splitwork/planning-core';

/**
 * Planning quality on labelled briefs (bench/planning-quality): for each
 * brief, how well the offline planner's tasks cover the labelled user
 * stories, how much work nobody asked for, the shape of the tasks and
 * criteria, the forecast spread, and how much the price moves when the
 * context prose around the stories is removed. Every measure is computed
 * here from the plan and the labels, not taken from the planner's own
 * coverage report. Run with `npm run bench:planning-quality`.
 */

interface StoryLabel {
  readonly text: string;
  /** What a person expects a task to name; alternatives separated by `|`. */
  readonly entity: string;
  readonly action: string;
}
interface BriefLabel {
  readonly file: string;
  readonly title: string;
  readonly platforms: readonly string[];
  readonly stories: readonly StoryLabel[];
  /**
   * Requirement lines that are not user stories (a "Constraints:" line asking
   * for offline use): kept when the brief is cut to what it asks for, since
   * they are requirements, not context.
   */
  readonly requirements?: readonly string[];
}

const DIR = join(process.cwd(), 'bench', 'planning-quality');
const BOILERPLATE_TASKS = 3;
const BOILERPLATE_PLANS = 3;
const STOP = new Set(
  'a an the and or of to for in on at by with from as is are be it its this that so i my me we our can want their them they when after before each per into up'.split(
    ' ',
  ),
);

/** A crude stemmer, the same for labels and task text: plural, then -ing/-ed, then a final e. */
function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('es') && w.length > 4 && !w.endsWith('ses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w.replace(/(.)\1$/, '$1');
}
const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
const stems = (text: string): Set<string> => new Set(words(text).map(stem));
const contentStems = (text: string): Set<string> =>
  new Set(
    words(text)
      .filter((w) => !STOP.has(w))
      .map(stem),
  );
const normalise = (text: string): string => words(text).join(' ');

/** Any alternative whose every word (stemmed) is in the text. */
function names(textStems: Set<string>, label: string): boolean {
  return label.split('|').some((alt) => words(alt).every((w) => textStems.has(stem(w))));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both || 1);
}

/** Requirements of the plan that are this story: same words, one inside the other, or mostly shared. */
function storyRequirementIds(plan: Plan, story: string): string[] {
  const s = normalise(story);
  const sStems = contentStems(story);
  return plan.requirements
    .filter((r) => {
      const t = normalise(r.text);
      if (t.length === 0) return false;
      if (t === s || (s.includes(t) && t.length >= 0.6 * s.length) || t.includes(s)) return true;
      return jaccard(sStems, contentStems(r.text)) >= 0.6;
    })
    .map((r) => r.id);
}

/**
 * The task's own words: title, description and criteria without the brief
 * text the planner quotes into them ("From the brief: - R3: ...", “...”),
 * since a quoted story names its entity and action whatever the task builds.
 */
function ownText(task: PlannedTask, plan: Plan): string {
  let text = [task.title, task.description, ...task.acceptanceCriteria].join('\n');
  text = text.replace(/^\s*-\s*R\d+:.*$/gm, '').replace(/[“"][^”"]*[”"]/g, '');
  for (const r of plan.requirements) text = text.split(r.text).join('');
  return text;
}

const PART_TITLE = /\(part [^)]*\d+\s*\/\s*\d+\)|\bpart \d+\s*(?:of|\/)\s*\d+/i;
const PART_DESCRIPTION = /\bpart \d+ of \d+\b/i;

/** A split part without a criterion of its own: a "part k/n" title, or criteria that never name its title's subject. */
function partWithoutOwnCriterion(task: PlannedTask): boolean {
  if (PART_TITLE.test(task.title)) return true;
  const subject = [...contentStems(task.title)].filter((w) => w !== 'part');
  const criteria = stems(task.acceptanceCriteria.join(' '));
  return !subject.some((w) => criteria.has(w));
}
const isPart = (t: PlannedTask): boolean =>
  PART_TITLE.test(t.title) || PART_DESCRIPTION.test(t.description);

interface Row {
  readonly name: string;
  readonly stories: number;
  readonly strong: number;
  readonly weak: number;
  readonly missing: number;
  readonly tasks: number;
  readonly hours: number;
  readonly unaskedHours: number;
  readonly inBand: number;
  readonly parts: number;
  readonly partsWithoutOwn: number;
  readonly criteria: string[][];
  readonly costSpread: number;
  readonly durationSpread: number;
  readonly independentCostSpread: number;
  readonly priceCents: number;
  readonly storiesOnlyPriceCents: number;
  readonly missingStories: string[];
  readonly weakStories: string[];
}

function settingsFor(label: BriefLabel): PlanSettings {
  const targets = label.platforms.filter((p): p is TargetPlatform =>
    (TARGET_PLATFORMS as readonly string[]).includes(p),
  );
  return resolvePlanSettings({ currency: 'USD', targetPlatforms: targets });
}

function measure(label: BriefLabel): Row {
  const brief = readFileSync(join(DIR, 'briefs', label.file), 'utf8');
  for (const story of label.stories) {
    if (!brief.includes(story.text))
      throw new Error(`${label.file}: label not in brief: ${story.text}`);
  }
  const settings = settingsFor(label);
  const plan = planOffline(brief, settings);
  const kept = [...label.stories.map((s) => s.text), ...(label.requirements ?? [])];
  for (const line of label.requirements ?? []) {
    if (!brief.replace(/\s+/g, ' ').includes(line))
      throw new Error(`${label.file}: requirement not in brief: ${line}`);
  }
  const storiesOnly = `# ${label.title}\n\n${kept.map((text) => `- ${text}`).join('\n')}\n`;
  const storiesPlan = planOffline(storiesOnly, settings);

  let strong = 0;
  let weak = 0;
  const missingStories: string[] = [];
  const weakStories: string[] = [];
  const own = new Map(plan.tasks.map((t) => [t.key, stems(ownText(t, plan))]));
  /** Tasks that name the entity of a story they are traced to: work a story asks for. */
  const asked = new Set<string>();
  for (const story of label.stories) {
    const ids = new Set(storyRequirementIds(plan, story.text));
    const traced = plan.tasks.filter((t) => t.requirementIds.some((id) => ids.has(id)));
    for (const t of traced) if (names(own.get(t.key)!, story.entity)) asked.add(t.key);
    if (traced.length === 0) {
      missingStories.push(story.text);
    } else if (
      traced.some((t) => {
        const text = own.get(t.key)!;
        return names(text, story.entity) && names(text, story.action);
      })
    ) {
      strong++;
    } else {
      weak++;
      weakStories.push(`${story.text}  [${story.entity} / ${story.action}]`);
    }
  }
  const hours = plan.tasks.reduce((s, t) => s + t.estimate.likely, 0);
  const unaskedHours = plan.tasks
    .filter((t) => !asked.has(t.key))
    .reduce((s, t) => s + t.estimate.likely, 0);
  const { minHours, maxHours } = settings.sizeBand;
  const parts = plan.tasks.filter(isPart);
  const forecast = forecastPlan(plan, settings);
  const independent = forecastPlan(plan, settings, { correlation: { project: 0, skill: 0 } });
  const spread = (p50: number, p90: number): number => (p50 > 0 ? p90 / p50 - 1 : 0);
  return {
    name: label.file.replace(/\.md$/, ''),
    stories: label.stories.length,
    strong,
    weak,
    missing: missingStories.length,
    tasks: plan.tasks.length,
    hours,
    unaskedHours,
    inBand: plan.tasks.filter((t) => t.estimate.likely >= minHours && t.estimate.likely <= maxHours)
      .length,
    parts: parts.length,
    partsWithoutOwn: parts.filter(partWithoutOwnCriterion).length,
    criteria: plan.tasks.map((t) => t.acceptanceCriteria.map(normalise)),
    costSpread: spread(forecast.cost.p50Cents, forecast.cost.p90Cents),
    durationSpread: spread(forecast.durationHours.p50, forecast.durationHours.p90),
    independentCostSpread: spread(independent.cost.p50Cents, independent.cost.p90Cents),
    priceCents: pricePlan(plan, settings).total.amountCents,
    storiesOnlyPriceCents: pricePlan(storiesPlan, settings).total.amountCents,
    missingStories,
    weakStories,
  };
}

/** Criteria repeated verbatim in many tasks of one plan, or across many plans. */
function boilerplate(rows: readonly Row[]): Map<string, number> {
  const plansOf = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const c of new Set(row.criteria.flat())) {
      plansOf.set(c, (plansOf.get(c) ?? new Set()).add(row.name));
    }
  }
  return new Map(
    rows.map((row) => {
      const tasksWith = new Map<string, number>();
      for (const task of row.criteria) {
        for (const c of new Set(task)) tasksWith.set(c, (tasksWith.get(c) ?? 0) + 1);
      }
      const all = row.criteria.flat();
      const repeated = all.filter(
        (c) =>
          (tasksWith.get(c) ?? 0) >= BOILERPLATE_TASKS ||
          (plansOf.get(c)?.size ?? 0) >= BOILERPLATE_PLANS,
      ).length;
      return [row.name, all.length === 0 ? 0 : repeated / all.length];
    }),
  );
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const pad = (text: string | number, width: number): string => String(text).padStart(width);

function main(): void {
  const labels = (
    JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8')) as { briefs: BriefLabel[] }
  ).briefs;
  const rows = labels.map(measure);
  const boiler = boilerplate(rows);
  const header = [
    ['brief', 24],
    ['stories', 7],
    ['strong', 6],
    ['weak', 5],
    ['missing', 7],
    ['tasks', 5],
    ['unasked h', 9],
    ['in band', 7],
    ['parts', 5],
    ['no own AC', 9],
    ['boilerpl.', 9],
    ['cost P90/P50', 12],
    ['(indep.)', 8],
    ['days P90/P50', 12],
    ['ctx price Δ', 11],
  ] as const;
  const out: string[] = [];
  out.push(
    'Planning quality on labelled briefs (bench/planning-quality)',
    `planner: offline · node ${process.version}`,
    '',
    'strong/weak/missing: labelled user stories whose traced tasks name the labelled entity and action',
    '  (strong), are traced but none names both (weak), or have no traced task (missing).',
    "  A task's own words exclude the brief text it quotes.",
    'unasked h: share of likely hours on tasks that name the entity of no labelled story they trace to',
    '  (untraced tasks included: setup, design system, release...).',
    'in band: tasks whose likely hours lie in the size band. parts: split parts; no own AC: parts',
    '  titled "part k/n" or whose criteria never name their subject.',
    `boilerpl.: share of criteria repeated verbatim in ${BOILERPLATE_TASKS}+ tasks of the plan or ${BOILERPLATE_PLANS}+ plans.`,
    'cost / days P90/P50: forecast spread (correlated model; "(indep.)" = tasks sampled independently).',
    'ctx price Δ: price change when the brief is cut to its stories (and labelled non-story requirement lines) only (target < 5%).',
    '',
    header.map(([h, w], i) => (i === 0 ? h.padEnd(w) : pad(h, w))).join(' '),
  );
  for (const r of rows) {
    const cells = [
      r.name.padEnd(24).slice(0, 24),
      pad(r.stories, 7),
      pad(r.strong, 6),
      pad(r.weak, 5),
      pad(r.missing, 7),
      pad(r.tasks, 5),
      pad(pct(r.hours > 0 ? r.unaskedHours / r.hours : 0), 9),
      pad(pct(r.tasks > 0 ? r.inBand / r.tasks : 0), 7),
      pad(r.parts, 5),
      pad(r.partsWithoutOwn, 9),
      pad(pct(boiler.get(r.name) ?? 0), 9),
      pad(`+${pct(r.costSpread)}`, 12),
      pad(`+${pct(r.independentCostSpread)}`, 8),
      pad(`+${pct(r.durationSpread)}`, 12),
      pad(pct(Math.abs(r.storiesOnlyPriceCents - r.priceCents) / r.priceCents), 11),
    ];
    out.push(cells.join(' '));
  }
  const sum = (f: (r: Row) => number): number => rows.reduce((s, r) => s + f(r), 0);
  const mean = (f: (r: Row) => number): number => sum(f) / rows.length;
  const criteriaCount = sum((r) => r.criteria.flat().length);
  out.push(
    [
      'TOTAL'.padEnd(24),
      pad(
        sum((r) => r.stories),
        7,
      ),
      pad(
        sum((r) => r.strong),
        6,
      ),
      pad(
        sum((r) => r.weak),
        5,
      ),
      pad(
        sum((r) => r.missing),
        7,
      ),
      pad(
        sum((r) => r.tasks),
        5,
      ),
      pad(pct(sum((r) => r.unaskedHours) / sum((r) => r.hours)), 9),
      pad(pct(sum((r) => r.inBand) / sum((r) => r.tasks)), 7),
      pad(
        sum((r) => r.parts),
        5,
      ),
      pad(
        sum((r) => r.partsWithoutOwn),
        9,
      ),
      pad(pct(sum((r) => (boiler.get(r.name) ?? 0) * r.criteria.flat().length) / criteriaCount), 9),
      pad(`+${pct(mean((r) => r.costSpread))}`, 12),
      pad(`+${pct(mean((r) => r.independentCostSpread))}`, 8),
      pad(`+${pct(mean((r) => r.durationSpread))}`, 12),
      pad(pct(mean((r) => Math.abs(r.storiesOnlyPriceCents - r.priceCents) / r.priceCents)), 11),
    ].join(' '),
    '(TOTAL: sums; shares over all tasks/hours/criteria; spreads and price Δ are means per brief)',
    `briefs within the 5% context target: ${rows.filter((r) => Math.abs(r.storiesOnlyPriceCents - r.priceCents) / r.priceCents < 0.05).length}/${rows.length}`,
    '',
    'Stories not strongly covered:',
  );
  for (const r of rows) {
    for (const s of r.missingStories) out.push(`  ${r.name}  missing  ${s}`);
    for (const s of r.weakStories) out.push(`  ${r.name}  weak     ${s}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
