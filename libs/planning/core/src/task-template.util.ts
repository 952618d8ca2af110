import {
  CLIENT_PLATFORMS,
  ClientPlatform,
  Platform,
  Requirement,
  SkillLevel,
  SkillRequirement,
  TargetPlatform,
} from './plan.types';
import { quoteText, truncateText } from './text.util';

export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  WEB: 'Web',
  IOS: 'iOS',
  ANDROID: 'Android',
  BACKEND: 'Backend',
  DESIGN: 'Design',
  QA: 'QA',
  DEVOPS: 'DevOps',
};

const MAX_REQUIREMENT_CRITERIA = 3;
const MAX_DESCRIBED_REQUIREMENTS = 12;
const MAX_LISTED_IDS = 10;

export function clientTargets(targets: readonly TargetPlatform[]): ClientPlatform[] {
  return CLIENT_PLATFORMS.filter((p) => targets.includes(p));
}

export function skill(name: string, minLevel: SkillLevel): SkillRequirement {
  return { skill: name, minLevel };
}

/** One entry per skill, keeping the highest level asked for. */
export function mergeSkills(skills: readonly SkillRequirement[]): SkillRequirement[] {
  const byName = new Map<string, SkillRequirement>();
  for (const s of skills) {
    const existing = byName.get(s.skill);
    if (!existing || existing.minLevel < s.minLevel) byName.set(s.skill, s);
  }
  return [...byName.values()];
}

/** `R1, R2, R3` with the rest counted, so a criterion stays readable. */
export function listIds(ids: readonly string[]): string {
  if (ids.length <= MAX_LISTED_IDS) return ids.join(', ');
  return `${ids.slice(0, MAX_LISTED_IDS).join(', ')} and ${ids.length - MAX_LISTED_IDS} more`;
}

function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** "a sitter can publish a profile": the line's own action on its own thing. */
function storySentence(story: NonNullable<Requirement['story']>): string {
  const who = story.actor ? withArticle(story.actor) : 'a user';
  return `${who} can ${story.action} ${withArticle(story.entity)}`;
}

/**
 * Checklist items naming the requirements a task serves: one per requirement
 * up to three; past that, two are quoted and the rest listed by id.
 */
export function requirementCriteria(
  requirements: readonly Requirement[],
  phrase: (id: string, quoted: string) => string,
): string[] {
  const quotedCount =
    requirements.length <= MAX_REQUIREMENT_CRITERIA
      ? requirements.length
      : MAX_REQUIREMENT_CRITERIA - 1;
  const criteria = requirements
    .slice(0, quotedCount)
    // Said the way this kind of work serves it: "Schema stores what R2 needs: a sitter can publish a profile".
    .map((r) => phrase(r.id, r.story ? storySentence(r.story) : quoteText(r.text)));
  const rest = requirements.slice(quotedCount).map((r) => r.id);
  if (rest.length > 0) {
    criteria.push(`Also meets ${listIds(rest)} as written in the brief (see the description)`);
  }
  return criteria;
}

/** The task's purpose followed by the brief lines it traces to. */
export function describeTask(purpose: string, requirements: readonly Requirement[]): string {
  if (requirements.length === 0) return purpose;
  const shown = requirements
    .slice(0, MAX_DESCRIBED_REQUIREMENTS)
    .map((r) => `- ${r.id}: ${truncateText(r.text, 240)}`);
  const more = requirements.length - MAX_DESCRIBED_REQUIREMENTS;
  if (more > 0) shown.push(`- …and ${more} more (see the brief)`);
  return [purpose, '', 'From the brief:', ...shown].join('\n');
}
