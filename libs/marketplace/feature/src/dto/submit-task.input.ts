import { Field, Float, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { TaskRefInput } from './task-ref.input';

@InputType()
export class SubmitTaskInput extends TaskRefInput {
  @Field(() => [String], { description: 'Deliverables, e.g. a pull request URL.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  links!: string[];

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(10_000)
  notes!: string;

  @Field(() => Float)
  @Min(0)
  @Max(500)
  hoursSpent!: number;
}
