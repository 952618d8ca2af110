import { PlannedTask, Requirement } from './plan.types';
import { contentStems, stemWord } from './word-stem';

/**
 * How well a requirement is built by the tasks traced to it:
 * - `STRONG`: a traced task's own title, description or criteria name the
 *   requirement's thing and action (quotes of the brief do not count);
 * - `WEAK`: tasks trace to it, but none of them says it builds it;
 * - `MISSING`: no task traces to it.
 */
export const COVERAGE_STRENGTHS = ['STRONG', 'WEAK', 'MISSING'] as const;
export type CoverageStrength = (typeof COVERAGE_STRENGTHS)[number];

/** The words a task uses of its own: the brief quotes in its description and criteria removed. */
function ownWords(task: PlannedTask): Set<string> {
  const description = task.description.split(/\n\s*From the brief:/)[0];
  const criteria = task.acceptanceCriteria
    .map((c) => c.replace(/“[^”]*”?/g, ' '))
    .filter((c) => !/^Also meets\b/.test(c));
  return new Set(contentStems([task.title, description, ...criteria].join(' ')));
}

/** The terms a task must name to build the requirement. */
function requiredTerms(requirement: Requirement): {
  all: string[];
  some?: string[];
  atLeast?: number;
} {
  if (requirement.story) {
    const entity = contentStems(requirement.story.entity);
    const action = requirement.story.action.split(' ').map(stemWord);
    return { all: [...entity, action[0]] };
  }
  // Without a reading: most of the line's content words.
  const terms = contentStems(requirement.text).slice(0, 6);
  return {
    all: [],
    some: terms,
    atLeast: Math.min(terms.length, Math.max(2, Math.ceil(terms.length * 0.6))),
  };
}

function names(words: Set<string>, terms: ReturnType<typeof requiredTerms>): boolean {
  if (!terms.all.every((t) => words.has(t))) return false;
  if (!terms.some) return terms.all.length > 0;
  return terms.some.filter((t) => words.has(t)).length >= (terms.atLeast ?? 1);
}

/** The strength of each requirement's coverage, by requirement id. */
export function checkCoverage(
  requirements: readonly Requirement[],
  tasks: readonly PlannedTask[],
): Map<string, CoverageStrength> {
  const traced = new Map<string, PlannedTask[]>(requirements.map((r) => [r.id, []]));
  for (const task of tasks) {
    for (const id of new Set(task.requirementIds)) traced.get(id)?.push(task);
  }
  const wordsOf = new Map<string, Set<string>>();
  const own = (task: PlannedTask): Set<string> => {
    let words = wordsOf.get(task.key);
    if (!words) {
      words = ownWords(task);
      wordsOf.set(task.key, words);
    }
    return words;
  };
  const result = new Map<string, CoverageStrength>();
  for (const requirement of requirements) {
    const byTasks = traced.get(requirement.id) ?? [];
    if (byTasks.length === 0) {
      result.set(requirement.id, 'MISSING');
      continue;
    }
    const terms = requiredTerms(requirement);
    result.set(requirement.id, byTasks.some((t) => names(own(t), terms)) ? 'STRONG' : 'WEAK');
  }
  return result;
}
