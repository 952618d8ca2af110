import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@splitwork/kernel';
import type { UserAccount } from '../user.repository';

registerEnumType(Role, { name: 'Role', description: 'What a user may do on the platform.' });

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  static from(entity: UserAccount): UserModel {
    return Object.assign(new UserModel(), {
      id: entity.id,
      email: entity.email,
      displayName: entity.displayName,
      roles: entity.roles,
      createdAt: entity.createdAt,
    });
  }
}
