import 'reflect-metadata';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';

/**
 * First load of the owner's plan screen on a 300-task plan, measured in
 * Chromium (/usr/bin/chromium, or CHROMIUM_PATH): the zero-setup API
 * (embedded PostgreSQL, offline planner) serves the built web app; an owner
 * plans a brief, tasks are added through addPlanTask up to 300, then the
 * browser opens /projects/:id cold RUNS times. Reported per run, from the
 * navigation's start (performance.now() in the page): DOMContentLoaded, the
 * plan table with its 300 rows on screen, and, after a click on the Graph
 * tab, the laid-out graph (lazy chunk, dagre layout, React Flow) on screen.
 * Run with `npm run bench:web-plan` (builds API and web app first).
 */
const TARGET_TASKS = 300;
const RUNS = 5;
const PASSWORD = 'bench-password-2026-long';
const BRIEF = `# Neighbourhood market
A web and mobile app where neighbours sell home-made food.
- Sellers sign up with email and open a shop
- Buyers browse shops on the web and on their phone
- Buyers order a dish and pay by card
- Sellers see their orders and earnings
- Admins moderate shops and reviews`;

async function gql<T>(url: string, query: string, variables: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const webDir = resolve('dist/apps/web');
  if (!existsSync(join(webDir, 'index.html')))
    throw new Error('Build the web app first: npm run build:web');
  const dataDir = mkdtempSync(join(tmpdir(), 'splitwork-web-bench-'));
  Object.assign(process.env, {
    SPLITWORK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    JOBS_IN_PROCESS: 'true',
    WEB_APP_DIR: webDir,
    NODE_ENV: 'test',
  });
  delete process.env.DATABASE_URL;
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const app = await createApiApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const url = `${base}/graphql`;
    const email = `bench-owner-${Date.now()}@example.com`;
    const { signUp } = await gql<{ signUp: { accessToken: string } }>(
      url,
      `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`,
      { input: { email, password: PASSWORD, displayName: 'Bench Owner', roles: ['OWNER'] } },
    );
    const token = signUp.accessToken;
    const { createProject } = await gql<{ createProject: { project: { id: string } } }>(
      url,
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`,
      {
        input: {
          title: 'Big plan',
          brief: BRIEF,
          budgetCents: 100_000_000,
          currency: 'USD',
          platforms: ['WEB', 'IOS', 'ANDROID'],
        },
      },
      token,
    );
    const projectId = createProject.project.id;
    await gql(
      url,
      `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
      { input: { projectId } },
      token,
    );
    type PlanShape = { features: { key: string }[]; tasks: { key: string }[] } | null;
    const readPlan = async () =>
      (
        await gql<{ project: { plan: PlanShape } }>(
          url,
          `query($id: ID!) { project(id: $id) { plan { features { key } tasks { key } } } }`,
          { id: projectId },
          token,
        )
      ).project.plan;
    let plan = await readPlan();
    for (let i = 0; i < 600 && !plan; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      plan = await readPlan();
    }
    if (!plan) throw new Error('planning did not finish');
    let keys = plan.tasks.map((t) => t.key);
    const features = plan.features.map((f) => f.key);
    const t0 = Date.now();
    for (let i = keys.length; i < TARGET_TASKS; i += 1) {
      const { addPlanTask } = await gql<{ addPlanTask: { tasks: { key: string }[] } }>(
        url,
        `mutation($input: AddPlanTaskInput!) { addPlanTask(input: $input) { tasks { key } } }`,
        {
          input: {
            projectId,
            featureKey: features[i % features.length],
            title: `Extra screen ${i}`,
            description: `Extra screen number ${i} of the bench plan`,
            platform: 'WEB',
            acceptanceCriteria: [`Screen ${i} renders its data`, `Screen ${i} handles errors`],
            estimate: { optimistic: 2, likely: 4, pessimistic: 7 },
            skills: [{ skill: 'react', minLevel: 2 }],
            dependsOn: [keys[i % keys.length]],
          },
        },
        token,
      );
      keys = addPlanTask.tasks.map((t) => t.key);
    }
    process.stdout.write(
      `plan: ${keys.length} tasks in ${features.length} features (added in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
    );

    const rows: { dcl: number; table: number; graph: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      // Cold each time: a new context has an empty cache; the session is made by logging in.
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      const session = await page.evaluate(() =>
        (
          globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
        ).localStorage.getItem('splitwork.session'),
      );
      const cold = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await cold.addInitScript((s) => {
        const storage = (
          globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
        ).localStorage;
        if (s) storage.setItem('splitwork.session', s);
      }, session);
      const p = await cold.newPage();
      await p.goto(`${base}/projects/${projectId}`);
      await p.getByRole('heading', { name: `Tasks (${keys.length})` }).waitFor({ timeout: 60000 });
      const table = await p.evaluate(() => performance.now());
      const dcl = await p.evaluate(() => {
        // The page's own Navigation Timing entry (DOM types are not in this tsconfig).
        const perf = performance as unknown as {
          getEntriesByType(type: string): { domContentLoadedEventEnd: number }[];
        };
        return perf.getEntriesByType('navigation')[0].domContentLoadedEventEnd;
      });
      const beforeGraph = await p.evaluate(() => performance.now());
      await p.getByRole('tab', { name: 'Graph' }).click();
      await p.locator('.react-flow__node').first().waitFor({ timeout: 60000 });
      const graph = (await p.evaluate(() => performance.now())) - beforeGraph;
      rows.push({ dcl, table, graph });
      process.stdout.write(
        `run ${run + 1}: DOMContentLoaded ${dcl.toFixed(0)} ms, plan table ${table.toFixed(0)} ms, graph ${graph.toFixed(0)} ms after the click\n`,
      );
      await context.close();
      await cold.close();
    }
    process.stdout.write(
      `median of ${RUNS}: DOMContentLoaded ${median(rows.map((r) => r.dcl)).toFixed(0)} ms, ` +
        `plan screen with ${keys.length} tasks ${median(rows.map((r) => r.table)).toFixed(0)} ms, ` +
        `graph ${median(rows.map((r) => r.graph)).toFixed(0)} ms after opening its tab\n`,
    );
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
