import { threePointEstimate } from './estimation-heuristics';
import { FOUNDATION_FEATURE_KEY, RELEASE_FEATURE_KEY } from './feature-recognizer';
import { PlannedTask, Requirement, TargetPlatform } from './plan.types';
import { clientTargets, describeTask, listIds, PLATFORM_NAMES, skill } from './task-template.util';
import { humanList } from './text.util';

export const SETUP_TASK_KEY = `${FOUNDATION_FEATURE_KEY}-setup-1`;
export const DESIGN_SYSTEM_TASK_KEY = `${FOUNDATION_FEATURE_KEY}-design-system-1`;
export const RELEASE_QA_TASK_KEY = `${RELEASE_FEATURE_KEY}-qa-1`;
export const LAUNCH_TASK_KEY = `${RELEASE_FEATURE_KEY}-launch-1`;

export interface ProjectTaskInput {
  readonly targets: readonly TargetPlatform[];
  readonly featureCount: number;
  /** Features that get screens, which the design system has to serve. */
  readonly uiFeatureCount: number;
  /** Prose describing the project; it shapes the foundations. */
  readonly contextRequirements: readonly Requirement[];
  /** Brand/visual-direction design tasks the design system builds on. */
  readonly brandDesignKeys: readonly string[];
  readonly backendPlanned: boolean;
}

function contextCriteria(input: ProjectTaskInput): string[] {
  const ids = input.contextRequirements.map((r) => r.id);
  return ids.length > 0 ? [`Reflects the project context given in ${listIds(ids)}`] : [];
}

function hasDesignSystem(input: ProjectTaskInput): boolean {
  return clientTargets(input.targets).length > 0;
}

/** Repository, CI and deployment pipeline: the first task of every plan. */
export function buildSetupTask(input: ProjectTaskInput): PlannedTask {
  const clients = clientTargets(input.targets);
  const mobile = clients.filter((p) => p !== 'WEB').map((p) => PLATFORM_NAMES[p]);
  const built = humanList([
    ...clients.map((p) => PLATFORM_NAMES[p]),
    ...(input.backendPlanned ? ['backend'] : []),
  ]);
  const carriesContext = !hasDesignSystem(input);
  const likely = 3 + 1.5 * clients.length + (input.backendPlanned ? 1.5 : 0);
  return {
    key: SETUP_TASK_KEY,
    featureKey: FOUNDATION_FEATURE_KEY,
    title: 'Project setup, CI and deployment pipeline',
    description: describeTask(
      `Create the repository and the pipeline every other task builds on, for ${built}.`,
      carriesContext ? input.contextRequirements : [],
    ),
    acceptanceCriteria: [
      'Repository with README, formatting, linting and one command to run everything locally',
      `CI runs lint, type checks, tests and builds for ${built} on every pull request`,
      'Merges to the main branch deploy to a staging environment automatically',
      'Secrets come from environment configuration documented in the README',
      ...(mobile.length > 0
        ? [`CI produces installable test builds for ${humanList(mobile)}`]
        : []),
      ...(carriesContext ? contextCriteria(input) : []),
    ].slice(0, 6),
    skills: [skill('ci-cd', 3), skill('docker', 2)],
    platform: 'DEVOPS',
    estimate: threePointEstimate(likely, 3),
    dependsOn: [],
    requirementIds: carriesContext ? input.contextRequirements.map((r) => r.id) : [],
  };
}

/** Tokens and core components shared by every screen; absent when nothing has screens. */
export function buildDesignSystemTask(input: ProjectTaskInput): PlannedTask | undefined {
  if (!hasDesignSystem(input)) return undefined;
  const clients = clientTargets(input.targets).map((p) => PLATFORM_NAMES[p]);
  const likely = 4 + 0.5 * input.uiFeatureCount;
  return {
    key: DESIGN_SYSTEM_TASK_KEY,
    featureKey: FOUNDATION_FEATURE_KEY,
    title: 'Design system and UI kit',
    description: describeTask(
      `Define the tokens and core components every screen on ${humanList(clients)} is built from.`,
      input.contextRequirements,
    ),
    acceptanceCriteria: [
      'Colour, typography, spacing and elevation tokens are defined in Figma',
      'Core components (buttons, inputs, lists, navigation, dialogs) exist with every state',
      `Components follow the platform conventions of ${humanList(clients)}`,
      'Text and controls meet WCAG AA contrast',
      ...contextCriteria(input),
    ],
    skills: [skill('ui-design', 3), skill('figma', 3)],
    platform: 'DESIGN',
    estimate: threePointEstimate(likely, 3),
    dependsOn: [...input.brandDesignKeys],
    requirementIds: input.contextRequirements.map((r) => r.id),
  };
}

/** Regression pass over everything, then the production launch on every target. */
export function buildReleaseTasks(
  input: ProjectTaskInput,
  finishedKeys: readonly string[],
): PlannedTask[] {
  const clients = clientTargets(input.targets);
  const names = humanList([
    ...clients.map((p) => PLATFORM_NAMES[p]),
    ...(input.backendPlanned ? ['the API'] : []),
  ]);
  const mobile = clients.filter((p) => p !== 'WEB');
  const regression: PlannedTask = {
    key: RELEASE_QA_TASK_KEY,
    featureKey: RELEASE_FEATURE_KEY,
    title: 'Release candidate regression test',
    description: `Run a full regression of the release candidate on ${names} before launch.`,
    acceptanceCriteria: [
      `Every feature’s main flow passes on ${names}`,
      'No open blocker or critical defects remain',
      'Smoke-test checklist is signed off by the owner',
      'Load time of the slowest screens is measured and within the agreed limits',
    ],
    skills: [skill('test-automation', 3)],
    platform: 'QA',
    estimate: threePointEstimate(2 + 0.5 * input.featureCount, 3),
    dependsOn: [...finishedKeys],
    requirementIds: [],
  };
  const launch: PlannedTask = {
    key: LAUNCH_TASK_KEY,
    featureKey: RELEASE_FEATURE_KEY,
    title: 'Production launch',
    description: `Provision production and release ${names}.`,
    acceptanceCriteria: [
      'Production environment is provisioned and deployed from CI',
      ...(clients.includes('WEB') ? ['Web app is live on the production domain over HTTPS'] : []),
      ...(clients.includes('IOS')
        ? ['iOS build is submitted to App Store review with its store listing']
        : []),
      ...(clients.includes('ANDROID')
        ? ['Android build is published to a Play Store track with its store listing']
        : []),
      'Rollback procedure is documented and has been tried once',
    ],
    skills: [skill('ci-cd', 3), ...(mobile.length > 0 ? [skill('app-store-release', 2)] : [])],
    platform: 'DEVOPS',
    estimate: threePointEstimate(2 + 2 * mobile.length, 3),
    dependsOn: [RELEASE_QA_TASK_KEY],
    requirementIds: [],
  };
  return [regression, launch];
}
