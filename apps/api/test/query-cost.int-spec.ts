import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import { plannedProject } from './market-fixtures';

/** The largest response a single legitimate plan query may produce (README, "Limits"). */
const RESPONSE_CAP_BYTES = 2 * 1024 * 1024;

describe('expensive plan fields in the query cost', () => {
  let api: ApiHarness;
  let owner: TestUser;
  let projectId: string;
  beforeAll(async () => {
    api = await startApi();
    owner = await api.newUser([Role.OWNER]);
    projectId = await plannedProject(api, owner);
  });
  afterAll(() => api?.close());

  async function send(query: string, variables: Record<string, unknown> = { id: projectId }) {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return {
      bytes: Buffer.byteLength(text),
      body: JSON.parse(text) as Parameters<typeof errorCodes>[0],
    };
  }

  function refused(result: Awaited<ReturnType<typeof send>>) {
    expect(errorCodes(result.body)).toEqual([ErrorCode.GRAPHQL_VALIDATION_FAILED]);
    // Refused before execution: no data, and the answer is a short error.
    expect(result.body.data).toBeUndefined();
    expect(result.bytes).toBeLessThan(2_000);
  }

  it('refuses the same export under many aliases before producing any of it', async () => {
    const aliases = Array.from({ length: 15 }, (_, i) => `j${i}: json`).join(' ');
    refused(await send(`query($id: ID!) { project(id: $id) { plan { ${aliases} } } }`));
  });

  it('counts exports hidden in fragments spread under several aliases', async () => {
    refused(
      await send(`query($id: ID!) {
        a: project(id: $id) { plan { ...X } }
        b: project(id: $id) { plan { ...X } }
      }
      fragment X on Plan { json csv }`),
    );
  });

  it('counts an export once per row of a list of projects', async () => {
    refused(await send(`{ myProjects(first: 5) { edges { node { plan { json } } } } }`, {}));
    refused(
      await send(`query($n: Int!) { myProjects(first: $n) { edges { node { plan { csv } } } } }`, {
        n: 1,
      }),
    );
  });

  it('refuses more than four forecasts in one request', async () => {
    const aliases = Array.from(
      { length: 5 },
      (_, i) => `f${i}: forecast(freelancers: ${i + 1}) { p50DurationDays }`,
    );
    refused(await send(`query($id: ID!) { project(id: $id) { plan { ${aliases.join(' ')} } } }`));
  });

  it('still serves every export and a forecast of one plan, within the documented response cap', async () => {
    const result = await send(`query($id: ID!) {
      project(id: $id) { plan { json csv mermaid forecast(freelancers: 3) { p50DurationDays } tasks { key } } }
    }`);
    expect(result.body.errors).toBeUndefined();
    const plan = (result.body.data as { project: { plan: { json: string } } }).project.plan;
    expect(JSON.parse(plan.json)).toHaveProperty('tasks');
    expect(result.bytes).toBeLessThan(RESPONSE_CAP_BYTES);
  });
});
