import type { SkillLevel, SkillRequirement } from '@splitwork/planning-core';

/** A skill a freelancer declares on the profile, with a level from 1 (junior) to 5 (expert). */
export interface FreelancerSkill {
  readonly skill: string;
  readonly level: SkillLevel;
}

/** A required skill the freelancer lacks (`level` null) or holds below the required level. */
export interface SkillGap {
  readonly skill: string;
  readonly requiredLevel: number;
  readonly level: number | null;
}

/** Skill names are compared trimmed and case-insensitively, as the planner's calibration does. */
export function skillKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The freelancer's level per skill key; a skill listed twice counts at its higher level. */
export function skillLevels(skills: readonly FreelancerSkill[]): Map<string, number> {
  const levels = new Map<string, number>();
  for (const { skill, level } of skills) {
    const key = skillKey(skill);
    levels.set(key, Math.max(level, levels.get(key) ?? 0));
  }
  return levels;
}

/**
 * Every requirement the freelancer does not meet, in the order of the task's
 * requirements; empty when qualified. A skill required twice is checked at
 * its highest required level, once.
 */
export function skillGaps(
  skills: readonly FreelancerSkill[],
  requirements: readonly SkillRequirement[],
): SkillGap[] {
  const have = skillLevels(skills);
  const required = new Map<string, { skill: string; level: number }>();
  for (const { skill, minLevel } of requirements) {
    const key = skillKey(skill);
    const seen = required.get(key);
    if (!seen || minLevel > seen.level) required.set(key, { skill: key, level: minLevel });
  }
  const gaps: SkillGap[] = [];
  for (const [key, { skill, level: requiredLevel }] of required) {
    const level = have.get(key) ?? null;
    if (level === null || level < requiredLevel) gaps.push({ skill, requiredLevel, level });
  }
  return gaps;
}

/** The whitespace `String.prototype.trim` removes, as a PostgreSQL escape string (it has no \v escape). */
const SQL_TRIMMED = `E' \\t\\n\\r\\f\\x0B\\u00A0\\uFEFF'`;

/** `skillKey` in SQL, for the `skill` field of a jsonb skill element. */
export function skillKeySql(element: string): string {
  return `lower(btrim(${element}->>'skill', ${SQL_TRIMMED}))`;
}

/**
 * The SQL twin of `skillGaps(have, required).length === 0`, over two jsonb
 * arrays (`[{skill, level}]` held, `[{skill, minLevel}]` required): every
 * requirement is met by some held skill with the same key at or above its
 * level. Both sides come from this file, and a property test runs them
 * against each other on PostgreSQL.
 */
export function meetsSkillRequirementsSql(haveJsonb: string, requiredJsonb: string): string {
  return `NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements(${requiredJsonb}) req
    WHERE NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements(${haveJsonb}) have
      WHERE ${skillKeySql('have')} = ${skillKeySql('req')}
        AND (have->>'level')::int >= (req->>'minLevel')::int))`;
}
