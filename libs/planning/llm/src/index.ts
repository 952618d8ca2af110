export { LlmPlanner } from './llm-planner.adapter';
export type { LlmPlannerOptions, PlannerLog, ResponseFormatSetting } from './llm-planner.options';
export {
  DEFAULT_OPENAI_BASE_URL,
  LLM_PLANNER_DEFAULTS,
  RESPONSE_FORMATS,
} from './llm-planner.options';
export { stripThinking } from './answer-text';
export { cutOffReason, END_MARKER, mergeCorrection, partialAnswer } from './answer-completeness';
export {
  answerBudget,
  contextTokensForModel,
  estimatePromptTokens,
  MIN_ANSWER_TOKENS,
} from './context-budget';
export type { ModelPricing } from './model-pricing';
export { costMicroUsd, MODEL_PRICING, pricingForModel } from './model-pricing';
export type {
  FeatureTasksAnswer,
  OutlineAnswer,
  OutlineFeatureAnswer,
  PlanAnswer,
  TaskAnswer,
} from './plan-answer.schema';
export {
  ANSWER_SCHEMA_NAMES,
  FEATURE_TASKS_ANSWER_SCHEMA,
  LLM_PROMPT_VERSION,
  LLM_SCHEMA_VERSION,
  OUTLINE_ANSWER_SCHEMA,
  PLAN_ANSWER_SCHEMA,
} from './plan-answer.schema';
export type { JsonSchema } from './json-schema';
export {
  FEATURE_TASKS_SYSTEM_PROMPT,
  OUTLINE_SYSTEM_PROMPT,
  PLAN_SYSTEM_PROMPT,
} from './planning-prompts';
export type { LlmPlanningStage } from './planning-progress';
export { LLM_PLANNING_STAGES } from './planning-progress';
