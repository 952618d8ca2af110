import type { TargetPlatform as CoreTargetPlatform } from '@splitwork/planning-core';

/** What a project is built for; the plan adds design, QA and devops work itself. */
export enum TargetPlatform {
  WEB = 'WEB',
  IOS = 'IOS',
  ANDROID = 'ANDROID',
  BACKEND = 'BACKEND',
}

// One entry per platform of the planning core: the compiler keeps both sets equal.
const TO_CORE: Record<TargetPlatform, CoreTargetPlatform> = {
  [TargetPlatform.WEB]: 'WEB',
  [TargetPlatform.IOS]: 'IOS',
  [TargetPlatform.ANDROID]: 'ANDROID',
  [TargetPlatform.BACKEND]: 'BACKEND',
};

export function toCoreTargets(platforms: readonly TargetPlatform[]): CoreTargetPlatform[] {
  return platforms.map((p) => TO_CORE[p]);
}

export enum ProjectStatus {
  DRAFT = 'DRAFT',
  PLANNED = 'PLANNED',
  FUNDED = 'FUNDED',
  CANCELLED = 'CANCELLED',
}

export enum PlanningRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

export const BRIEF_MAX_LENGTH = 100_000;
