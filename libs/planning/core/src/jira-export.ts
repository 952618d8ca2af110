import { csvDocument } from './csv.util';
import { Plan, PlannedTask } from './plan.types';
import { topologicalOrder } from './task-graph';

/** Jira's CSV importer maps these headers by name; a header repeated means a multi-valued field. */
export const JIRA_ISSUE_ID = 'Issue Id';
export const JIRA_PARENT = 'Parent';
/** The column Jira's own export writes for "this issue is blocked by": the importer maps it back. */
export const JIRA_BLOCKED_BY = 'Inward issue link (Blocks)';

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
 * A dependency becomes a "Blocks" link: the task's row names the tasks it
 * waits for in repeated `Inward issue link (Blocks)` columns ("is blocked
 * by"). Labels (`platform:…`, `skill:…`) are repeated `Labels` columns, since
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
  const blockersOf = (t: PlannedTask): string[] =>
    [...new Set(t.dependsOn)]
      .map((k) => ids.get(`task:${k}`))
      .filter((id): id is number => id !== undefined)
      .map(String);
  const labelColumns = Math.max(1, ...tasks.map((t) => labelsOf(t).length));
  const linkColumns = Math.max(1, ...tasks.map((t) => blockersOf(t).length));
  const header = [
    JIRA_ISSUE_ID,
    JIRA_PARENT,
    'Issue Type',
    'Summary',
    'Description',
    ...Array.from({ length: labelColumns }, () => 'Labels'),
    'Original Estimate',
    ...Array.from({ length: linkColumns }, () => JIRA_BLOCKED_BY),
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
    ...pad(blockersOf(t), linkColumns),
  ]);
  return csvDocument([header, ...epicRows, ...taskRows]);
}
