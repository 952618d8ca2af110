import { registerEnumType } from '@nestjs/graphql';
import { TargetPlatform } from '../target-platform';

registerEnumType(TargetPlatform, { name: 'TargetPlatform' });

export { TargetPlatform };
