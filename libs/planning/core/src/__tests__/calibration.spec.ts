import { DomainError } from '@splitwork/kernel';
import { applyCalibration } from '../calibration';
import { aPlan, aTask } from './support/plan-builders';

describe('applyCalibration', () => {
  const plan = aPlan([
    aTask({
      key: 'api',
      skills: [{ skill: 'nestjs', minLevel: 3 }],
      estimate: { optimistic: 2, likely: 4, pessimistic: 8 },
    }),
    aTask({
      key: 'web',
      platform: 'WEB',
      skills: [
        { skill: 'React', minLevel: 3 },
        { skill: 'typescript', minLevel: 2 },
      ],
      estimate: { optimistic: 2, likely: 4, pessimistic: 8 },
    }),
    aTask({ key: 'design', platform: 'DESIGN', skills: [{ skill: 'figma', minLevel: 2 }] }),
    aTask({ key: 'locked', locked: true, skills: [{ skill: 'nestjs', minLevel: 3 }] }),
  ]);

  it('scales the estimates of tasks using a calibrated skill and reports what changed', () => {
    const { plan: calibrated, adjustments } = applyCalibration(plan, {
      nestjs: 1.5,
      react: 1.2,
      typescript: 0.8,
    });

    expect(adjustments.map((a) => [a.taskKey, a.factor, a.skills])).toEqual([
      ['api', 1.5, ['nestjs']],
    ]);
    expect(calibrated.tasks[0].estimate).toEqual({ optimistic: 3, likely: 6, pessimistic: 12 });
    expect(adjustments[0].before).toEqual({ optimistic: 2, likely: 4, pessimistic: 8 });
  });

  it('uses the mean factor of several calibrated skills, matching names case-insensitively', () => {
    const { plan: calibrated, adjustments } = applyCalibration(plan, {
      REACT: 1.5,
      typescript: 1.1,
    });

    expect(adjustments.map((a) => [a.taskKey, a.factor])).toEqual([['web', 1.3]]);
    expect(calibrated.tasks[1].estimate).toEqual({
      optimistic: 2.5,
      likely: 5.25,
      pessimistic: 10.5,
    });
  });

  it('leaves locked tasks and tasks without a calibrated skill alone', () => {
    const { plan: calibrated } = applyCalibration(plan, { nestjs: 2 });

    expect(calibrated.tasks[2]).toBe(plan.tasks[2]);
    expect(calibrated.tasks[3]).toBe(plan.tasks[3]);
  });

  it('refuses factors that are not positive finite numbers up to 10', () => {
    expect(() => applyCalibration(plan, { nestjs: 0 })).toThrow(DomainError);
    expect(() => applyCalibration(plan, { nestjs: Number.NaN })).toThrow(DomainError);
    expect(() => applyCalibration(plan, { nestjs: 11 })).toThrow(DomainError);
  });
});
