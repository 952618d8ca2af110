import { registerEnumType } from '@nestjs/graphql';

/** Mirrors planning-core's BriefLineKind. */
export enum BriefLineKind {
  REQUIREMENT = 'REQUIREMENT',
  CONTEXT = 'CONTEXT',
  SCOPE = 'SCOPE',
}
registerEnumType(BriefLineKind, {
  name: 'BriefLineKind',
  description:
    'How the planner reads a brief line: REQUIREMENT is planned; CONTEXT (headings, links, metadata, marketing or background prose) is never planned nor priced; SCOPE (MVP focus, out of scope, later) narrows the plan.',
});
