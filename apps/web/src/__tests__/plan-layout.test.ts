import { describe, expect, it } from 'vitest';
import { layoutPlan } from '../screens/owner/plan-layout';
import { groupByStatus } from '../screens/owner/ProjectBoard';
import { parseBudgetCents } from '../screens/owner/NewProjectScreen';

describe('layoutPlan', () => {
  const tasks = [
    { key: 'a', title: 'A', featureKey: 'f1', dependsOn: [] },
    { key: 'b', title: 'B', featureKey: 'f1', dependsOn: ['a'] },
    { key: 'c', title: 'C', featureKey: 'f2', dependsOn: ['b', 'gone'] },
  ];
  const features = [
    { key: 'f1', title: 'One' },
    { key: 'f2', title: 'Two' },
  ];

  it('boxes tasks by feature and marks the critical path and its edges', () => {
    const { nodes, edges } = layoutPlan(tasks, features, ['a', 'b', 'c']);
    expect(
      nodes
        .filter((n) => n.kind === 'feature')
        .map((n) => n.label)
        .sort(),
    ).toEqual(['One', 'Two']);
    expect(
      nodes
        .filter((n) => n.critical)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(edges).toEqual([
      { id: 'a->b', source: 'a', target: 'b', critical: true },
      { id: 'b->c', source: 'b', target: 'c', critical: true },
    ]);
  });

  it('lays dependencies out left to right', () => {
    const { nodes } = layoutPlan(tasks, features, []);
    const x = (id: string) => nodes.find((n) => n.id === id)!.x;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBeLessThan(x('c'));
  });

  it('lays out 300 tasks', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      key: `t${i}`,
      title: `Task ${i}`,
      featureKey: `f${i % 10}`,
      dependsOn: i >= 10 ? [`t${i - 10}`] : [],
    }));
    const fs = Array.from({ length: 10 }, (_, i) => ({ key: `f${i}`, title: `F${i}` }));
    const { nodes, edges } = layoutPlan(many, fs, []);
    expect(nodes).toHaveLength(310);
    expect(edges).toHaveLength(290);
  });
});

describe('groupByStatus', () => {
  it('orders columns as the task lifecycle and leaves out empty ones', () => {
    const groups = groupByStatus([{ status: 'PAID' }, { status: 'OPEN' }, { status: 'OPEN' }]);
    expect(groups.map(([s, l]) => [s, l.length])).toEqual([
      ['OPEN', 2],
      ['PAID', 1],
    ]);
  });
});

describe('parseBudgetCents', () => {
  it('reads major units into integer minor units', () => {
    expect(parseBudgetCents('12,500.5')).toBe(1_250_050);
    expect(parseBudgetCents('100')).toBe(10_000);
    expect(parseBudgetCents('1.234')).toBeNull();
    expect(parseBudgetCents('abc')).toBeNull();
  });
});
