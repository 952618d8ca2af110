import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import { WRAPPED_TOOL_BRIEF as BRIEF } from './wrapped-brief';

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`;
const PLAN = `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`;
const LINES = `query($id: ID!) { project(id: $id) { briefLines { line text kind reclassified deferredByLine } } }`;
const PLAN_OF = `query($id: ID!) { project(id: $id) { plan {
  features { key title }
  tasks { key title description acceptanceCriteria requirementIds }
  requirements { id line text entity action }
  summary { coverage { totalCount coveredCount tracedCount strongCount weakCount missingCount
                       coveragePercent entries { requirementId strength taskKeys } } } } } }`;
const RECLASSIFY = `mutation($input: ReclassifyBriefLineInput!) { reclassifyBriefLine(input: $input) {
  briefLine { line kind reclassified } project { id } } }`;

interface BriefLine {
  line: number;
  text: string;
  kind: 'REQUIREMENT' | 'CONTEXT' | 'SCOPE';
  reclassified: boolean;
  deferredByLine: number | null;
}
interface PlanView {
  features: { key: string; title: string }[];
  tasks: {
    key: string;
    title: string;
    description: string;
    acceptanceCriteria: string[];
    requirementIds: string[];
  }[];
  requirements: {
    id: string;
    line: number;
    text: string;
    entity: string | null;
    action: string | null;
  }[];
  summary: {
    coverage: {
      totalCount: number;
      coveredCount: number;
      tracedCount: number;
      strongCount: number;
      weakCount: number;
      missingCount: number;
      coveragePercent: number;
      entries: { requirementId: string; strength: string; taskKeys: string[] }[];
    };
  };
}

describe('brief lines and story-driven planning over GraphQL', () => {
  let api: ApiHarness;
  let runner: JobRunner;

  beforeAll(async () => {
    api = await startApi();
    runner = api.app.get(JobRunner);
  });
  afterAll(() => api?.close());

  async function newProject(owner: TestUser): Promise<string> {
    const data = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      CREATE,
      {
        input: {
          title: 'ToolShare',
          brief: BRIEF,
          platforms: ['WEB', 'BACKEND'],
          budgetCents: 9_000_000,
          currency: 'USD',
        },
      },
      owner.token,
    );
    return data.createProject.project.id;
  }

  async function planAndRead(owner: TestUser, projectId: string): Promise<PlanView> {
    await api.gql.ok(PLAN, { input: { projectId } }, owner.token);
    await runner.drain();
    const data = await api.gql.ok<{ project: { plan: PlanView } }>(
      PLAN_OF,
      { id: projectId },
      owner.token,
    );
    return data.project.plan;
  }

  const briefLines = async (owner: TestUser, id: string) =>
    (await api.gql.ok<{ project: { briefLines: BriefLine[] } }>(LINES, { id }, owner.token)).project
      .briefLines;

  /** What a task says it builds: title, description before the brief quotes, criteria. */
  const ownText = (t: PlanView['tasks'][number]) =>
    [t.title, t.description.split('From the brief:')[0], ...t.acceptanceCriteria]
      .join('\n')
      .toLowerCase();

  it('shows the owner which lines are requirements, context and scope, and plans only the requirements', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);

    const lines = await briefLines(owner, projectId);
    const kindOf = (pattern: RegExp) => lines.find((l) => pattern.test(l.text))?.kind;
    expect(kindOf(/^Tier: Pro/)).toBe('CONTEXT');
    expect(kindOf(/friendliest way/)).toBe('CONTEXT');
    expect(kindOf(/^Competitor analysis/)).toBe('CONTEXT');
    expect(kindOf(/^ToolShare — rent/)).toBe('CONTEXT');
    expect(kindOf(/As an MVP/)).toBe('SCOPE');
    const stories = lines.filter((l) => l.kind === 'REQUIREMENT');
    expect(stories.map((l) => l.text)).toEqual([
      expect.stringMatching(/^As an owner, I want to list my tool/),
      expect.stringMatching(/^As a renter, I want to reserve a tool/),
      expect.stringMatching(/^As an owner, I want to approve a reservation/),
    ]);
    expect(lines.every((l) => !l.reclassified)).toBe(true);

    const plan = await planAndRead(owner, projectId);

    expect(plan.requirements.map((r) => r.line)).toEqual(stories.map((l) => l.line));
    for (const unasked of ['subscriptions', 'checkout', 'reviews', 'booking']) {
      expect(plan.features.map((f) => f.key)).not.toContain(unasked);
    }
  });

  it('gives each story tasks that name its thing and action, and reports coverage honestly', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);

    const plan = await planAndRead(owner, projectId);

    expect(plan.requirements.map((r) => [r.entity, r.action])).toEqual([
      ['tool', 'list'],
      ['tool', 'reserve'],
      ['reservation', 'approve'],
    ]);
    for (const requirement of plan.requirements) {
      const traced = plan.tasks.filter((t) => t.requirementIds.includes(requirement.id));
      const naming = traced.filter(
        (t) =>
          ownText(t).includes(requirement.entity!) &&
          ownText(t).includes(requirement.action!.slice(0, 4)),
      );
      expect([requirement.id, naming.length > 0]).toEqual([requirement.id, true]);
    }
    expect(plan.tasks.map((t) => t.title)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^API: .*reserve.* Tool$/),
        expect.stringMatching(/^Web: .*list.* Tool screens$/),
      ]),
    );
    const { coverage } = plan.summary;
    expect(coverage.entries.map((e) => e.strength)).toEqual(['STRONG', 'STRONG', 'STRONG']);
    expect(coverage).toMatchObject({
      totalCount: 3,
      coveredCount: 3,
      tracedCount: 3,
      strongCount: 3,
      weakCount: 0,
      missingCount: 0,
      coveragePercent: 100,
    });
  });

  it('plans a context line the owner reclassifies as a requirement on the next run', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    const before = await planAndRead(owner, projectId);
    const link = (await briefLines(owner, projectId)).find((l) =>
      l.text.startsWith('Competitor analysis'),
    )!;
    expect(link.kind).toBe('CONTEXT');

    const answer = await api.gql.ok<{
      reclassifyBriefLine: { briefLine: { line: number; kind: string; reclassified: boolean } };
    }>(RECLASSIFY, { input: { projectId, line: link.line, kind: 'REQUIREMENT' } }, owner.token);
    expect(answer.reclassifyBriefLine.briefLine).toEqual({
      line: link.line,
      kind: 'REQUIREMENT',
      reclassified: true,
    });
    expect((await briefLines(owner, projectId)).find((l) => l.line === link.line)).toMatchObject({
      kind: 'REQUIREMENT',
      reclassified: true,
    });

    const after = await planAndRead(owner, projectId);

    expect(before.requirements.some((r) => r.line === link.line)).toBe(false);
    const requirement = after.requirements.find((r) => r.line === link.line);
    expect(requirement?.text).toBe('Competitor analysis');
    expect(after.tasks.some((t) => t.requirementIds.includes(requirement!.id))).toBe(true);
  });

  it('answers NOT_FOUND to anyone but the owner who reclassifies a line', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const other = await api.factory.user([Role.OWNER]);
    const admin = await api.factory.admin();
    const projectId = await newProject(owner);

    for (const caller of [other, admin]) {
      const res = await api.gql.request(
        RECLASSIFY,
        { input: { projectId, line: 3, kind: 'REQUIREMENT' } },
        caller.token,
      );
      expect(errorCodes(res)).toEqual([ErrorCode.NOT_FOUND]);
    }
    const lines = await briefLines(owner, projectId);
    expect(lines.find((l) => l.line === 3)).toMatchObject({ kind: 'CONTEXT', reclassified: false });
  });

  it('refuses a blank or missing line', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);

    for (const line of [2, 999]) {
      const res = await api.gql.request(
        RECLASSIFY,
        { input: { projectId, line, kind: 'REQUIREMENT' } },
        owner.token,
      );
      expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    }
  });
});
