import { Currency, DomainError } from '@splitwork/kernel';
import {
  assertSizeBand,
  defaultRateCard,
  DEFAULT_SIZE_BAND,
  PlanSettings,
  RateCard,
  SizeBand,
} from '@splitwork/planning-core';
import type { ProjectEntity } from './project.entity';
import { toCoreTargets } from './target-platform';

/** Turns rate card entries into one rate per level 1..5, each level exactly once. */
export function toRateCard(
  entries: readonly { level: number; hourlyRateCents: number }[] | undefined,
  currency: Currency,
): RateCard {
  if (!entries) return defaultRateCard(currency);
  const levels = entries.map((e) => e.level).sort();
  if (levels.join(',') !== '1,2,3,4,5') {
    throw DomainError.badInput('rateCard needs exactly one rate for each level 1 to 5', {
      field: 'rateCard',
    });
  }
  const rate = (level: number) => entries.find((e) => e.level === level)!.hourlyRateCents;
  const card: RateCard = { 1: rate(1), 2: rate(2), 3: rate(3), 4: rate(4), 5: rate(5) };
  for (const level of [2, 3, 4, 5] as const) {
    if (card[level] < card[(level - 1) as 1 | 2 | 3 | 4]) {
      throw DomainError.badInput('rateCard rates may not fall as the level rises', {
        field: 'rateCard',
      });
    }
  }
  return card;
}

export function toSizeBand(input: Partial<SizeBand> | undefined): SizeBand {
  const band = { ...DEFAULT_SIZE_BAND, ...input };
  assertSizeBand(band);
  return band;
}

export function sizeBandOf(project: ProjectEntity): SizeBand {
  return { minHours: project.sizeBandMinHours, maxHours: project.sizeBandMaxHours };
}

/** What the planner needs to know of a project besides its brief. */
export function planSettingsOf(project: ProjectEntity): PlanSettings {
  return {
    sizeBand: sizeBandOf(project),
    rateCard: project.rateCard,
    currency: project.currency,
    targetPlatforms: toCoreTargets(project.platforms),
  };
}
