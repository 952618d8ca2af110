import { DomainError, ErrorCode } from '@splitwork/kernel';
import { assertValidProfile, FreelancerProfileDraft, isIanaTimeZone } from '../profile-rules';

const valid: FreelancerProfileDraft = {
  skills: [
    { skill: 'React', level: 4 },
    { skill: 'node', level: 2 },
  ],
  timezone: 'Europe/Berlin',
  weeklyHours: 20,
  portfolioLinks: ['https://github.com/someone'],
};

function fieldOf(draft: FreelancerProfileDraft): string | undefined {
  try {
    assertValidProfile(draft);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return String((error as DomainError).details?.field);
  }
}

describe('freelancer profile rules', () => {
  it('accepts a valid profile', () => {
    expect(fieldOf(valid)).toBeUndefined();
    expect(
      fieldOf({ ...valid, timezone: 'UTC', weeklyHours: 0, portfolioLinks: [] }),
    ).toBeUndefined();
  });

  it('refuses a skill listed twice, whatever its case', () => {
    expect(fieldOf({ ...valid, skills: [...valid.skills, { skill: ' REACT ', level: 1 }] })).toBe(
      'skills.2.skill',
    );
  });

  it('refuses levels outside 1–5', () => {
    expect(fieldOf({ ...valid, skills: [{ skill: 'css', level: 6 }] })).toBe('skills.0.level');
    expect(fieldOf({ ...valid, skills: [{ skill: 'css', level: 0 }] })).toBe('skills.0.level');
  });

  it('refuses a zone that is not an IANA name', () => {
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(fieldOf({ ...valid, timezone: 'Mars/Olympus' })).toBe('timezone');
    expect(fieldOf({ ...valid, timezone: '+02:00' })).toBe('timezone');
    expect(fieldOf({ ...valid, timezone: 'EST' })).toBe('timezone');
  });

  it('refuses weekly hours outside 0–80', () => {
    expect(fieldOf({ ...valid, weeklyHours: 81 })).toBe('weeklyHours');
    expect(fieldOf({ ...valid, weeklyHours: -1 })).toBe('weeklyHours');
  });

  it('refuses links that are not https', () => {
    expect(fieldOf({ ...valid, portfolioLinks: ['http://example.com'] })).toBe('portfolioLinks.0');
    expect(fieldOf({ ...valid, portfolioLinks: ['javascript:alert(1)'] })).toBe('portfolioLinks.0');
  });
});
