export * from './task-state';
export * from './release';
export * from './claim-policy';
export * from './scorecard';
export * from './reputation';
export * from './matching';
export * from './marketplace.errors';
export type { FreelancerSkill, SkillGap } from './skills.util';
export { skillGaps, skillKey } from './skills.util';
