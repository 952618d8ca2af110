import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('LogOutPayload')
export class LogOutPayload {
  @Field()
  loggedOut!: boolean;
}
