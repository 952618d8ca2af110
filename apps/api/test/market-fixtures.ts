import { DataSource } from 'typeorm';
import { JobRunner } from '@splitwork/jobs';
import { Role } from '@splitwork/kernel';
import { ApiHarness, TestUser } from './api-harness';

export const BRIEF = `# Book club app
- Members sign up with email
- Members create reading lists
- Members rate books and write reviews
- Admins moderate reviews`;

export interface BoardTask {
  id: string;
  key: string;
  status: string;
  skills: { skill: string; minLevel: number }[];
  dependsOn: string[];
  price: { amountCents: number };
  estimate: { likely: number };
  platform: string;
}

const TASK_FIELDS =
  'id key status skills { skill minLevel } dependsOn price { amountCents } estimate { likely } platform';

/** A project planned offline and funded with the simulated provider: its tasks are on the board. */
export async function fundedProject(
  api: ApiHarness,
  owner?: TestUser,
  title = 'Books',
): Promise<{ owner: TestUser; projectId: string; tasks: BoardTask[] }> {
  const runner = api.app.get(JobRunner);
  const who = owner ?? (await api.newUser([Role.OWNER], 'Olivia Owner'));
  const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`,
    {
      input: {
        title,
        brief: BRIEF,
        platforms: ['WEB', 'BACKEND'],
        budgetCents: 50_000_000,
        currency: 'USD',
      },
    },
    who.token,
  );
  const projectId = createProject.project.id;
  await api.gql.ok(
    `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
    { input: { projectId } },
    who.token,
  );
  await runner.drain();
  await api.gql.ok(
    `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding { id } } }`,
    { input: { projectId } },
    who.token,
  );
  await runner.drain();
  const { project } = await api.gql.ok<{ project: { tasks: BoardTask[] } }>(
    `query($id: ID!) { project(id: $id) { tasks { ${TASK_FIELDS} } } }`,
    { id: projectId },
    who.token,
  );
  return { owner: who, projectId, tasks: project.tasks };
}

const PROFILE = `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { skills { skill } } }`;

/** A freelancer at level 5 in every skill the given tasks need. */
export async function qualifiedFreelancer(
  api: ApiHarness,
  tasks: readonly BoardTask[],
  extra: { hourlyRateCents?: number; weeklyHours?: number } = {},
): Promise<TestUser> {
  const freelancer = await api.newUser([Role.FREELANCER], 'Fran Freelancer');
  const skills = [...new Set(tasks.flatMap((t) => t.skills.map((s) => s.skill)))];
  await api.gql.ok(
    PROFILE,
    {
      input: {
        skills: skills.map((skill) => ({ skill, level: 5 })),
        weeklyHours: extra.weeklyHours ?? 30,
        hourlyRateCents: extra.hourlyRateCents,
      },
    },
    freelancer.token,
  );
  return freelancer;
}

/**
 * Counts the SQL statements the API sends through TypeORM while `work` runs
 * (test-side: wraps the data source's logger; job-queue statements are left out).
 */
export async function countStatements(api: ApiHarness, work: () => Promise<unknown>) {
  const dataSource = api.app.get(DataSource);
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  const statements: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    if (!/job/i.test(query)) statements.push(query);
    original(query, parameters, runner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return statements;
}
