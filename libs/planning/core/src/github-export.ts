import { Plan, PlannedTask } from './plan.types';
import { topologicalOrder } from './task-graph';

/** One issue to create; `dependsOn` and `children` name other issues by key. */
export interface GithubIssueSpec {
  /** `feature:<key>` or `task:<key>`; the marker that finds the issue again on a re-run. */
  readonly key: string;
  readonly title: string;
  /** Body without the dependency section, which is filled in once every issue has a number. */
  readonly body: string;
  readonly labels: readonly string[];
  /** Keys of the issues this one waits for ("Blocked by"). */
  readonly dependsOn: readonly string[];
  /** Keys of the task issues of a feature (its task list). */
  readonly children: readonly string[];
}

/** Issues in creation order: features first, then tasks with each dependency before its dependents. */
export interface GithubIssuesDocument {
  readonly schemaVersion: 1;
  readonly issues: readonly GithubIssueSpec[];
}

export const GITHUB_MARKER_PREFIX = '<!-- splitwork:';

function githubLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9:._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
}

function taskBody(task: PlannedTask): string {
  const lines = [task.description, '', '### Acceptance criteria'];
  for (const criterion of task.acceptanceCriteria) lines.push(`- [ ] ${criterion}`);
  lines.push(
    '',
    `Estimate: ${task.estimate.optimistic}–${task.estimate.likely}–${task.estimate.pessimistic} h (optimistic–likely–pessimistic).`,
  );
  if (task.requirementIds.length > 0) {
    lines.push(`Traces to brief requirement(s): ${task.requirementIds.join(', ')}.`);
  }
  return lines.join('\n');
}

export function githubIssuesDocument(plan: Plan): GithubIssuesDocument {
  const tasks = topologicalOrder(plan.tasks);
  const keys = new Set(tasks.map((t) => t.key));
  const features = [...plan.features]
    .sort((a, b) => a.order - b.order)
    .filter((f) => tasks.some((t) => t.featureKey === f.key));
  const featureIssues: GithubIssueSpec[] = features.map((f) => ({
    key: `feature:${f.key}`,
    title: f.title,
    body: `Feature of the Splitwork plan; its tasks are listed below.`,
    labels: ['splitwork', 'feature'],
    dependsOn: [],
    children: tasks.filter((t) => t.featureKey === f.key).map((t) => `task:${t.key}`),
  }));
  const taskIssues: GithubIssueSpec[] = tasks.map((t) => ({
    key: `task:${t.key}`,
    title: t.title,
    body: taskBody(t),
    labels: [
      ...new Set(
        ['splitwork', `platform:${t.platform}`, ...t.skills.map((s) => `skill:${s.skill}`)].map(
          githubLabel,
        ),
      ),
    ].filter((l) => l.length > 0),
    dependsOn: [...new Set(t.dependsOn)].filter((k) => keys.has(k)).map((k) => `task:${k}`),
    children: [],
  }));
  return { schemaVersion: 1, issues: [...featureIssues, ...taskIssues] };
}

/** A word for bash inside single quotes. */
const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A bash script that replays the plan on a GitHub repository with the `gh`
 * CLI (authenticated; `REPO=owner/name`). Pass 1 creates the labels and one
 * issue per feature and per task, in dependency order, each body ending with
 * a hidden marker `<!-- splitwork:task:<key> -->`. Pass 2 rewrites the bodies
 * that have links: a task lists "Blocked by" #numbers, a feature a task list
 * of its tasks (GitHub tracks those as sub-work). Idempotent: a re-run finds
 * the issues it made by their markers and creates nothing twice; pass 2 just
 * writes the same bodies again. Each body is written once, into `BODY`.
 */
export function exportGithubScript(plan: Plan): string {
  const document = githubIssuesDocument(plan);
  const labels = [...new Set(document.issues.flatMap((i) => i.labels))].sort();
  const out: string[] = [
    '#!/usr/bin/env bash',
    '# Splitwork plan → GitHub issues. Needs the gh CLI, logged in (gh auth login).',
    '# Usage: REPO=owner/name bash this-script.sh   (safe to run again: nothing is created twice)',
    'set -euo pipefail',
    'REPO="${REPO:?set REPO=owner/name}"',
    'declare -A NUM=() BODY=()',
    '# Issues made by an earlier run, found by their hidden marker.',
    "while IFS=$'\\t' read -r number key; do",
    '  if [ -n "$key" ]; then NUM["$key"]="$number"; fi',
    `done < <(gh issue list -R "$REPO" --state all --limit 10000 --json number,body --jq '.[] | select(.body | contains("${GITHUB_MARKER_PREFIX}")) | [.number, (.body | capture("${GITHUB_MARKER_PREFIX}(?<k>[^ ]+) -->").k)] | @tsv')`,
    `marker() { echo "${GITHUB_MARKER_PREFIX}$1 -->"; }`,
    'make_issue() { # key title labels(comma-separated)',
    '  if [ -z "${NUM[$1]:-}" ]; then',
    '    local url',
    '    url=$(gh issue create -R "$REPO" --title "$2" --label "$3" \\',
    '      --body "${BODY[$1]}"$\'\\n\\n\'"$(marker "$1")")',
    '    NUM["$1"]="${url##*/}"',
    '    echo "created #${NUM[$1]} $1"',
    '  else',
    '    echo "kept #${NUM[$1]} $1"',
    '  fi',
    '}',
    'link_issue() { # key heading linked-keys...',
    '  local key=$1 text="${BODY[$1]}"$\'\\n\\n\'"$2"',
    '  shift 2',
    '  for linked in "$@"; do text+=$\'\\n\'"- [ ] #${NUM[$linked]}"; done',
    '  gh issue edit "${NUM[$key]}" -R "$REPO" --body "$text"$\'\\n\\n\'"$(marker "$key")" >/dev/null',
    '}',
    '',
    '# Pass 1: labels, then issues in dependency order.',
  ];
  for (const label of labels) {
    out.push(`gh label create ${shellQuote(label)} -R "$REPO" --force >/dev/null`);
  }
  for (const issue of document.issues) {
    out.push(
      `BODY[${shellQuote(issue.key)}]=${shellQuote(issue.body)}`,
      `make_issue ${shellQuote(issue.key)} ${shellQuote(issue.title)} ${shellQuote(issue.labels.join(','))}`,
    );
  }
  out.push('', '# Pass 2: the links, now that every issue has a number.');
  for (const issue of document.issues) {
    const links = [...issue.dependsOn, ...issue.children];
    if (links.length === 0) continue;
    const heading = issue.children.length > 0 ? '### Tasks' : '### Blocked by';
    out.push(`link_issue ${[issue.key, heading, ...links].map(shellQuote).join(' ')}`);
  }
  out.push('echo "done: ${#NUM[@]} issues"', '');
  return out.join('\n');
}
