import { resolvePlanSettings, type PlanSettings } from '@splitwork/planning-core';
import { scriptedPlanAnswer, type ScriptedPlanAnswer } from './fake-openai';
import { planningContext, type PlanningContext } from '../../planning-context';

export const SETTINGS: PlanSettings = resolvePlanSettings({ targetPlatforms: ['WEB', 'BACKEND'] });

export function contextFor(brief: string, settings: PlanSettings = SETTINGS): PlanningContext {
  return planningContext(brief, settings);
}

/** A fresh, valid answer for the brief; tests mutate their own copy. */
export function answerFor(brief: string, settings: PlanSettings = SETTINGS): ScriptedPlanAnswer {
  return scriptedPlanAnswer(brief, settings);
}

/** Two tasks of the answer where the second depends on the first (to close a cycle). */
export function dependentPair(answer: ScriptedPlanAnswer): { first: string; second: string } {
  for (const task of answer.tasks) {
    const dep = task.dependsOn[0];
    if (dep !== undefined) return { first: dep, second: task.key };
  }
  throw new Error('The answer has no dependency');
}
