import { DomainError } from '@splitwork/kernel';
import { skillKey } from './skills.util';

export interface FreelancerProfileDraft {
  readonly skills: readonly { readonly skill: string; readonly level: number }[];
  readonly timezone: string;
  readonly weeklyHours: number;
  readonly portfolioLinks: readonly string[];
}

export const MAX_WEEKLY_HOURS = 80;

/** An IANA zone name (`Europe/Berlin`) or `UTC`; offsets and abbreviations are refused. */
export function isIanaTimeZone(zone: string): boolean {
  if (zone !== 'UTC' && !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isHttpsUrl(link: string): boolean {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Skills with levels 1–5, each named once (freelancer and reviewer profiles); BAD_USER_INPUT otherwise. */
export function assertValidSkills(skills: FreelancerProfileDraft['skills']): void {
  const seen = new Set<string>();
  skills.forEach((s, i) => {
    const key = skillKey(s.skill);
    if (key === '') {
      throw DomainError.badInput('A skill needs a name', { field: `skills.${i}.skill` });
    }
    if (!Number.isInteger(s.level) || s.level < 1 || s.level > 5) {
      throw DomainError.badInput('A skill level is from 1 to 5', {
        field: `skills.${i}.level`,
        value: s.level,
      });
    }
    if (seen.has(key)) {
      throw DomainError.badInput(`The skill "${key}" is listed twice`, {
        field: `skills.${i}.skill`,
        value: key,
      });
    }
    seen.add(key);
  });
}

/** The profile's rules; throws BAD_USER_INPUT naming the first field that breaks one. */
export function assertValidProfile(draft: FreelancerProfileDraft): void {
  assertValidSkills(draft.skills);
  if (!isIanaTimeZone(draft.timezone)) {
    throw DomainError.badInput('timezone must be an IANA zone such as Europe/Berlin', {
      field: 'timezone',
      value: draft.timezone,
    });
  }
  if (
    !Number.isInteger(draft.weeklyHours) ||
    draft.weeklyHours < 0 ||
    draft.weeklyHours > MAX_WEEKLY_HOURS
  ) {
    throw DomainError.badInput(`weeklyHours is from 0 to ${MAX_WEEKLY_HOURS}`, {
      field: 'weeklyHours',
      value: draft.weeklyHours,
    });
  }
  draft.portfolioLinks.forEach((link, i) => {
    if (!isHttpsUrl(link)) {
      throw DomainError.badInput('Portfolio links must be https URLs', {
        field: `portfolioLinks.${i}`,
        value: link,
      });
    }
  });
}
