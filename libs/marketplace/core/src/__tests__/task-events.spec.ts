import type { SkillLevel } from '@splitwork/planning-core';
import { mayWatchTaskEvent, openTaskMatches } from '../task-events';

describe('mayWatchTaskEvent', () => {
  const audience = { ownerId: 'owner', reviewerIds: ['rev'], assigneeIds: ['free'] };

  it("lets the project's owner, reviewers, the task's assignee and admins watch", () => {
    for (const id of ['owner', 'rev', 'free'])
      expect(mayWatchTaskEvent({ id, admin: false }, audience)).toBe(true);
    expect(mayWatchTaskEvent({ id: 'someone', admin: true }, audience)).toBe(true);
  });

  it('keeps everyone else out', () => {
    expect(mayWatchTaskEvent({ id: 'other-owner', admin: false }, audience)).toBe(false);
  });
});

describe('openTaskMatches', () => {
  const task = { skills: [{ skill: 'React', minLevel: 3 as SkillLevel }] };
  const freelancer = (level: SkillLevel, organizationIds: string[] = []) => ({
    freelancerId: 'f1',
    skills: [{ skill: 'react', level }],
    organizationIds,
  });

  it('announces a task whose skills the profile covers', () => {
    expect(openTaskMatches(freelancer(4), task)).toBe(true);
  });

  it('does not announce a task above the freelancer’s level', () => {
    expect(openTaskMatches(freelancer(2), task)).toBe(false);
  });

  it('does not announce a private task outside the freelancer’s pools', () => {
    const privateTask = { ...task, pool: { kind: 'ORGANIZATION' as const, organizationId: 'org' } };
    expect(openTaskMatches(freelancer(5), privateTask)).toBe(false);
    expect(openTaskMatches(freelancer(5, ['org']), privateTask)).toBe(true);
  });
});
