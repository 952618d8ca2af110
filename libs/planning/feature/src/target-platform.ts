/** What a project is built for; the plan adds design, QA and devops work itself. */
export enum TargetPlatform {
  WEB = 'WEB',
  IOS = 'IOS',
  ANDROID = 'ANDROID',
  BACKEND = 'BACKEND',
}

export enum ProjectStatus {
  DRAFT = 'DRAFT',
  PLANNED = 'PLANNED',
  FUNDED = 'FUNDED',
  CANCELLED = 'CANCELLED',
}

/** Hourly rate in minor units per skill level 1..5, used to price tasks. */
export type RateCard = Record<1 | 2 | 3 | 4 | 5, number>;

/** A sensible default in USD cents: junior to principal. */
export const DEFAULT_RATE_CARD: RateCard = { 1: 3000, 2: 4500, 3: 6000, 4: 8000, 5: 11000 };

export const BRIEF_MAX_LENGTH = 100_000;
