import { registerEnumType } from '@nestjs/graphql';

/** Mirrors planning-core's CoverageStrength. */
export enum CoverageStrength {
  STRONG = 'STRONG',
  WEAK = 'WEAK',
  MISSING = 'MISSING',
}
registerEnumType(CoverageStrength, {
  name: 'CoverageStrength',
  description:
    "STRONG: a traced task's own title, description or criteria name the requirement's thing and action; WEAK: tasks trace to it but none says it builds it; MISSING: no task traces to it.",
});
