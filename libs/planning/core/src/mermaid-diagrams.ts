import { sanitizeMermaidLabel } from './plan-export';
import { Plan, PlannedTask } from './plan.types';

/** Mermaid's defaults: a longer text or more edges and the diagram is not rendered. */
export const MERMAID_MAX_TEXT_SIZE = 50_000;
export const MERMAID_MAX_EDGES = 500;
/** Kept below the limits, so a diagram edited by hand still renders. */
const TEXT_BUDGET = 45_000;
const EDGE_BUDGET = 450;

export interface MermaidDiagram {
  /** `overview`, or the feature key (with `-2`, `-3`... when a feature needs more than one). */
  readonly key: string;
  readonly title: string;
  readonly mermaid: string;
}

const nodeId = (key: string): string => `t_${key.replace(/[^A-Za-z0-9_]/g, '_')}`;
const featureId = (key: string): string => `f_${key.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** Features in order, then the feature of the tasks whose feature the plan does not list. */
function featureGroups(plan: Plan): { key: string; title: string; tasks: PlannedTask[] }[] {
  const groups = [...plan.features]
    .sort((a, b) => a.order - b.order)
    .map((f) => ({ key: f.key, title: f.title, tasks: [] as PlannedTask[] }));
  const byKey = new Map(groups.map((g) => [g.key, g]));
  for (const task of plan.tasks) {
    let group = byKey.get(task.featureKey);
    if (!group) {
      group = { key: task.featureKey, title: task.featureKey, tasks: [] };
      byKey.set(task.featureKey, group);
      groups.push(group);
    }
    group.tasks.push(task);
  }
  return groups.filter((g) => g.tasks.length > 0);
}

/**
 * The features as one node each (task count, likely hours) and an edge where
 * a task of one waits for a task of another.
 */
function overview(plan: Plan, groups: ReturnType<typeof featureGroups>): MermaidDiagram {
  const featureOf = new Map(plan.tasks.map((t) => [t.key, t.featureKey]));
  const lines = ['graph TD'];
  for (const group of groups) {
    const hours = group.tasks.reduce((s, t) => s + t.estimate.likely, 0);
    lines.push(
      `  ${featureId(group.key)}["${sanitizeMermaidLabel(`${group.title} (${group.tasks.length} tasks, ${Math.round(hours)}h)`)}"]`,
    );
  }
  const edges = new Set<string>();
  for (const task of plan.tasks) {
    for (const dep of task.dependsOn) {
      const from = featureOf.get(dep);
      if (from && from !== task.featureKey) {
        edges.add(`  ${featureId(from)} --> ${featureId(task.featureKey)}`);
      }
    }
  }
  // Beyond the edge budget (hundreds of linked features) the overview keeps the first links only.
  lines.push(...[...edges].slice(0, EDGE_BUDGET));
  return {
    key: 'overview',
    title: 'Overview: features and the links between them',
    mermaid: `${lines.join('\n')}\n`,
  };
}

/**
 * Diagrams of one feature's tasks, split into as many as needed to stay
 * under the budgets. Tasks of other features (or other parts) a task waits
 * for are drawn as dashed stubs, so every edge of the feature is shown once.
 */
function featureDiagrams(
  group: ReturnType<typeof featureGroups>[number],
  titles: Map<string, string>,
): MermaidDiagram[] {
  const depsOf = (task: PlannedTask): string[] =>
    [...new Set(task.dependsOn)].filter((d) => titles.has(d));
  const nodeLine = (task: PlannedTask): string =>
    `  ${nodeId(task.key)}["${sanitizeMermaidLabel(`${task.title} (${task.estimate.likely}h)`)}"]`;
  const stubLine = (key: string): string =>
    `  ${nodeId(key)}(["${sanitizeMermaidLabel(`waits for: ${titles.get(key)}`)}"]):::external`;
  const edgeLine = (from: string, to: string): string => `  ${nodeId(from)} --> ${nodeId(to)}`;

  const diagrams: MermaidDiagram[] = [];
  let current: PlannedTask[] = [];
  let keys = new Set<string>();
  let stubs = new Set<string>();
  let size = 0;
  let edgeCount = 0;
  const render = (): void => {
    const part = diagrams.length + 1;
    const external = [...new Set(current.flatMap(depsOf))].filter((d) => !keys.has(d));
    const lines = [
      'graph TD',
      ...current.map(nodeLine),
      ...external.map(stubLine),
      ...current.flatMap((t) => depsOf(t).map((d) => edgeLine(d, t.key))),
      ...(external.length > 0 ? ['  classDef external stroke-dasharray: 4 3'] : []),
    ];
    diagrams.push({
      key: part === 1 ? group.key : `${group.key}-${part}`,
      title: part === 1 ? group.title : `${group.title} (part ${part})`,
      mermaid: `${lines.join('\n')}\n`,
    });
    current = [];
    keys = new Set();
    stubs = new Set();
    size = 0;
    edgeCount = 0;
  };
  // An upper bound of what the task adds: a stub that later becomes a node is counted twice.
  const cost = (task: PlannedTask): number =>
    nodeLine(task).length +
    1 +
    depsOf(task).reduce(
      (s, d) =>
        s +
        edgeLine(d, task.key).length +
        1 +
        (keys.has(d) || stubs.has(d) ? 0 : stubLine(d).length + 1),
      0,
    );
  for (const task of group.tasks) {
    const edges = depsOf(task).length;
    if (
      current.length > 0 &&
      (size + cost(task) > TEXT_BUDGET || edgeCount + edges > EDGE_BUDGET)
    ) {
      render();
    }
    size += cost(task);
    edgeCount += edges;
    for (const d of depsOf(task)) if (!keys.has(d)) stubs.add(d);
    current.push(task);
    keys.add(task.key);
  }
  if (current.length > 0) render();
  return diagrams;
}

/**
 * The plan as several Mermaid diagrams that each render with Mermaid's
 * default limits (`maxTextSize` 50,000 characters, `maxEdges` 500), however
 * large the plan: an overview of the features, then one diagram per feature
 * (split in parts when a feature alone is too big). `exportMermaid` remains the one-diagram export.
 */
export function exportMermaidDiagrams(plan: Plan): MermaidDiagram[] {
  const groups = featureGroups(plan);
  const titles = new Map(plan.tasks.map((t) => [t.key, t.title]));
  return [overview(plan, groups), ...groups.flatMap((g) => featureDiagrams(g, titles))];
}
