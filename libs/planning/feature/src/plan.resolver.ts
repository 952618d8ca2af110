import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import {
  exportCsv,
  exportGithubScript,
  exportJiraCsv,
  exportJson,
  exportMermaid,
  exportMermaidDiagrams,
  githubIssuesDocument,
} from '@splitwork/planning-core';
import { AddPlanTaskInput } from './dto/add-plan-task.input';
import { ExpandPlanTaskInput } from './dto/expand-plan-task.input';
import { PlanTaskRefInput } from './dto/plan-task-ref.input';
import { UpdatePlanTaskInput } from './dto/update-plan-task.input';
import { PlanDiagramModel } from './dto/plan-diagram.model';
import { PlanForecastModel } from './dto/plan-forecast.model';
import { PlanModel } from './dto/plan.model';
import { PlanService } from './plan.service';

@Resolver(() => PlanModel)
export class PlanResolver {
  constructor(private readonly plans: PlanService) {}

  @Authenticated(Role.OWNER)
  @Mutation(() => PlanModel, {
    description: 'Edits a task: wording, criteria, estimate, dependencies, lock.',
  })
  updatePlanTask(
    @Args('input') input: UpdatePlanTaskInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PlanModel> {
    const { projectId, key, ...patch } = input;
    return this.plans.updateTask(viewer, projectId, key, patch);
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => PlanModel, { description: 'Adds a task to a feature of the plan.' })
  addPlanTask(
    @Args('input') input: AddPlanTaskInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PlanModel> {
    const { projectId, ...task } = input;
    return this.plans.addTask(viewer, projectId, task);
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => PlanModel, {
    description: 'Removes a task; its dependents then wait for its own dependencies.',
  })
  removePlanTask(
    @Args('input') input: PlanTaskRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PlanModel> {
    return this.plans.removeTask(viewer, input.projectId, input.key);
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => PlanModel, { description: 'Splits a task into smaller chained parts.' })
  expandPlanTask(
    @Args('input') input: ExpandPlanTaskInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PlanModel> {
    return this.plans.expandTask(viewer, input.projectId, input.key, input.parts);
  }

  @ResolveField(() => PlanForecastModel, {
    description: 'P50/P90 cost and duration, and the critical path.',
  })
  forecast(
    @Parent() plan: PlanModel,
    @Args('freelancers', {
      type: () => Int,
      defaultValue: 3,
      description: 'Freelancers working in parallel (1–100).',
    })
    freelancers: number,
  ): PlanForecastModel {
    return this.plans.forecast(plan, freelancers);
  }

  @ResolveField(() => String, {
    description: 'The task graph as a Mermaid flowchart, features as subgraphs.',
  })
  mermaid(@Parent() plan: PlanModel): string {
    return exportMermaid(plan.document);
  }

  @ResolveField(() => [PlanDiagramModel], {
    description:
      "The task graph as Mermaid diagrams that render within Mermaid's default limits however large the plan: an overview of the features, then one per feature (in parts when needed).",
  })
  mermaidDiagrams(@Parent() plan: PlanModel): PlanDiagramModel[] {
    return exportMermaidDiagrams(plan.document).map((d) => ({ ...d }));
  }

  @ResolveField(() => String, {
    description:
      'CSV for Jira\'s importer: features as Epics (Parent), tasks with Labels and Original Estimate, dependencies as Blocks links (Issue Id; Link "Blocks" on the blocking task).',
  })
  jiraCsv(@Parent() plan: PlanModel): string {
    return exportJiraCsv(plan.document);
  }

  @ResolveField(() => String, {
    description:
      'A bash script for the gh CLI (REPO=owner/name) creating one issue per feature and task in dependency order, then linking them by number; safe to run again.',
  })
  githubScript(@Parent() plan: PlanModel): string {
    return exportGithubScript(plan.document);
  }

  @ResolveField(() => String, {
    description:
      'The issues the GitHub script creates, as JSON in creation order (features, then tasks after what they wait for), for replaying through the REST API.',
  })
  githubIssues(@Parent() plan: PlanModel): string {
    return `${JSON.stringify(githubIssuesDocument(plan.document), null, 2)}\n`;
  }

  @ResolveField(() => String, {
    description:
      'CSV of the tasks with estimates, prices and dependencies (spreadsheets, Linear); see jiraCsv and githubScript for tracker imports with links.',
  })
  csv(@Parent() plan: PlanModel): string {
    return exportCsv(plan.document, plan.settings);
  }

  @ResolveField(() => String, { description: 'The plan as a JSON document.' })
  json(@Parent() plan: PlanModel): string {
    return exportJson(plan.document, plan.settings);
  }
}
