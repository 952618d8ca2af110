import { useMemo } from 'react';
import { Background, Controls, MiniMap, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { layoutPlan, type LayoutTask } from './plan-layout';

interface Props {
  tasks: LayoutTask[];
  features: { key: string; title: string }[];
  criticalPath: string[];
}

/** The plan as a zoomable DAG grouped by feature, critical path in red (lazy-loaded). */
export default function PlanGraph({ tasks, features, criticalPath }: Props) {
  // The layout (dagre) depends on the plan only; the critical path arrives later
  // with the forecast and only recolours it.
  const layout = useMemo(() => layoutPlan(tasks, features, []), [tasks, features]);
  const { nodes, edges } = useMemo(() => {
    const onPath = new Set(criticalPath);
    const pathEdges = new Set(criticalPath.slice(1).map((key, i) => `${criticalPath[i]}->${key}`));
    const laid = {
      nodes: layout.nodes.map((n) => ({ ...n, critical: n.kind === 'task' && onPath.has(n.id) })),
      edges: layout.edges.map((e) => ({ ...e, critical: pathEdges.has(e.id) })),
    };
    const nodes: Node[] = laid.nodes.map((n) => ({
      id: n.id,
      position: { x: n.x, y: n.y },
      data: { label: n.label },
      draggable: false,
      selectable: n.kind === 'task',
      zIndex: n.kind === 'feature' ? -1 : 1,
      ariaLabel:
        n.kind === 'feature'
          ? `Feature ${n.label}`
          : `${n.label}${n.critical ? ' (critical path)' : ''}`,
      style:
        n.kind === 'feature'
          ? {
              width: n.width,
              height: n.height,
              background: 'rgba(11,87,208,0.05)',
              border: '1px dashed #5f6368',
              fontWeight: 600,
              textAlign: 'left',
              color: '#1a1a1a',
            }
          : {
              width: n.width,
              height: n.height,
              fontSize: 12,
              color: '#1a1a1a',
              border: n.critical ? '3px solid #a50e0e' : '1px solid #5f6368',
            },
      className: n.critical ? 'critical' : undefined,
    }));
    const edges: Edge[] = laid.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      style: e.critical ? { stroke: '#a50e0e', strokeWidth: 3 } : { stroke: '#5f6368' },
    }));
    return { nodes, edges };
  }, [layout, criticalPath]);
  return (
    <div
      className="graph"
      role="figure"
      aria-label={`Dependency graph of ${tasks.length} tasks; critical path ${criticalPath.join(' → ')}`}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        minZoom={0.05}
        onlyRenderVisibleElements
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls />
        <MiniMap pannable zoomable ariaLabel="Overview of the plan" />
      </ReactFlow>
    </div>
  );
}
