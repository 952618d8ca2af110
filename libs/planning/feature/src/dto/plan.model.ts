import {
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { Money } from '@splitwork/kernel';
import {
  Forecast,
  pertExpectedHours,
  Plan,
  PlannedTask,
  PlanSettings,
  PlanSummary,
  Requirement,
  TaskPrice,
} from '@splitwork/planning-core';

export enum WorkPlatform {
  WEB = 'WEB',
  IOS = 'IOS',
  ANDROID = 'ANDROID',
  BACKEND = 'BACKEND',
  DESIGN = 'DESIGN',
  QA = 'QA',
  DEVOPS = 'DEVOPS',
}
registerEnumType(WorkPlatform, {
  name: 'WorkPlatform',
  description: 'Who does the work of a task.',
});

@ObjectType('Estimate', {
  description: 'Three-point estimate in hours, with the PERT expected value.',
})
export class EstimateModel {
  @Field(() => Float)
  optimistic!: number;

  @Field(() => Float)
  likely!: number;

  @Field(() => Float)
  pessimistic!: number;

  @Field(() => Float, { description: '(optimistic + 4 × likely + pessimistic) / 6' })
  expected!: number;
}

@ObjectType('SkillRequirement')
export class SkillRequirementModel {
  @Field()
  skill!: string;

  @Field(() => Int)
  minLevel!: number;
}

@ObjectType('PlanTask')
export class PlanTaskModel {
  @Field({ description: 'Stable id of the task within the plan.' })
  key!: string;

  @Field()
  featureKey!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => [String], { description: 'A checklist a reviewer can score.' })
  acceptanceCriteria!: string[];

  @Field(() => [SkillRequirementModel])
  skills!: SkillRequirementModel[];

  @Field(() => WorkPlatform)
  platform!: WorkPlatform;

  @Field(() => EstimateModel)
  estimate!: EstimateModel;

  @Field(() => MoneyModel, {
    description: 'Expected hours × the rate of the highest skill level required.',
  })
  price!: MoneyModel;

  @Field(() => [String], { description: 'Keys of the tasks that must be done first.' })
  dependsOn!: string[];

  @Field(() => [String], { description: 'Ids of the brief requirements this task traces to.' })
  requirementIds!: string[];

  @Field({ description: 'Locked tasks are kept as they are by a re-plan.' })
  locked!: boolean;
}

@ObjectType('PlanFeature', { description: 'A feature or milestone grouping tasks.' })
export class PlanFeatureModel {
  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field(() => Int)
  order!: number;
}

@ObjectType('PlanRequirement', { description: 'A requirement line found in the brief.' })
export class PlanRequirementModel {
  @Field()
  id!: string;

  @Field()
  text!: string;

  @Field({ description: 'bullet, numbered, user-story, sentence or heading-item' })
  kind!: string;

  @Field(() => Int)
  line!: number;

  @Field(() => String, { nullable: true })
  section!: string | null;

  @Field(() => [String], {
    description: '`instruction-like`: text addressed to the planner, never obeyed.',
  })
  flags!: string[];
}

@ObjectType('CoverageEntry')
export class CoverageEntryModel {
  @Field()
  requirementId!: string;

  @Field()
  text!: string;

  @Field(() => [String])
  taskKeys!: string[];
}

@ObjectType('CoverageReport', {
  description: 'Every requirement of the brief with the tasks that cover it.',
})
export class CoverageReportModel {
  @Field(() => [CoverageEntryModel])
  entries!: CoverageEntryModel[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => Int)
  coveredCount!: number;

  @Field(() => Float)
  coveragePercent!: number;

  @Field(() => [String])
  uncoveredRequirementIds!: string[];
}

@ObjectType('BudgetComparison')
export class BudgetComparisonModel {
  @Field(() => MoneyModel)
  budget!: MoneyModel;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field({ description: 'Funding an over-budget plan is refused with BUDGET_EXCEEDED.' })
  overBudget!: boolean;

  @Field(() => MoneyModel)
  overBy!: MoneyModel;

  @Field(() => MoneyModel)
  remaining!: MoneyModel;
}

@ObjectType('PlanSummary')
export class PlanSummaryModel {
  @Field(() => Int)
  taskCount!: number;

  @Field(() => Int)
  featureCount!: number;

  @Field(() => Int)
  requirementCount!: number;

  @Field(() => EstimateModel, { description: 'Sums of the task estimates.' })
  hours!: EstimateModel;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field(() => BudgetComparisonModel)
  budget!: BudgetComparisonModel;

  @Field(() => CoverageReportModel)
  coverage!: CoverageReportModel;
}

@ObjectType('PlanForecast', {
  description: 'Monte Carlo over the three-point estimates and the dependency graph.',
})
export class PlanForecastModel {
  @Field(() => Int)
  freelancers!: number;

  @Field(() => Int)
  iterations!: number;

  @Field(() => MoneyModel)
  p50Cost!: MoneyModel;

  @Field(() => MoneyModel)
  p90Cost!: MoneyModel;

  @Field(() => Float, {
    description: 'Calendar duration in working days (8 h) with that many freelancers.',
  })
  p50DurationDays!: number;

  @Field(() => Float)
  p90DurationDays!: number;

  @Field(() => [String], {
    description: 'Longest dependency chain by expected hours, first task first.',
  })
  criticalPath!: string[];

  @Field(() => Float)
  criticalPathHours!: number;

  static from(forecast: Forecast): PlanForecastModel {
    const currency = forecast.cost.currency;
    return {
      freelancers: forecast.freelancers,
      iterations: forecast.iterations,
      p50Cost: MoneyModel.from({ amountCents: forecast.cost.p50Cents, currency }),
      p90Cost: MoneyModel.from({ amountCents: forecast.cost.p90Cents, currency }),
      p50DurationDays: forecast.durationDays.p50,
      p90DurationDays: forecast.durationDays.p90,
      criticalPath: [...forecast.criticalPath.taskKeys],
      criticalPathHours: forecast.criticalPath.expectedHours,
    };
  }
}

function estimateModel(e: PlannedTask['estimate']): EstimateModel {
  return { ...e, expected: Math.round(pertExpectedHours(e) * 100) / 100 };
}

function requirementModel(r: Requirement): PlanRequirementModel {
  return {
    id: r.id,
    text: r.text,
    kind: r.kind,
    line: r.line,
    section: r.section ?? null,
    flags: [...(r.flags ?? [])],
  };
}

/** A project's current plan, priced with the project's rate card. */
@ObjectType('Plan')
export class PlanModel {
  /** The document and settings, for the computed fields. */
  document!: Plan;
  settings!: PlanSettings;
  projectId!: string;

  @Field(() => Int, { description: 'Goes up by one with every edit or re-plan.' })
  version!: number;

  @Field(() => ID, { description: 'The planning run that produced the plan.' })
  runId!: string;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  @Field(() => [PlanFeatureModel])
  features!: PlanFeatureModel[];

  @Field(() => [PlanTaskModel])
  tasks!: PlanTaskModel[];

  @Field(() => [PlanRequirementModel])
  requirements!: PlanRequirementModel[];

  @Field(() => PlanSummaryModel)
  summary!: PlanSummaryModel;

  static from(
    source: { projectId: string; runId: string; version: number; updatedAt: Date; document: Plan },
    settings: PlanSettings,
    summary: PlanSummary,
    prices: readonly TaskPrice[],
    budget: Money,
  ): PlanModel {
    const priceOf = new Map(prices.map((p) => [p.taskKey, p.price]));
    const { document } = source;
    const money = (amountCents: number) =>
      MoneyModel.from({ amountCents, currency: budget.currency });
    const comparison = summary.budget!;
    return Object.assign(new PlanModel(), {
      document,
      settings,
      projectId: source.projectId,
      version: source.version,
      runId: source.runId,
      updatedAt: source.updatedAt,
      features: document.features.map((f) => ({ key: f.key, title: f.title, order: f.order })),
      tasks: document.tasks.map((t) => ({
        key: t.key,
        featureKey: t.featureKey,
        title: t.title,
        description: t.description,
        acceptanceCriteria: [...t.acceptanceCriteria],
        skills: t.skills.map((s) => ({ skill: s.skill, minLevel: s.minLevel })),
        platform: t.platform as WorkPlatform,
        estimate: estimateModel(t.estimate),
        price: MoneyModel.from(priceOf.get(t.key)!),
        dependsOn: [...t.dependsOn],
        requirementIds: [...t.requirementIds],
        locked: t.locked ?? false,
      })),
      requirements: document.requirements.map(requirementModel),
      summary: {
        taskCount: summary.totals.taskCount,
        featureCount: summary.totals.featureCount,
        requirementCount: summary.totals.requirementCount,
        hours: summary.totals.hours,
        total: MoneyModel.from(summary.totals.price),
        budget: {
          budget: money(comparison.budgetCents),
          total: money(comparison.totalCents),
          overBudget: comparison.overBudget,
          overBy: money(comparison.overByCents),
          remaining: money(comparison.remainingCents),
        },
        coverage: {
          entries: summary.coverage.entries.map((e) => ({
            requirementId: e.requirementId,
            text: e.text,
            taskKeys: [...e.taskKeys],
          })),
          totalCount: summary.coverage.totalCount,
          coveredCount: summary.coverage.coveredCount,
          coveragePercent: summary.coverage.coveragePercent,
          uncoveredRequirementIds: [...summary.coverage.uncoveredIds],
        },
      },
    });
  }
}
