import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { JobRunner } from '@splitwork/jobs';
import { Role } from '@splitwork/kernel';
import { TEST_PASSWORD, uniqueEmail } from '@splitwork/test-support';
import { ApiHarness, startApi } from '../api-harness';
import { axeResults, checkScreen, ensureWebAppBuilt, launchChromium, personPage, withEvidence, SCREENSHOT_DIR, WEB_APP_DIR } from './browser';

const BRIEF = `# Neighbourhood market
A web and mobile app where neighbours sell home-made food.
- Sellers sign up with email and open a shop
- Buyers browse shops on the web and on their phone
- Buyers order a dish and pay by card`;

async function signUp(page: Page, name: string, roles: string[]): Promise<string> {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '-'));
  await page.goto('/signup');
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  const choices: Record<string, RegExp> = { OWNER: /post projects/, FREELANCER: /do tasks/, REVIEWER: /review work/ };
  for (const [role, label] of Object.entries(choices)) {
    const box = page.getByRole('checkbox', { name: label });
    if ((await box.isChecked()) !== roles.includes(role)) await box.click({ force: true });
  }
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  return email;
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function createProject(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: 'New project' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Brief (Markdown)').fill(BRIEF);
  await page.getByLabel('Budget').fill('100000');
  await page.getByRole('button', { name: 'Create and plan' }).click();
  // The plan appears live when the planning run ends.
  await page.getByRole('heading', { name: /^Tasks \(\d+\)$/ }).waitFor({ timeout: 60000 });
}

describe('the web app, clicked through in Chromium against the real API', () => {
  let api: ApiHarness;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebAppBuilt();
    api = await startApi({ JOBS_IN_PROCESS: 'true', WEB_APP_DIR, JWT_ACCESS_TTL_SECONDS: '60' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    mkdirSync(dirname(SCREENSHOT_DIR), { recursive: true });
    writeFileSync(join(dirname(SCREENSHOT_DIR), 'axe.json'), JSON.stringify(axeResults, null, 2));
  });

  it('takes a brief to PAID: the owner plans and funds, the freelancer claims and submits, the reviewer approves', () =>
    withEvidence('loop', async () => {
    const owner = await personPage(browser, api.baseUrl);
    const freelancer = await personPage(browser, api.baseUrl);
    const reviewerCtx = await personPage(browser, api.baseUrl);
    const reviewer = await api.newUser([Role.REVIEWER], 'Rita Reviewer');

    // Owner: sign up, paste a brief, watch the plan appear, read its graph, forecast and coverage.
    const o = owner.page;
    expect((await checkScreen(await (async () => (await o.goto('/login'), o))(), 'login')).serious).toBe(0);
    await signUp(o, 'Olivia Owner', ['OWNER']);
    await checkScreen(o, 'projects');
    await createProject(o, 'Neighbourhood market');
    await checkScreen(o, 'owner-plan');
    await o.getByRole('tab', { name: 'Graph' }).click();
    await o.locator('.react-flow__node').first().waitFor();
    await checkScreen(o, 'owner-plan-graph');
    await o.getByRole('tab', { name: 'Forecast' }).click();
    await o.getByRole('table', { name: 'Forecast figures' }).waitFor();
    await checkScreen(o, 'owner-forecast');
    await o.getByRole('tab', { name: 'Coverage' }).click();
    await o.getByRole('heading', { name: /^Coverage: \d+%$/ }).waitFor();
    await checkScreen(o, 'owner-coverage');

    // Fund it (simulated payments: one click); the board shows the open tasks.
    await o.getByRole('button', { name: 'Fund project' }).click();
    await o.getByText(/^Funded:/).waitFor();
    await o.getByRole('tab', { name: 'Board' }).click();
    await o.getByRole('heading', { name: /^OPEN \(\d+\)$/ }).waitFor();
    await checkScreen(o, 'owner-board');

    // Freelancer: signs up, reads the first open task's skills, fills in a profile that fits, onboards, claims.
    const f = freelancer.page;
    await signUp(f, 'Frank Freelancer', ['FREELANCER']);
    await f.getByRole('heading', { name: 'Open tasks' }).waitFor();
    const firstTask = f.getByRole('list', { name: 'Open tasks' }).getByRole('listitem').first();
    await firstTask.getByRole('button', { name: /^Claim / }).waitFor();
    await checkScreen(f, 'freelancer-open-tasks');
    const info = await firstTask.locator('p').first().innerText();
    const skills = [...info.matchAll(/([\w.+#-]+) ≥(\d)/g)].map((m) => `${m[1]}:5`).join(', ');
    const taskTitle = (await firstTask.getByRole('heading').innerText()).replace(/\s*\(.*\)$/, '');
    await f.getByRole('link', { name: 'Profile' }).click();
    await f.getByLabel('Skills with levels 1–5').fill(skills);
    await f.getByRole('button', { name: 'Save profile' }).click();
    await f.getByText('Profile saved.').waitFor();
    await checkScreen(f, 'freelancer-profile');
    await f.getByRole('link', { name: 'Payouts' }).click();
    await f.getByRole('button', { name: 'Set up payouts' }).click();
    await f.getByText(/Payouts enabled/).waitFor();
    await f.getByRole('link', { name: 'Find tasks' }).click();
    await f.getByRole('list', { name: 'Open tasks' }).getByRole('button', { name: `Claim ${taskTitle}` }).click();
    await f.getByText(/^Claimed: yours until/).first().waitFor();

    // The scorecard before submitting, then links, notes and hours.
    await f.getByRole('link', { name: 'My tasks' }).click();
    await f.getByRole('heading', { name: 'Scorecard' }).waitFor();
    await f.getByText(/deadline: .* left/).waitFor();
    await checkScreen(f, 'freelancer-my-tasks');
    await f.getByLabel('Links (one per line)').fill('https://github.com/frank/market/pull/1');
    await f.getByLabel('Notes for the reviewer').fill('Done as described.');
    await f.getByLabel('Hours spent').fill('5');
    await f.getByRole('button', { name: 'Submit for review' }).click();
    await f.getByText('SUBMITTED', { exact: true }).waitFor();

    // Reviewer: logs in, says which skills they review, opens the submission, scores every criterion, approves.
    const r = reviewerCtx.page;
    await logIn(r, reviewer.email);
    await r.getByLabel('Skills with levels 1–5').fill(skills);
    await r.getByRole('button', { name: 'Save skills' }).click();
    await r.getByRole('link', { name: `Review ${taskTitle}`, exact: false }).click();
    await r.getByRole('table', { name: /Scorecard/ }).waitFor();
    await checkScreen(r, 'reviewer-scorecard');
    for (const pass of await r.getByRole('radio', { name: 'Pass' }).all()) await pass.click({ force: true });
    await r.getByRole('radio', { name: /Approve/ }).click({ force: true });
    await r.getByRole('button', { name: 'Send review' }).click();
    await r.getByText(/APPROVE: the task is now APPROVED/).waitFor();

    // The payout runs in the background; the freelancer sees it PAID, the owner's board follows live.
    await api.app.get(JobRunner).drain();
    await f.getByRole('link', { name: 'Payouts' }).click();
    await f.reload();
    await f.getByRole('cell', { name: 'PAID' }).waitFor();
    await checkScreen(f, 'freelancer-payouts');
    await o.getByRole('heading', { name: /^PAID \(1\)$/ }).waitFor();
    await checkScreen(o, 'owner-board-paid');

    const serious = axeResults.filter((a) => a.serious + a.critical > 0);
    expect(serious).toEqual([]);
    for (const c of [owner, freelancer, reviewerCtx]) await c.context.close();
  }));
});
