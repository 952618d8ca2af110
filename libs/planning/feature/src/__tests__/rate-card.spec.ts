import { DomainError } from '@splitwork/kernel';
import { toRateCard } from '../project-settings';
import { defaultRateCard } from '@splitwork/planning-core';

const card = (rates: number[]) =>
  rates.map((hourlyRateCents, i) => ({ level: i + 1, hourlyRateCents }));

describe('toRateCard', () => {
  it('gives the default card when none is given', () => {
    expect(toRateCard(undefined, 'USD')).toEqual(defaultRateCard('USD'));
  });

  it('keeps a complete, rising card', () => {
    expect(toRateCard(card([1000, 2000, 3000, 4000, 5000]), 'USD')).toEqual({
      1: 1000,
      2: 2000,
      3: 3000,
      4: 4000,
      5: 5000,
    });
  });

  it('refuses a card with a level twice or missing', () => {
    const twice = [...card([1, 2, 3, 4]), { level: 4, hourlyRateCents: 9 }];
    expect(() => toRateCard(twice, 'USD')).toThrow(DomainError);
  });

  it('refuses a card whose rate falls as the level rises', () => {
    expect(() => toRateCard(card([5000, 4000, 6000, 7000, 8000]), 'USD')).toThrow(/may not fall/);
  });
});
