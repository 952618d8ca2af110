import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CancelProjectPayload')
export class CancelProjectPayload {
  @Field({ description: 'The unspent escrow, if any, is refunded to the owner in the background.' })
  cancelled!: boolean;
}
