import { csvDocument } from './csv.util';
import { Plan, PlannedTask } from './plan.types';
import { topologicalOrder } from './task-graph';

/** Jira's CSV importer maps these headers by name; a header repeated means a multi-valued field. */
export const JIRA_ISSUE_ID = 'Issue Id';
export const JIRA_PARENT = 'Parent';
/**
 * The importer's field for a "Blocks" issue link: on a row, the `Issue Id`s
 * of the issues this one blocks (the outward direction of the link type).
 */
export const JIRA_BLOCKS = 'Link "Blocks"';

function jiraLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9:_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Criteria and traces as Jira wiki markup. */
function jiraDescription(task: PlannedTask): string {
  const lines = [task.description, '', 'h3. Acceptance criteria'];
  for (const criterion of task.acceptanceCriteria) lines.push(`* ${criterion}`);
  if (task.requirementIds.length > 0) {
    lines.push('', `Traces to brief requirement(s): ${task.requirementIds.join(', ')}`);
  }
  lines.push('', `Splitwork task ${task.key}`);
  return lines.join('\n');
}

const pad = (values: readonly string[], width: number): string[] => [
  ...values,
  ...Array.from({ length: width - values.length }, () => ''),
];

/**
 * A CSV for Jira's importer (External System Import → CSV). Features become
 * Epics and come first, as the importer needs a parent before its children;
 * each task is a Task whose `Parent` is its Epic's `Issue Id`. `Issue Id` is
 * a number unique within the file, used only to link rows during the import.
 * A dependency becomes a "Blocks" link: the row of the task that must be
 * done first names, in repeated `Link "Blocks"` columns, the `Issue Id`s of
 * the tasks waiting for it (links are made once every issue exists, so they
 * may point at later rows). Labels (`platform:…`, `skill:…`) are repeated `Labels` columns, since
 * a Jira label has no spaces or commas; `Original Estimate` is the likely
 * hours in seconds. Tasks are written in dependency order.
 */
export function exportJiraCsv(plan: Plan): string {
  const tasks = topologicalOrder(plan.tasks);
  const features = [...plan.features]
    .sort((a, b) => a.order - b.order)
    .filter((f) => tasks.some((t) => t.featureKey === f.key));
  const ids = new Map<string, number>();
  features.forEach((f, i) => ids.set(`feature:${f.key}`, i + 1));
  tasks.forEach((t, i) => ids.set(`task:${t.key}`, features.length + i + 1));
  const labelsOf = (t: PlannedTask): string[] =>
    [
      ...new Set(
        [`platform:${t.platform}`, ...t.skills.map((s) => `skill:${s.skill}`)].map(jiraLabel),
      ),
    ].filter((l) => l.length > 0);
  const waiting = new Map<string, Set<string>>();
  for (const t of tasks) {
    for (const dep of t.dependsOn) waiting.set(dep, (waiting.get(dep) ?? new Set()).add(t.key));
  }
  const blocks = (t: PlannedTask): string[] =>
    [...(waiting.get(t.key) ?? [])]
      .map((k) => ids.get(`task:${k}`))
      .filter((id): id is number => id !== undefined)
      .map(String);
  const labelColumns = Math.max(1, ...tasks.map((t) => labelsOf(t).length));
  const linkColumns = Math.max(1, ...tasks.map((t) => blocks(t).length));
  const header = [
    JIRA_ISSUE_ID,
    JIRA_PARENT,
    'Issue Type',
    'Summary',
    'Description',
    ...Array.from({ length: labelColumns }, () => 'Labels'),
    'Original Estimate',
    ...Array.from({ length: linkColumns }, () => JIRA_BLOCKS),
  ];
  const epicRows = features.map((f) => [
    String(ids.get(`feature:${f.key}`)),
    '',
    'Epic',
    f.title,
    `Feature ${f.key} of the Splitwork plan.`,
    ...pad([], labelColumns),
    '',
    ...pad([], linkColumns),
  ]);
  const taskRows = tasks.map((t) => [
    String(ids.get(`task:${t.key}`)),
    String(ids.get(`feature:${t.featureKey}`) ?? ''),
    'Task',
    t.title,
    jiraDescription(t),
    ...pad(labelsOf(t), labelColumns),
    String(Math.round(t.estimate.likely * 3600)),
    ...pad(blocks(t), linkColumns),
  ]);
  return csvDocument([header, ...epicRows, ...taskRows]);
}
