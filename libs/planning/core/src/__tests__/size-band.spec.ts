import fc from 'fast-check';
import { DomainError } from '@splitwork/kernel';
import { isWellFormedEstimate } from '../estimate';
import { PlannedTask, Platform } from '../plan.types';
import { applySizeBand, expandTask, fitTasksToBand } from '../size-band';
import { findCycles } from '../task-graph';
import { aPlan, aTask } from './support/plan-builders';

const BAND = { minHours: 1, maxHours: 8 };
const sum = (tasks: readonly PlannedTask[]) => tasks.reduce((s, t) => s + t.estimate.likely, 0);

describe('fitTasksToBand: splitting', () => {
  const big = aTask({
    key: 'chat-web-1',
    title: 'Web: Chat screens',
    estimate: { optimistic: 12, likely: 20, pessimistic: 36 },
    acceptanceCriteria: ['A', 'B', 'C', 'D', 'E'],
    dependsOn: ['chat-api-1'],
    requirementIds: ['R1', 'R2'],
  });
  const api = aTask({ key: 'chat-api-1' });
  const qa = aTask({ key: 'chat-qa-1', platform: 'QA', dependsOn: ['chat-web-1'] });

  it('splits a task above the band into chained parts that add up to it', () => {
    const tasks = fitTasksToBand([api, big, qa], BAND);

    const parts = tasks.filter((t) => t.title.startsWith('Web: Chat screens'));
    expect(parts.map((t) => [t.key, t.title, t.estimate.likely])).toEqual([
      ['chat-web-1', 'Web: Chat screens (part 1/3)', 6.75],
      ['chat-web-2', 'Web: Chat screens (part 2/3)', 6.75],
      ['chat-web-3', 'Web: Chat screens (part 3/3)', 6.5],
    ]);
    expect(sum(parts)).toBe(20);
    expect(parts.map((t) => t.dependsOn)).toEqual([['chat-api-1'], ['chat-web-1'], ['chat-web-2']]);
    expect(parts.every((t) => t.requirementIds.join() === 'R1,R2')).toBe(true);
    expect(parts.every((t) => isWellFormedEstimate(t.estimate))).toBe(true);
  });

  it('shares the acceptance criteria out among the parts', () => {
    const parts = fitTasksToBand([big], BAND);

    const original = parts.flatMap((t) => t.acceptanceCriteria).filter((c) => c.length === 1);
    expect(original).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(parts[1].acceptanceCriteria).toContain(
      'chat-web-1 still meets its criteria once this part is merged',
    );
  });

  it('makes tasks that depended on the split task wait for its last part', () => {
    const tasks = fitTasksToBand([api, big, qa], BAND);

    expect(tasks.find((t) => t.key === 'chat-qa-1')?.dependsOn).toEqual(['chat-web-3']);
  });

  it('splits chained oversized tasks without losing a part', () => {
    const first = aTask({ key: 'a-1', estimate: { optimistic: 10, likely: 16, pessimistic: 30 } });
    const second = aTask({
      key: 'b-1',
      estimate: { optimistic: 10, likely: 16, pessimistic: 30 },
      dependsOn: ['a-1'],
    });

    const tasks = fitTasksToBand([first, second], BAND);

    expect(tasks.map((t) => [t.key, t.dependsOn])).toEqual([
      ['a-1', []],
      ['a-2', ['a-1']],
      ['b-1', ['a-2']],
      ['b-2', ['b-1']],
    ]);
  });
});

describe('fitTasksToBand: merging', () => {
  it('merges a task below the band into a sibling of the same feature and platform', () => {
    const model = aTask({
      key: 'settings-model-1',
      title: 'Data model: Settings',
      estimate: { optimistic: 0.25, likely: 0.5, pessimistic: 1 },
      acceptanceCriteria: ['Migration runs'],
      dependsOn: ['setup-1'],
      requirementIds: ['R1'],
    });
    const api = aTask({
      key: 'settings-api-1',
      title: 'API: Settings',
      estimate: { optimistic: 2, likely: 3, pessimistic: 5 },
      acceptanceCriteria: ['Endpoints work'],
      dependsOn: ['settings-model-1'],
      requirementIds: ['R2'],
    });
    const setup = aTask({ key: 'setup-1', featureKey: 'foundation', platform: 'DEVOPS' });
    const web = aTask({ key: 'settings-web-1', platform: 'WEB', dependsOn: ['settings-model-1'] });

    const tasks = fitTasksToBand([setup, model, api, web], BAND);

    expect(tasks.map((t) => t.key)).toEqual(['setup-1', 'settings-api-1', 'settings-web-1']);
    const merged = tasks[1];
    expect(merged.title).toBe('Data model + API: Settings');
    expect(merged.estimate).toEqual({ optimistic: 2.25, likely: 3.5, pessimistic: 6 });
    expect(merged.acceptanceCriteria).toEqual(['Migration runs', 'Endpoints work']);
    expect(merged.requirementIds).toEqual(['R1', 'R2']);
    expect(merged.dependsOn).toEqual(['setup-1']);
    expect(tasks[2].dependsOn).toEqual(['settings-api-1']);
  });

  it('raises a small task to the band minimum when it has no sibling to join', () => {
    const lonely = aTask({
      key: 'x-1',
      platform: 'QA',
      estimate: { optimistic: 0.25, likely: 0.5, pessimistic: 1 },
    });
    const other = aTask({ key: 'x-2', platform: 'WEB' });

    const tasks = fitTasksToBand([lonely, other], BAND);

    expect(tasks.map((t) => [t.key, t.estimate])).toEqual([
      ['x-1', { optimistic: 0.25, likely: 1, pessimistic: 1 }],
      ['x-2', other.estimate],
    ]);
  });

  it('does not merge two tasks when a third task sits between them', () => {
    const small = aTask({ key: 's-1', estimate: { optimistic: 0.5, likely: 0.5, pessimistic: 1 } });
    const between = aTask({ key: 'm-1', platform: 'DESIGN', dependsOn: ['s-1'] });
    const sibling = aTask({ key: 's-2', dependsOn: ['m-1'] });

    const tasks = fitTasksToBand([small, between, sibling], BAND);

    expect(tasks.map((t) => t.key)).toEqual(['s-1', 'm-1', 's-2']);
    expect(tasks[0].estimate.likely).toBe(1);
    expect(findCycles(tasks)).toEqual([]);
  });

  it('does not merge when the result would leave the band', () => {
    const small = aTask({ key: 's-1', estimate: { optimistic: 0.5, likely: 0.5, pessimistic: 1 } });
    const full = aTask({ key: 's-2', estimate: { optimistic: 6, likely: 7.75, pessimistic: 10 } });

    expect(fitTasksToBand([small, full], BAND).map((t) => t.key)).toEqual(['s-1', 's-2']);
  });

  it('leaves locked tasks exactly as they are', () => {
    const lockedBig = aTask({
      key: 'l-1',
      locked: true,
      estimate: { optimistic: 20, likely: 30, pessimistic: 50 },
    });
    const lockedSmall = aTask({
      key: 'l-2',
      locked: true,
      estimate: { optimistic: 0.25, likely: 0.25, pessimistic: 0.5 },
    });

    expect(fitTasksToBand([lockedBig, lockedSmall], BAND)).toEqual([lockedBig, lockedSmall]);
  });
});

describe('applySizeBand', () => {
  it('recomputes coverage for the reshaped tasks', () => {
    const plan = aPlan([
      aTask({ key: 'a-1', estimate: { optimistic: 9, likely: 12, pessimistic: 20 } }),
    ]);

    const sized = applySizeBand(plan, BAND);

    expect(sized.coverage.requirements).toEqual([
      { requirementId: 'R1', taskKeys: ['a-1', 'a-2'] },
    ]);
  });

  it('refuses an invalid band and tasks with invalid estimates', () => {
    const plan = aPlan([aTask({ key: 'a-1' })]);

    expect(() => applySizeBand(plan, { minHours: 5, maxHours: 2 })).toThrow(DomainError);
    expect(() => applySizeBand(plan, { minHours: 0, maxHours: 2 })).toThrow(DomainError);
    const bad = aPlan([
      aTask({ key: 'a-1', estimate: { optimistic: 1, likely: Number.NaN, pessimistic: 2 } }),
    ]);
    expect(() => applySizeBand(bad, BAND)).toThrow(/invalid estimate/);
  });
});

describe('expandTask', () => {
  const plan = aPlan([
    aTask({ key: 'a-1', estimate: { optimistic: 4, likely: 6, pessimistic: 10 } }),
    aTask({ key: 'b-1', dependsOn: ['a-1'] }),
  ]);

  it('splits a task that is within the band into chained parts', () => {
    const expanded = expandTask(plan, 'a-1', 3, BAND);

    expect(expanded.tasks.map((t) => [t.key, t.estimate.likely, t.dependsOn])).toEqual([
      ['a-1', 2, []],
      ['a-2', 2, ['a-1']],
      ['a-3', 2, ['a-2']],
      ['b-1', 4, ['a-3']],
    ]);
  });

  it('uses fewer parts when more would fall below the band minimum', () => {
    const expanded = expandTask(plan, 'a-1', 10, BAND);

    expect(expanded.tasks.filter((t) => t.key.startsWith('a-'))).toHaveLength(6);
    expect(expanded.tasks.every((t) => t.estimate.likely >= 1)).toBe(true);
  });

  it('splits a part again with a readable title', () => {
    const once = expandTask(plan, 'a-1', 2, BAND);

    const twice = expandTask(once, 'a-2', 3, BAND);

    expect(twice.tasks.map((t) => t.title)).toContain('Task a-1 (part 2/2, 3/3)');
  });

  it('refuses a task too small to split, an unknown task and a silly part count', () => {
    const small = aPlan([
      aTask({ key: 's-1', estimate: { optimistic: 1, likely: 1.5, pessimistic: 2 } }),
    ]);

    expect(() => expandTask(small, 's-1', 2, BAND)).toThrow(/too small/);
    expect(() => expandTask(plan, 'nope', 2, BAND)).toThrow(/not found/);
    expect(() => expandTask(plan, 'a-1', 1, BAND)).toThrow(DomainError);
    expect(() => expandTask(plan, 'a-1', 2.5, BAND)).toThrow(DomainError);
  });
});

const PLATFORM_CHOICES: readonly Platform[] = ['WEB', 'IOS', 'BACKEND', 'QA'];

/** Random tasks with random (acyclic) dependencies and estimates from tiny to huge. */
const randomTasks = fc
  .array(
    fc.record({
      likely: fc.double({ min: 0, max: 60, noNaN: true }),
      spreadDown: fc.double({ min: 0, max: 1, noNaN: true }),
      spreadUp: fc.double({ min: 1, max: 3, noNaN: true }),
      feature: fc.integer({ min: 0, max: 3 }),
      platform: fc.constantFrom(...PLATFORM_CHOICES),
      deps: fc.array(fc.nat(), { maxLength: 3 }),
      locked: fc.boolean(),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((specs) =>
    specs.map((s, i) =>
      aTask({
        key: `t${i}-1`,
        featureKey: `f${s.feature}`,
        platform: s.platform,
        estimate: {
          optimistic: s.likely * s.spreadDown,
          likely: s.likely,
          pessimistic: s.likely * s.spreadUp,
        },
        dependsOn: i === 0 ? [] : [...new Set(s.deps.map((d) => `t${d % i}-1`))],
        locked: s.locked && i % 5 === 0,
      }),
    ),
  );

const randomBand = fc
  .record({
    min: fc.double({ min: 0.25, max: 6, noNaN: true }),
    width: fc.double({ min: 0, max: 12, noNaN: true }),
  })
  .map(({ min, width }) => ({ minHours: min, maxHours: min + width }));

describe('fitTasksToBand (property)', () => {
  it('brings every unlocked task into the band and keeps a sound graph', () => {
    fc.assert(
      fc.property(randomTasks, randomBand, (tasks, band) => {
        const fitted = fitTasksToBand(tasks, band);

        const keys = new Set(fitted.map((t) => t.key));
        expect(keys.size).toBe(fitted.length);
        for (const task of fitted) {
          expect(isWellFormedEstimate(task.estimate)).toBe(true);
          if (!task.locked) {
            expect(task.estimate.likely).toBeGreaterThanOrEqual(band.minHours);
            expect(task.estimate.likely).toBeLessThanOrEqual(band.maxHours);
          }
          for (const dep of task.dependsOn) expect(keys).toContain(dep);
          expect(task.dependsOn).not.toContain(task.key);
        }
        expect(findCycles(fitted)).toEqual([]);
        const before = new Set(tasks.flatMap((t) => t.requirementIds));
        expect(new Set(fitted.flatMap((t) => t.requirementIds))).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
