import { Field, InputType } from '@nestjs/graphql';
import { RequiredText } from '@splitwork/api-kit';

@InputType()
export class CreateOrganizationInput {
  @Field()
  @RequiredText({ max: 100, singleLine: true })
  name!: string;
}
