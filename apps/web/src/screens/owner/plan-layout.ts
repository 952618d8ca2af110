import dagre from '@dagrejs/dagre';

export interface LayoutTask {
  key: string;
  title: string;
  featureKey: string;
  dependsOn: string[];
}

export interface LaidOutNode {
  id: string;
  kind: 'task' | 'feature';
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  critical: boolean;
}

export interface LaidOutEdge {
  id: string;
  source: string;
  target: string;
  critical: boolean;
}

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 56;

/**
 * Positions of the plan's DAG, left to right, tasks boxed by feature
 * (dagre compound graph), with the critical path's tasks and the edges
 * between consecutive ones marked.
 */
export function layoutPlan(
  tasks: LayoutTask[],
  features: { key: string; title: string }[],
  criticalPath: string[],
): { nodes: LaidOutNode[]; edges: LaidOutEdge[] } {
  const g = new dagre.graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 48, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const known = new Set(tasks.map((t) => t.key));
  const used = new Set(tasks.map((t) => t.featureKey));
  for (const f of features) if (used.has(f.key)) g.setNode(`feature:${f.key}`, { label: f.title });
  for (const t of tasks) {
    g.setNode(t.key, { width: NODE_WIDTH, height: NODE_HEIGHT });
    if (g.hasNode(`feature:${t.featureKey}`)) g.setParent(t.key, `feature:${t.featureKey}`);
  }
  const edges: LaidOutEdge[] = [];
  const criticalEdges = new Set<string>();
  for (let i = 1; i < criticalPath.length; i += 1)
    criticalEdges.add(`${criticalPath[i - 1]}->${criticalPath[i]}`);
  for (const t of tasks) {
    for (const d of t.dependsOn) {
      if (!known.has(d)) continue;
      g.setEdge(d, t.key);
      const id = `${d}->${t.key}`;
      edges.push({ id, source: d, target: t.key, critical: criticalEdges.has(id) });
    }
  }
  dagre.layout(g);
  const onPath = new Set(criticalPath);
  const titles = new Map(features.map((f) => [f.key, f.title]));
  const nodes: LaidOutNode[] = [];
  for (const id of g.nodes()) {
    const n = g.node(id) as { x: number; y: number; width: number; height: number } | undefined;
    if (!n) continue;
    const isFeature = id.startsWith('feature:');
    const task = isFeature ? undefined : tasks.find((t) => t.key === id);
    nodes.push({
      id,
      kind: isFeature ? 'feature' : 'task',
      label: isFeature ? (titles.get(id.slice(8)) ?? id) : `${id}: ${task?.title ?? ''}`,
      x: n.x - n.width / 2,
      y: n.y - n.height / 2,
      width: n.width,
      height: n.height,
      critical: !isFeature && onPath.has(id),
    });
  }
  // Features first: drawn under their tasks.
  nodes.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'feature' ? -1 : 1));
  return { nodes, edges };
}
