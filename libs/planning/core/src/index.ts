export * from './plan.types';

export type { PlanSettingsInput } from './plan-settings';
export {
  DEFAULT_CURRENCY,
  DEFAULT_SIZE_BAND,
  DEFAULT_TARGET_PLATFORMS,
  assertSizeBand,
  defaultRateCard,
  resolvePlanSettings,
} from './plan-settings';

export {
  MAX_BRIEF_CHARS,
  extractRequirements,
  isInstructionLike,
  splitSentences,
} from './requirement-extractor';

export type {
  CatalogFeature,
  Complexity,
  KeywordMatcher,
  WorkKind,
  WorkLayers,
} from './feature-catalog';
export { FEATURE_CATALOG, WORK_KINDS } from './feature-catalog';

export type { FeatureMatch, FeatureRecognition, RecognizedFeature } from './feature-recognizer';
export {
  FOUNDATION_FEATURE_KEY,
  RELEASE_FEATURE_KEY,
  matchCatalogFeatures,
  recognizeFeatures,
} from './feature-recognizer';

export { planOffline } from './offline-planner';
export { computeCoverage } from './plan-coverage';
export { applySizeBand, expandTask, fitTasksToBand } from './size-band';

export type { PlanIssue, PlanIssueCode, ValidationOptions } from './plan-validator';
export { PLAN_ISSUE_CODES, isPlanValid, validatePlan } from './plan-validator';

export type { TaskNode } from './task-graph';
export { describeCycle, findCycles, topologicalOrder } from './task-graph';

export { isWellFormedEstimate, pertExpectedHours } from './estimate';

export type { PlanPricing, PricingSettings, TaskPrice } from './pricing';
export { pricePlan, priceTask, pricingSkillLevel, taskHourlyRateCents } from './pricing';

export type { DurationDistribution } from './duration-sampler';
export type { Forecast, ForecastCorrelation, ForecastOptions, Percentiles } from './forecast';
export { DEFAULT_CORRELATION, forecastPlan } from './forecast';

export type {
  BudgetComparison,
  CoverageEntry,
  CoverageReport,
  HoursTotals,
  PlanSummary,
  PlanTotals,
  PlatformTotals,
} from './plan-summary';
export { buildCoverageReport, compareBudget, summarizePlan } from './plan-summary';

export type { PlanJsonDocument, PlanJsonTask } from './plan-export';
export {
  CSV_COLUMNS,
  exportCsv,
  exportJson,
  exportMermaid,
  planJsonDocument,
  sanitizeMermaidLabel,
} from './plan-export';

export type { CalibrationAdjustment, CalibrationFactors, CalibrationResult } from './calibration';
export { applyCalibration, MAX_CALIBRATION_FACTOR } from './calibration';
export * from './planner.port';
export * from './offline-planner-adapter';
export * from './plan-editing';
export { exportJiraCsv, JIRA_BLOCKS, JIRA_ISSUE_ID, JIRA_PARENT } from './jira-export';
export type { GithubIssueSpec, GithubIssuesDocument } from './github-export';
export { exportGithubScript, githubIssuesDocument } from './github-export';
export type { MermaidDiagram } from './mermaid-diagrams';
export {
  exportMermaidDiagrams,
  MERMAID_MAX_EDGES,
  MERMAID_MAX_TEXT_SIZE,
} from './mermaid-diagrams';

export type {
  BriefLine,
  BriefLineKind,
  BriefLineOverrides,
  BriefReading,
  ScopeStatement,
} from './brief-lines';
export { BRIEF_LINE_KINDS, asksForSomething, isScopeStatement, readBrief } from './brief-lines';
export type { DomainEntity, DomainModel, StoryReading } from './domain-model';
export { buildDomainModel, readStory } from './domain-model';
export type { BriefNlp, PartOfSpeech, TaggedToken } from './nlp/brief-nlp.port';
export { defaultBriefNlp, WinkBriefNlp } from './nlp/wink-brief-nlp';
export type { CoverageStrength } from './coverage-check';
export { checkCoverage, COVERAGE_STRENGTHS } from './coverage-check';
export type { OfflinePlanOptions } from './offline-planner';
