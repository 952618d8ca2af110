import { DomainError } from '@splitwork/kernel';
import { resolvePlanSettings } from '../plan-settings';
import { TargetPlatform } from '../plan.types';

describe('resolvePlanSettings', () => {
  it('fills in a 1–8 h band, USD, the default rate card and web + backend', () => {
    expect(resolvePlanSettings()).toEqual({
      sizeBand: { minHours: 1, maxHours: 8 },
      rateCard: { 1: 3000, 2: 4500, 3: 6500, 4: 8500, 5: 11000 },
      currency: 'USD',
      targetPlatforms: ['WEB', 'BACKEND'],
    });
  });

  it('keeps given values, merges a partial rate card and puts platforms in canonical order', () => {
    const settings = resolvePlanSettings({
      sizeBand: { maxHours: 6 },
      rateCard: { 5: 15000 },
      currency: 'GBP',
      targetPlatforms: ['BACKEND', 'IOS', 'IOS'],
    });

    expect(settings.sizeBand).toEqual({ minHours: 1, maxHours: 6 });
    expect(settings.rateCard[5]).toBe(15000);
    expect(settings.rateCard[1]).toBe(3000);
    expect(settings.targetPlatforms).toEqual(['IOS', 'BACKEND']);
  });

  it.each([
    ['a band with min above max', { sizeBand: { minHours: 9, maxHours: 8 } }],
    ['a band with a zero minimum', { sizeBand: { minHours: 0 } }],
    ['a fractional rate', { rateCard: { 3: 65.5 } }],
    ['a negative rate', { rateCard: { 1: -1 } }],
    ['no target platform', { targetPlatforms: [] as TargetPlatform[] }],
    ['an unknown platform', { targetPlatforms: ['DESIGN'] as unknown as TargetPlatform[] }],
  ])('refuses %s', (_, input) => {
    expect(() => resolvePlanSettings(input)).toThrow(DomainError);
  });
});
