import { CURRENCY_EXPONENTS, Currency, DomainError, isCurrency } from '@splitwork/kernel';
import {
  PlanSettings,
  RateCard,
  SizeBand,
  SKILL_LEVELS,
  SkillLevel,
  TARGET_PLATFORMS,
  TargetPlatform,
} from './plan.types';

export const DEFAULT_SIZE_BAND: SizeBand = { minHours: 1, maxHours: 8 };
export const DEFAULT_CURRENCY: Currency = 'USD';
export const DEFAULT_TARGET_PLATFORMS: readonly TargetPlatform[] = ['WEB', 'BACKEND'];

/** Smallest and largest band edges we accept, in hours. */
const BAND_FLOOR_HOURS = 0.25;
const BAND_CEILING_HOURS = 80;

/** Hourly rates per skill level in major units; scaled to the currency's minor units. */
const DEFAULT_RATES_MAJOR: RateCard = { 1: 30, 2: 45, 3: 65, 4: 85, 5: 110 };

export interface PlanSettingsInput {
  readonly sizeBand?: Partial<SizeBand>;
  readonly rateCard?: Partial<RateCard>;
  readonly currency?: Currency;
  readonly targetPlatforms?: readonly TargetPlatform[];
}

/**
 * The default rate card (1: 30, 2: 45, 3: 65, 4: 85, 5: 110 per hour in major
 * units) expressed in the currency's minor units. It does not convert between
 * currencies; projects in a currency with a very different value should pass
 * their own rate card.
 */
export function defaultRateCard(currency: Currency): RateCard {
  const unit = 10 ** CURRENCY_EXPONENTS[currency];
  return {
    1: DEFAULT_RATES_MAJOR[1] * unit,
    2: DEFAULT_RATES_MAJOR[2] * unit,
    3: DEFAULT_RATES_MAJOR[3] * unit,
    4: DEFAULT_RATES_MAJOR[4] * unit,
    5: DEFAULT_RATES_MAJOR[5] * unit,
  };
}

export function assertSizeBand(band: SizeBand): void {
  const { minHours, maxHours } = band;
  if (!Number.isFinite(minHours) || !Number.isFinite(maxHours)) {
    throw DomainError.badInput('Size band edges must be finite numbers of hours', { band });
  }
  if (minHours < BAND_FLOOR_HOURS || maxHours > BAND_CEILING_HOURS || minHours > maxHours) {
    throw DomainError.badInput(
      `Size band must satisfy ${BAND_FLOOR_HOURS} <= minHours <= maxHours <= ${BAND_CEILING_HOURS}`,
      { band },
    );
  }
}

function resolveRateCard(currency: Currency, input: Partial<RateCard> | undefined): RateCard {
  const defaults = defaultRateCard(currency);
  const pick = (level: SkillLevel): number => {
    const rate = input?.[level] ?? defaults[level];
    if (!Number.isSafeInteger(rate) || rate <= 0) {
      throw DomainError.badInput(`Rate for skill level ${level} must be a positive whole amount`, {
        level,
        rate,
      });
    }
    return rate;
  };
  return { 1: pick(1), 2: pick(2), 3: pick(3), 4: pick(4), 5: pick(5) };
}

function resolveTargets(input: readonly TargetPlatform[] | undefined): readonly TargetPlatform[] {
  if (input === undefined) return DEFAULT_TARGET_PLATFORMS;
  const unknown = input.filter((p) => !(TARGET_PLATFORMS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw DomainError.badInput(`Unknown target platform(s): ${unknown.join(', ')}`, {
      field: 'targetPlatforms',
    });
  }
  const targets = TARGET_PLATFORMS.filter((p) => input.includes(p));
  if (targets.length === 0) {
    throw DomainError.badInput('A project needs at least one target platform', {
      field: 'targetPlatforms',
    });
  }
  return targets;
}

/** Fills in defaults and checks every setting; throws a BAD_USER_INPUT DomainError naming the bad one. */
export function resolvePlanSettings(input: PlanSettingsInput = {}): PlanSettings {
  const currency = input.currency ?? DEFAULT_CURRENCY;
  if (!isCurrency(currency)) {
    throw DomainError.badInput(`Unknown currency "${String(currency)}"`, { field: 'currency' });
  }
  const sizeBand: SizeBand = {
    minHours: input.sizeBand?.minHours ?? DEFAULT_SIZE_BAND.minHours,
    maxHours: input.sizeBand?.maxHours ?? DEFAULT_SIZE_BAND.maxHours,
  };
  assertSizeBand(sizeBand);
  return {
    sizeBand,
    rateCard: resolveRateCard(currency, input.rateCard),
    currency,
    targetPlatforms: resolveTargets(input.targetPlatforms),
  };
}

export function isSkillLevel(value: number): value is SkillLevel {
  return (SKILL_LEVELS as readonly number[]).includes(value);
}
