import { checkCoverage } from '../coverage-check';
import { planOffline } from '../offline-planner';
import { resolvePlanSettings } from '../plan-settings';
import { buildCoverageReport } from '../plan-summary';
import { Plan, PlannedTask } from '../plan.types';
import { validatePlan } from '../plan-validator';
import { TOOL_RENTAL_BRIEF, TOOL_RENTAL_LINES as L } from './fixtures/tool-rental-brief.fixture';

const settings = resolvePlanSettings({ targetPlatforms: ['WEB', 'IOS', 'BACKEND'] });

const likelyHours = (plan: Plan): number =>
  plan.tasks.reduce((sum, t) => sum + t.estimate.likely, 0);

/** The title, description before the brief quotes, and criteria: what the task says it builds. */
const ownText = (t: PlannedTask): string =>
  [t.title, t.description.split('From the brief:')[0], ...t.acceptanceCriteria].join('\n');

const STORIES_ONLY = TOOL_RENTAL_BRIEF.split('\n')
  .filter((line) => /^- (As an?|Renters can)/.test(line))
  .join('\n');

describe('planOffline on a tool-rental brief wrapped in headings, links, metadata and prose', () => {
  const plan = planOffline(TOOL_RENTAL_BRIEF, settings);

  it('plans only the requirement lines', () => {
    expect(plan.requirements.map((r) => r.line)).toEqual([
      L.listTool,
      L.browse,
      L.reserve,
      L.approve,
      L.report,
    ]);
  });

  it('builds the tool: its data model, API and screens named after its actions', () => {
    const toolTasks = plan.tasks.filter((t) => t.featureKey === 'entity-tool');
    const titles = toolTasks.map((t) => t.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Data model: Tool/),
        expect.stringMatching(/^API: .*reserve.* Tool$/),
        expect.stringMatching(/^API: .*list.* Tool$/),
        expect.stringMatching(/^Web: .*reserve.* Tool screens$/),
        expect.stringMatching(/^iOS: .*list.* Tool screens$/),
      ]),
    );
    expect(plan.features.find((f) => f.key === 'entity-tool')).toMatchObject({
      title: 'Tool',
      origin: 'story',
    });
  });

  it('writes given/when/then criteria from the story’s own words', () => {
    const api = plan.tasks.find((t) => /^API: .*reserve/.test(t.title));
    expect(api?.acceptanceCriteria).toContain(
      'Given a renter, when they reserve a tool for specific dates, then reserveTool saves it and returns the tool so that it is ready when I need it',
    );
  });

  it('adds no billing, subscription, payment or review feature', () => {
    const keys = plan.features.map((f) => f.key);
    for (const unasked of ['subscriptions', 'checkout', 'reviews', 'booking', 'listings']) {
      expect(keys).not.toContain(unasked);
    }
    expect(plan.tasks.map((t) => t.title).join('\n')).not.toMatch(/billing|subscription|payment/i);
  });

  it('does not price the context: the same stories alone cost the same hours', () => {
    const bare = planOffline(STORIES_ONLY, settings);

    expect(likelyHours(plan)).toBe(likelyHours(bare));
    expect(plan.tasks.length).toBe(bare.tasks.length);
  });

  it('shares the tool’s model and API among the stories acting on the tool', () => {
    const models = plan.tasks.filter((t) => t.title.startsWith('Data model: Tool'));
    expect(models).toHaveLength(1);
    expect(models[0].requirementIds).toEqual(['R1', 'R2', 'R3', 'R5']);
  });

  it('covers every story strongly, and says so in its report', () => {
    const report = buildCoverageReport(plan);

    expect(report.entries.map((e) => e.strength)).toEqual(Array(5).fill('STRONG'));
    expect(report.coveragePercent).toBe(100);
  });

  it('is a valid, deterministic plan within the size band', () => {
    expect(validatePlan(plan, { sizeBand: settings.sizeBand })).toEqual([]);
    expect(planOffline(TOOL_RENTAL_BRIEF, settings)).toEqual(plan);
  });
});

describe('planOffline: scope and reclassification', () => {
  it('leaves out what a scope line defers, and the catalog feature with it', () => {
    const brief = [
      '- Renters can reserve a tool for specific dates',
      '- Renters can pay the deposit online with a card',
      '',
      'As an MVP, focus on reserving; payments can come later.',
    ].join('\n');

    const plan = planOffline(brief, settings);

    expect(plan.requirements.map((r) => r.text)).toEqual([
      'Renters can reserve a tool for specific dates',
    ]);
    expect(plan.features.map((f) => f.key)).not.toContain('checkout');
  });

  it('plans a context line the owner reclassifies as a requirement', () => {
    const plan = planOffline(TOOL_RENTAL_BRIEF, settings, {
      lineKinds: { [L.firstLink]: 'REQUIREMENT' },
    });

    const requirement = plan.requirements.find((r) => r.line === L.firstLink);
    expect(requirement?.text).toBe('Competitor analysis');
    expect(plan.tasks.some((t) => t.requirementIds.includes(requirement!.id))).toBe(true);
  });
});

describe('planOffline: splitting by meaning', () => {
  const small = resolvePlanSettings({
    targetPlatforms: ['WEB', 'IOS', 'BACKEND'],
    sizeBand: { minHours: 1, maxHours: 3 },
  });
  const plan = planOffline(TOOL_RENTAL_BRIEF, small);

  it('splits by operation and screen, never into numbered parts', () => {
    expect(
      plan.tasks.filter((t) => t.featureKey.startsWith('entity-')).map((t) => t.title),
    ).not.toContainEqual(expect.stringMatching(/part \d/));
    const apiTitles = plan.tasks.filter((t) => t.title.startsWith('API: ')).map((t) => t.title);
    expect(apiTitles).toEqual(
      expect.arrayContaining(['API: list Tool', 'API: reserve Tool', 'API: approve Reservation']),
    );
    expect(validatePlan(plan, { sizeBand: small.sizeBand })).toEqual([]);
  });

  it('gives every story task a criterion about its own output', () => {
    const strength = checkCoverage(plan.requirements, plan.tasks);
    for (const task of plan.tasks.filter((t) => t.featureKey.startsWith('entity-'))) {
      const entity = task.featureKey.replace('entity-', '');
      expect([task.key, ownText(task).toLowerCase().includes(entity)]).toEqual([task.key, true]);
      expect(task.acceptanceCriteria.length).toBeGreaterThanOrEqual(1);
    }
    expect([...strength.values()].every((s) => s === 'STRONG')).toBe(true);
  });

  it('estimates from the work: a thing with more actions costs more than one with fewer', () => {
    const hours = (key: string) =>
      plan.tasks.filter((t) => t.featureKey === key).reduce((s, t) => s + t.estimate.likely, 0);
    expect(hours('entity-tool')).toBeGreaterThan(hours('entity-reservation') * 2);
  });
});
