import { DomainError } from '@splitwork/kernel';

/** The part of a task the dependency graph needs. */
export interface TaskNode {
  readonly key: string;
  readonly dependsOn: readonly string[];
}

interface IndexedGraph {
  /** `deps[i]`: indexes of the tasks task i depends on (known keys only, no duplicates). */
  readonly deps: readonly number[][];
  readonly keys: readonly string[];
}

function indexGraph(tasks: readonly TaskNode[]): IndexedGraph {
  const indexOf = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (!indexOf.has(t.key)) indexOf.set(t.key, i);
  });
  const deps = tasks.map((t) => {
    const known = new Set<number>();
    for (const key of t.dependsOn) {
      const j = indexOf.get(key);
      if (j !== undefined) known.add(j);
    }
    return [...known];
  });
  return { deps, keys: tasks.map((t) => t.key) };
}

/**
 * Orders tasks so every task comes after the tasks it depends on (Kahn's
 * algorithm; among ready tasks the earlier one in the list goes first, so the
 * order is deterministic). Dependencies on unknown keys are ignored: the
 * validator reports them. Throws a BAD_USER_INPUT DomainError naming a cycle.
 */
export function topologicalOrder<T extends TaskNode>(tasks: readonly T[]): T[] {
  const { deps } = indexGraph(tasks);
  const n = tasks.length;
  const remaining = deps.map((d) => d.length);
  const dependents: number[][] = tasks.map(() => []);
  deps.forEach((d, i) => d.forEach((j) => dependents[j].push(i)));
  // A binary heap would be asymptotically better; a sorted insertion keeps it simple and n is small.
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (remaining[i] === 0) ready.push(i);
  const order: T[] = [];
  while (ready.length > 0) {
    const i = ready.shift() as number;
    order.push(tasks[i]);
    for (const d of dependents[i]) {
      remaining[d] -= 1;
      if (remaining[d] === 0) insertSorted(ready, d);
    }
  }
  if (order.length < n) {
    const cycle = findCycles(tasks)[0] ?? selfLoop(tasks);
    throw DomainError.badInput(`Tasks form a dependency cycle: ${describeCycle(cycle)}`, {
      cycle,
    });
  }
  return order;
}

function insertSorted(list: number[], value: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}

function selfLoop(tasks: readonly TaskNode[]): string[] {
  const task = tasks.find((t) => t.dependsOn.includes(t.key));
  return task ? [task.key] : [];
}

/** `a → b → c → a`, where an arrow reads "depends on". */
export function describeCycle(cycle: readonly string[]): string {
  return cycle.length === 0 ? '(none)' : [...cycle, cycle[0]].join(' → ');
}

/**
 * Every dependency cycle of two or more tasks, one per strongly connected
 * component, each given as the keys along the cycle (each depends on the
 * next, the last on the first). Self-dependencies are not reported here.
 */
export function findCycles(tasks: readonly TaskNode[]): string[][] {
  const { deps, keys } = indexGraph(tasks);
  return stronglyConnectedComponents(deps)
    .filter((component) => component.length > 1)
    .map((component) => cycleThrough(component, deps).map((i) => keys[i]))
    .sort((a, b) => keys.indexOf(a[0]) - keys.indexOf(b[0]));
}

/** Iterative Tarjan, so deep graphs cannot overflow the stack. */
function stronglyConnectedComponents(deps: readonly number[][]): number[][] {
  const n = deps.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = deps[frame.node];
      if (frame.edge < edges.length) {
        const next = edges[frame.edge++];
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = true;
          work.push({ node: next, edge: 0 });
        } else if (onStack[next]) {
          low[frame.node] = Math.min(low[frame.node], index[next]);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node], low[frame.node]);
      if (low[frame.node] === index[frame.node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = false;
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return components;
}

/** The shortest cycle through the first task of a strongly connected component. */
function cycleThrough(component: readonly number[], deps: readonly number[][]): number[] {
  const members = new Set(component);
  const start = component[0];
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const next of deps[node]) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(parent.get(path[0]) as number);
        return path;
      }
      if (!parent.has(next) && next !== start) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

/** Keys of the tasks that depend on each key. */
export function dependentsByKey(tasks: readonly TaskNode[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const task of tasks) {
    for (const dep of task.dependsOn) {
      const list = map.get(dep) ?? [];
      list.push(task.key);
      map.set(dep, list);
    }
  }
  return map;
}
