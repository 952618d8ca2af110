import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { UserModel } from './user.model';

@ObjectType('AuthPayload', {
  description: 'A new session: a short-lived access token and a refresh token.',
})
export class AuthPayload {
  @Field()
  accessToken!: string;

  @Field(() => GraphQLISODateTime)
  accessTokenExpiresAt!: Date;

  @Field({
    description: 'Single use: each refresh returns a new one; reusing an old one ends the session.',
  })
  refreshToken!: string;

  @Field(() => GraphQLISODateTime)
  refreshTokenExpiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;
}
