import { DomainError, money } from '@splitwork/kernel';
import { resolvePlanSettings } from '../plan-settings';
import { buildCoverageReport, compareBudget, summarizePlan } from '../plan-summary';
import { pricePlan } from '../pricing';
import { aPlan, aRequirement, aTask } from './support/plan-builders';

const settings = resolvePlanSettings({ currency: 'EUR' });

describe('summarizePlan', () => {
  const plan = aPlan(
    [
      aTask({
        key: 'api',
        title: 'API: export invoices',
        estimate: { optimistic: 1, likely: 2, pessimistic: 3.5 },
        requirementIds: ['R1'],
      }),
      aTask({
        key: 'web',
        platform: 'WEB',
        estimate: { optimistic: 2.25, likely: 4, pessimistic: 8 },
        requirementIds: ['R1', 'R2'],
      }),
      aTask({
        key: 'qa',
        platform: 'QA',
        estimate: { optimistic: 1, likely: 1, pessimistic: 1 },
        requirementIds: [],
      }),
    ],
    {
      requirements: [
        {
          ...aRequirement('R1', 'Accountants can export invoices'),
          story: { actor: 'accountant', action: 'export', entity: 'invoice' },
        },
        aRequirement('R2', 'Invoices show the VAT number'),
        aRequirement('R3', 'Export to PDF'),
      ],
    },
  );

  it('totals tasks, the three estimates, expected hours and the price', () => {
    const { totals } = summarizePlan(plan, settings);

    expect(totals.taskCount).toBe(3);
    expect(totals.requirementCount).toBe(3);
    expect(totals.hours).toEqual({
      optimistic: 4.25,
      likely: 7,
      pessimistic: 12.5,
      expected: 7.46,
    });
    expect(totals.price).toEqual(pricePlan(plan, settings).total);
    expect(Number.isInteger(totals.price.amountCents)).toBe(true);
  });

  it('breaks hours and money down by platform, adding up to the total', () => {
    const summary = summarizePlan(plan, settings);

    expect(summary.byPlatform.map((p) => [p.platform, p.taskCount, p.likelyHours])).toEqual([
      ['WEB', 1, 4],
      ['BACKEND', 1, 2],
      ['QA', 1, 1],
    ]);
    expect(summary.byPlatform.reduce((s, p) => s + p.priceCents, 0)).toBe(
      summary.totals.price.amountCents,
    );
  });

  it('reports every requirement with the tasks covering it and the uncovered ones', () => {
    const report = buildCoverageReport(plan);

    expect(report.entries.map((e) => [e.requirementId, e.taskKeys])).toEqual([
      ['R1', ['api', 'web']],
      ['R2', ['web']],
      ['R3', []],
    ]);
    expect(report.uncoveredIds).toEqual(['R3']);
  });

  it('counts as covered only the requirements a traced task says it builds', () => {
    const report = buildCoverageReport(plan);

    // R1: "API: export invoices" names its thing and action. R2: only traced by "Task web".
    expect(report.entries.map((e) => e.strength)).toEqual(['STRONG', 'WEAK', 'MISSING']);
    expect([report.strongCount, report.weakCount, report.missingCount]).toEqual([1, 1, 1]);
    expect([report.coveredCount, report.tracedCount, report.totalCount]).toEqual([1, 2, 3]);
    expect(report.coveragePercent).toBe(33);
  });

  it('compares the total with a budget', () => {
    const total = summarizePlan(plan, settings).totals.price.amountCents;

    const under = summarizePlan(plan, settings, { budget: money(total + 500, 'EUR') }).budget;
    const over = summarizePlan(plan, settings, { budget: money(total - 1200, 'EUR') }).budget;

    expect(under).toEqual({
      budgetCents: total + 500,
      totalCents: total,
      currency: 'EUR',
      overBudget: false,
      overByCents: 0,
      remainingCents: 500,
    });
    expect(over?.overBudget).toBe(true);
    expect(over?.overByCents).toBe(1200);
    expect(summarizePlan(plan, settings).budget).toBeUndefined();
  });

  it('refuses to compare amounts in different currencies', () => {
    expect(() => compareBudget(money(100, 'EUR'), money(100, 'USD'))).toThrow(DomainError);
  });
});
