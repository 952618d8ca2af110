import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { UserModel } from './user.model';

@ObjectType('UserConnection')
export class UserConnection extends Connection(UserModel, 'User') {}
