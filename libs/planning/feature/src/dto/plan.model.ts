import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { Money } from '@splitwork/kernel';
import {
  isOwnerAdded,
  pertExpectedHours,
  Plan,
  PlannedTask,
  PlanSettings,
  PlanSummary,
  Requirement,
  TaskPrice,
} from '@splitwork/planning-core';
import { CoverageStrength } from './coverage-strength.enum';
import { WorkPlatform } from './work-platform.enum';
import { EstimateModel } from './estimate.model';
import { PlanTaskModel } from './plan-task.model';
import { PlanFeatureModel } from './plan-feature.model';
import { PlanRequirementModel } from './plan-requirement.model';
import { PlanSummaryModel } from './plan-summary.model';

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
    entity: r.story?.entity ?? null,
    action: r.story?.action ?? null,
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
        addedByOwner: isOwnerAdded(t),
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
            strength: e.strength as CoverageStrength,
          })),
          totalCount: summary.coverage.totalCount,
          coveredCount: summary.coverage.coveredCount,
          tracedCount: summary.coverage.tracedCount,
          strongCount: summary.coverage.strongCount,
          weakCount: summary.coverage.weakCount,
          missingCount: summary.coverage.missingCount,
          coveragePercent: summary.coverage.coveragePercent,
          uncoveredRequirementIds: [...summary.coverage.uncoveredIds],
        },
      },
    });
  }
}
