import { DataSource } from 'typeorm';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes, GraphQLResponse } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import { plannedProject } from './market-fixtures';

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`;
const ADD_TASK = `mutation($input: AddPlanTaskInput!) { addPlanTask(input: $input) { version } }`;
const ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`;

const project = (overrides: Record<string, unknown> = {}) => ({
  title: 'Bike sharing',
  brief: '- Riders unlock bikes',
  platforms: ['WEB'],
  budgetCents: 1_000_000,
  currency: 'USD',
  ...overrides,
});

function badField(res: GraphQLResponse<unknown>): string[] {
  expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
  const fields = res.errors?.[0].extensions?.fields as { field: string }[] | undefined;
  return (fields ?? []).map((f) => f.field);
}

describe('text in inputs', () => {
  let api: ApiHarness;
  let dataSource: DataSource;
  let owner: TestUser;
  let plannedId: string;
  let featureKey: string;
  beforeAll(async () => {
    api = await startApi();
    dataSource = api.app.get(DataSource);
    owner = await api.newUser([Role.OWNER]);
    plannedId = await plannedProject(api, owner);
    const [row] = await dataSource.query<{ key: string }[]>(
      `SELECT document->'features'->0->>'key' AS key FROM project_plans WHERE project_id = $1`,
      [plannedId],
    );
    featureKey = row.key;
  });
  afterAll(() => api?.close());

  const count = async (table: string) =>
    Number((await dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  const task = (overrides: Record<string, unknown> = {}) => ({
    projectId: plannedId,
    featureKey,
    title: 'Another screen',
    description: 'Build it',
    acceptanceCriteria: ['It shows'],
    skills: [{ skill: 'react', minLevel: 2 }],
    platform: 'WEB',
    estimate: { optimistic: 2, likely: 3, pessimistic: 5 },
    ...overrides,
  });

  it.each([
    ['a NUL character', 'Bike\u0000sharing'],
    ['a lone high surrogate', 'Bike \uD83D sharing'],
    ['a lone low surrogate', '\uDE00 Bike sharing'],
    ['a control character', 'Bike\u0007sharing'],
  ])(
    'refuses %s in a title as BAD_USER_INPUT naming the field and writes nothing',
    async (_n, title) => {
      const before = await count('projects');
      const res = await api.gql.request(CREATE, { input: project({ title }) }, owner.token);
      expect(badField(res)).toEqual(['input.title']);
      expect(await count('projects')).toBe(before);
    },
  );

  it('refuses a NUL in a string nested in a list of an input, naming its path', async () => {
    const res = await api.gql.request(
      ADD_TASK,
      { input: task({ acceptanceCriteria: ['It shows', 'It \u0000 saves'] }) },
      owner.token,
    );
    expect(badField(res)).toEqual(['input.acceptanceCriteria.1']);
  });

  it('refuses a NUL in a nested input object', async () => {
    const res = await api.gql.request(
      ADD_TASK,
      { input: task({ skills: [{ skill: 'rea\u0000ct', minLevel: 2 }] }) },
      owner.token,
    );
    expect(badField(res)).toEqual(['input.skills.0.skill']);
  });

  it('refuses a NUL written as a literal in the query text, not only in variables', async () => {
    const res = await api.gql.request(
      `mutation { createOrganization(input: { name: "Acme\\u0000" }) { id } }`,
      {},
      owner.token,
    );
    expect(badField(res)).toEqual(['input.name']);
  });

  it('refuses a NUL in a password at sign-up without touching the database', async () => {
    const before = await count('users');
    const res = await api.gql.request(SIGN_UP, {
      input: {
        email: `nul-${Date.now()}@example.com`,
        password: 'correct horse\u0000battery',
        displayName: 'Nul',
        roles: ['OWNER'],
      },
    });
    expect(badField(res)).toEqual(['input.password']);
    expect(await count('users')).toBe(before);
  });

  it.each([
    ['a blank description', { description: ' \n\t ' }],
    ['an invisible description', { description: '\u200B\u200B' }],
    ['a blank acceptance criterion', { acceptanceCriteria: ['It shows', '   '] }],
    ['a blank skill', { skills: [{ skill: '  ', minLevel: 2 }] }],
  ])('refuses %s of a plan task as BAD_USER_INPUT and keeps the plan', async (_n, override) => {
    const version = async () =>
      (
        await dataSource.query(`SELECT version AS v FROM project_plans WHERE project_id = $1`, [
          plannedId,
        ])
      )[0].v as number;
    const before = await version();
    const res = await api.gql.request(ADD_TASK, { input: task(override) }, owner.token);
    expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await version()).toBe(before);
  });

  it.each([
    ['a blank organization name', '   '],
    ['an empty organization name', ''],
    ['a name on two lines', 'Acme\nLtd'],
    ['a name with a right-to-left override', 'Acme\u202Egpj.exe'],
  ])('refuses %s', async (_n, name) => {
    const before = await count('organizations');
    const res = await api.gql.request(ORGANIZATION, { input: { name } }, owner.token);
    expect(badField(res)).toEqual(['input.name']);
    expect(await count('organizations')).toBe(before);
  });

  it('keeps accepting text in any script, emoji, right-to-left marks and multi-line descriptions', async () => {
    const res = await api.gql.request(
      ADD_TASK,
      {
        input: task({
          title: 'Écran d’accueil 🚲 שלום\u200F',
          description: 'Line one\n\tindented line two\r\n',
        }),
      },
      owner.token,
    );
    expect(res.errors).toBeUndefined();
  });
});
