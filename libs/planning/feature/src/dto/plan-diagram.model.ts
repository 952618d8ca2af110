import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('PlanDiagram', {
  description:
    "One Mermaid diagram of a plan, within Mermaid's default limits (50,000 characters, 500 edges).",
})
export class PlanDiagramModel {
  @Field({
    description: '`overview`, or the key of the feature it draws (`-2`, `-3`... for parts).',
  })
  key!: string;

  @Field()
  title!: string;

  @Field({ description: 'Mermaid flowchart text.' })
  mermaid!: string;
}
