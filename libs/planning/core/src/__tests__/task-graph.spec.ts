import fc from 'fast-check';
import { DomainError } from '@splitwork/kernel';
import { describeCycle, findCycles, TaskNode, topologicalOrder } from '../task-graph';

const node = (key: string, dependsOn: string[] = []): TaskNode => ({ key, dependsOn });

describe('topologicalOrder', () => {
  it('puts every task after the tasks it depends on, keeping list order among ready tasks', () => {
    const tasks = [
      node('ui', ['api', 'design']),
      node('design'),
      node('api', ['model']),
      node('model'),
    ];

    expect(topologicalOrder(tasks).map((t) => t.key)).toEqual(['design', 'model', 'api', 'ui']);
  });

  it('ignores dependencies on unknown tasks', () => {
    expect(topologicalOrder([node('a', ['ghost'])]).map((t) => t.key)).toEqual(['a']);
  });

  it('throws a BAD_USER_INPUT error naming the cycle', () => {
    const tasks = [node('a', ['c']), node('b', ['a']), node('c', ['b']), node('d')];

    expect(() => topologicalOrder(tasks)).toThrow(DomainError);
    expect(() => topologicalOrder(tasks)).toThrow('a → c → b → a');
    expect(() => topologicalOrder([node('self', ['self'])])).toThrow(/self → self/);
  });

  it('respects every dependency of random DAGs (property)', () => {
    const dag = fc
      .array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 0, maxLength: 60 })
      .chain((deps) =>
        fc.shuffledSubarray(
          deps.map((d, i) => node(`k${i}`, i === 0 ? [] : d.map((j) => `k${j % i}`))),
          { minLength: deps.length, maxLength: deps.length },
        ),
      );
    fc.assert(
      fc.property(dag, (tasks) => {
        const order = topologicalOrder(tasks);
        const position = new Map(order.map((t, i) => [t.key, i]));
        expect(order).toHaveLength(tasks.length);
        for (const task of tasks) {
          for (const dep of task.dependsOn) {
            expect(position.get(dep)).toBeLessThan(position.get(task.key) as number);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('findCycles', () => {
  it('reports each cycle once, as the keys along it', () => {
    const tasks = [
      node('a', ['b']),
      node('b', ['a']),
      node('c', ['d']),
      node('d', ['e']),
      node('e', ['c']),
      node('f', ['a']),
    ];

    expect(findCycles(tasks)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    expect(describeCycle(['c', 'd', 'e'])).toBe('c → d → e → c');
  });

  it('finds no cycle in a DAG and leaves self-dependencies to the validator', () => {
    expect(findCycles([node('a'), node('b', ['a']), node('c', ['c'])])).toEqual([]);
  });
});
