import { registerEnumType } from '@nestjs/graphql';
import { PlanningRunStatus } from '../target-platform';

registerEnumType(PlanningRunStatus, { name: 'PlanningRunStatus' });

export { PlanningRunStatus };
