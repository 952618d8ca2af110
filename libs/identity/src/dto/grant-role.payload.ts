import { Field, ObjectType } from '@nestjs/graphql';
import { UserModel } from './user.model';

@ObjectType('GrantRolePayload')
export class GrantRolePayload {
  @Field(() => UserModel)
  user!: UserModel;
}
