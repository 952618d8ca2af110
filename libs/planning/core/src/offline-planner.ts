import { DomainError } from '@splitwork/kernel';
import {
  FOUNDATION_FEATURE_KEY,
  recognizeFeatures,
  RELEASE_FEATURE_KEY,
} from './feature-recognizer';
import {
  backendAnchorKey,
  buildFeatureTasks,
  featureTaskKey,
  FeatureWorkSpec,
  featureWorkSpec,
  plannedWorkKinds,
} from './feature-task-templates';
import { computeCoverage } from './plan-coverage';
import { resolvePlanSettings } from './plan-settings';
import { Feature, Plan, PlanSettings, PlannedTask, TargetPlatform } from './plan.types';
import {
  buildDesignSystemTask,
  buildReleaseTasks,
  buildSetupTask,
  ProjectTaskInput,
  SETUP_TASK_KEY,
} from './project-task-templates';
import { extractRequirements } from './requirement-extractor';
import { fitTasksToBand } from './size-band';

const UI_KINDS = new Set(['web', 'ios', 'android']);

function projectInput(
  specs: readonly FeatureWorkSpec[],
  targets: readonly TargetPlatform[],
  contextRequirements: ProjectTaskInput['contextRequirements'],
): ProjectTaskInput {
  const kinds = specs.map((s) => plannedWorkKinds(s, targets));
  return {
    targets,
    featureCount: specs.length,
    uiFeatureCount: kinds.filter((k) => k.some((kind) => UI_KINDS.has(kind))).length,
    contextRequirements,
    brandDesignKeys: specs
      .filter((s, i) => s.shapesDesignSystem && kinds[i].includes('design'))
      .map((s) => featureTaskKey(s.key, 'design')),
    backendPlanned: kinds.some((k) => k.includes('api') || k.includes('data-model')),
  };
}

/** Keys no other task depends on: the ends of each feature's chain, which release QA waits for. */
function sinkKeys(tasks: readonly PlannedTask[]): string[] {
  const needed = new Set(tasks.flatMap((t) => t.dependsOn));
  return tasks.filter((t) => !needed.has(t.key)).map((t) => t.key);
}

/**
 * Plans a brief without a language model: extracts the requirements,
 * recognises features from the catalog (or builds custom ones from the
 * lines), generates data model → API → design → screens → QA work per target
 * platform plus project setup, design system and release, then fits every
 * task into the size band. Deterministic: the same brief and settings always
 * give a deep-equal plan. The brief is only ever read as data.
 */
export function planOffline(brief: string, settings: PlanSettings = resolvePlanSettings()): Plan {
  const requirements = extractRequirements(brief);
  const recognition = recognizeFeatures(requirements);
  if (recognition.features.length === 0) {
    throw DomainError.badInput('The brief does not ask for anything that can be built', {
      field: 'brief',
      requirementCount: requirements.length,
    });
  }
  const targets = settings.targetPlatforms;
  const specs = recognition.features.map(featureWorkSpec);
  const anchors = new Map(specs.map((s) => [s.key, backendAnchorKey(s, targets)]));
  const input = projectInput(specs, targets, recognition.contextRequirements);
  const setup = buildSetupTask(input);
  const designSystem = buildDesignSystemTask(input);
  const featureTasks = specs.flatMap((spec) =>
    buildFeatureTasks(spec, {
      targets,
      setupKey: SETUP_TASK_KEY,
      designSystemKey: designSystem?.key,
      prerequisiteKeys: spec.requires
        .map((id) => anchors.get(id))
        .filter((key): key is string => key !== undefined),
    }),
  );
  const release = buildReleaseTasks(input, sinkKeys(featureTasks));
  const tasks = fitTasksToBand(
    [setup, ...(designSystem ? [designSystem] : []), ...featureTasks, ...release],
    settings.sizeBand,
  );
  const features: Feature[] = [
    { key: FOUNDATION_FEATURE_KEY, title: 'Project foundation', order: 0, origin: 'project' },
    ...recognition.features.map((f, i) => ({
      key: f.key,
      title: f.title,
      order: i + 1,
      origin: f.origin,
    })),
    {
      key: RELEASE_FEATURE_KEY,
      title: 'Release',
      order: recognition.features.length + 1,
      origin: 'project',
    },
  ];
  return { features, tasks, requirements, coverage: computeCoverage(requirements, tasks) };
}
