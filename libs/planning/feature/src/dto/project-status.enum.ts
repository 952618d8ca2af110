import { registerEnumType } from '@nestjs/graphql';
import { ProjectStatus } from '../target-platform';

registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

export { ProjectStatus };
