import fc from 'fast-check';
import { DomainError } from '@splitwork/kernel';
import { defaultRateCard, resolvePlanSettings } from '../plan-settings';
import { pricePlan, priceTask, pricingSkillLevel } from '../pricing';
import { aPlan, aTask } from './support/plan-builders';

const settings = resolvePlanSettings({ currency: 'USD' });

describe('priceTask', () => {
  it('prices PERT expected hours at the rate of the highest skill level asked for', () => {
    const task = aTask({
      key: 'a',
      estimate: { optimistic: 2, likely: 4, pessimistic: 12 },
      skills: [
        { skill: 'react', minLevel: 2 },
        { skill: 'stripe', minLevel: 4 },
      ],
    });

    // (2 + 16 + 12) / 6 = 5 h at level 4 (85.00/h)
    expect(priceTask(task, settings)).toEqual({ amountCents: 42_500, currency: 'USD' });
  });

  it('rounds to whole cents', () => {
    const task = aTask({ key: 'a', estimate: { optimistic: 1, likely: 1, pessimistic: 2 } });

    // 7/6 h at 65.00/h = 7583.33 cents
    expect(priceTask(task, settings).amountCents).toBe(7583);
  });

  it('uses level 1 for a task without skills and refuses an invalid estimate', () => {
    expect(pricingSkillLevel(aTask({ key: 'a', skills: [] }))).toBe(1);
    const bad = aTask({ key: 'a', estimate: { optimistic: 3, likely: 2, pessimistic: 1 } });
    expect(() => priceTask(bad, settings)).toThrow(DomainError);
  });
});

describe('pricePlan', () => {
  it('totals the task prices as a whole number of cents', () => {
    const plan = aPlan([
      aTask({ key: 'a', estimate: { optimistic: 1, likely: 1, pessimistic: 2 } }),
      aTask({ key: 'b', estimate: { optimistic: 1.25, likely: 2.75, pessimistic: 5.5 } }),
    ]);

    const pricing = pricePlan(plan, settings);

    expect(pricing.total.amountCents).toBe(
      pricing.tasks[0].price.amountCents + pricing.tasks[1].price.amountCents,
    );
    expect(pricing.total.currency).toBe('USD');
  });

  it('always gives integer prices and totals (property)', () => {
    const estimate = fc
      .tuple(
        fc.double({ min: 0, max: 80, noNaN: true }),
        fc.double({ min: 0, max: 80, noNaN: true }),
        fc.double({ min: 0, max: 80, noNaN: true }),
      )
      .map((xs) => [...xs].sort((a, b) => a - b))
      .map(([optimistic, likely, pessimistic]) => ({ optimistic, likely, pessimistic }));
    fc.assert(
      fc.property(
        fc.array(estimate, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (estimates, level) => {
          const plan = aPlan(
            estimates.map((e, i) =>
              aTask({
                key: `t${i}`,
                estimate: e,
                skills: [{ skill: 's', minLevel: level as 1 | 2 | 3 | 4 | 5 }],
              }),
            ),
          );
          const pricing = pricePlan(plan, settings);
          expect(Number.isSafeInteger(pricing.total.amountCents)).toBe(true);
          pricing.tasks.forEach((p) => expect(Number.isInteger(p.price.amountCents)).toBe(true));
          expect(pricing.tasks.reduce((s, p) => s + p.price.amountCents, 0)).toBe(
            pricing.total.amountCents,
          );
        },
      ),
    );
  });
});

describe('defaultRateCard', () => {
  it('is expressed in the minor units of the currency', () => {
    expect(defaultRateCard('EUR')).toEqual({ 1: 3000, 2: 4500, 3: 6500, 4: 8500, 5: 11000 });
    expect(defaultRateCard('JPY')[1]).toBe(30);
  });
});
