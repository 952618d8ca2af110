import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { JobRunner } from '@splitwork/jobs';
import { Role } from '@splitwork/kernel';
import { TEST_PASSWORD, uniqueEmail } from '@splitwork/test-support';
import { ApiHarness, startApi } from '../api-harness';
import {
  axeResults,
  checkScreen,
  ensureWebAppBuilt,
  launchChromium,
  personPage,
  withEvidence,
  SCREENSHOT_DIR,
  WEB_APP_DIR,
} from './browser';

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
  const choices: Record<string, RegExp> = {
    OWNER: /post projects/,
    FREELANCER: /do tasks/,
    REVIEWER: /review work/,
  };
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

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`;
const PLAN = `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`;
const PROJECT = `query($id: ID!) { project(id: $id) { status plan { version } } }`;
const FUND = `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding { status } } }`;
const FIRST_OPEN = `query { openTasks(first: 1, sort: OLDEST) { edges { node { id title skills { skill minLevel } } } } }`;
const PROFILE = `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { weeklyHours } }`;

/** A funded project made through the API, for the tests that start on the marketplace. */
async function fundedProject(api: ApiHarness, ownerToken: string): Promise<void> {
  const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
    CREATE,
    {
      input: {
        title: 'Race market',
        brief: BRIEF,
        budgetCents: 10_000_000,
        currency: 'USD',
        platforms: ['WEB'],
      },
    },
    ownerToken,
  );
  const id = createProject.project.id;
  await api.gql.ok(PLAN, { input: { projectId: id } }, ownerToken);
  const status = async () =>
    (await api.gql.ok<{ project: { status: string; plan: unknown } }>(PROJECT, { id }, ownerToken))
      .project;
  for (let i = 0; i < 100 && !(await status()).plan; i += 1) await api.app.get(JobRunner).drain();
  await api.gql.ok(FUND, { input: { projectId: id } }, ownerToken);
  for (let i = 0; i < 100 && (await status()).status !== 'FUNDED'; i += 1)
    await api.app.get(JobRunner).drain();
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
      expect(
        (await checkScreen(await (async () => (await o.goto('/login'), o))(), 'login')).serious,
      ).toBe(0);
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
      const taskTitle = (await firstTask.getByRole('heading').innerText()).replace(
        /\s*\(.*\)$/,
        '',
      );
      await f.getByRole('link', { name: 'Profile' }).click();
      await f.getByLabel('Skills with levels 1–5').fill(skills);
      await f.getByRole('button', { name: 'Save profile' }).click();
      await f.getByText('Profile saved.').waitFor();
      await checkScreen(f, 'freelancer-profile');
      await f.getByRole('link', { name: 'Payouts' }).click();
      await f.getByRole('button', { name: 'Set up payouts' }).click();
      await f.getByText(/Payouts enabled/).waitFor();
      await f.getByRole('link', { name: 'Find tasks' }).click();
      await f
        .getByRole('list', { name: 'Open tasks' })
        .getByRole('button', { name: `Claim ${taskTitle}` })
        .click();
      await f
        .getByText(/^Claimed: yours until/)
        .first()
        .waitFor();

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
      // A private word to the people in the work, on the task's thread.
      await f.getByRole('link', { name: taskTitle }).click();
      await f.getByRole('heading', { name: 'Thread' }).waitFor();
      await f
        .getByRole('textbox', { name: 'Message' })
        .fill('The preview build is linked in the PR.');
      // Already chosen for a task in work; check() also proves the choice held.
      await f.getByRole('radio', { name: 'the people in the work' }).check({ force: true });
      await f.getByRole('button', { name: 'Post message' }).click();
      await f
        .getByRole('list', { name: 'Messages' })
        .getByText('The preview build is linked in the PR.')
        .waitFor();
      await checkScreen(f, 'freelancer-task-thread');

      // Reviewer: logs in, says which skills they review, opens the submission, scores every criterion, approves.
      const r = reviewerCtx.page;
      await logIn(r, reviewer.email);
      await r.getByLabel('Skills with levels 1–5').fill(skills);
      await r.getByRole('button', { name: 'Save skills' }).click();
      await r.getByText('Saved.', { exact: true }).waitFor();
      // The owner makes Rita the project's expert, picked from the recommended reviewers by keyboard.
      await o.getByRole('tab', { name: 'Team' }).click();
      const rita = o
        .getByRole('listbox', { name: 'Recommended reviewers' })
        .getByRole('option', { name: /Rita Reviewer/ });
      await rita.waitFor();
      await rita.focus();
      await o.keyboard.press('Space');
      await o.getByRole('button', { name: 'Assign reviewer' }).click();
      await o.getByText('Reviewer assigned.').waitFor();
      await checkScreen(o, 'owner-team');
      await o.getByRole('tab', { name: 'Board' }).click();
      await r.getByRole('link', { name: `Review ${taskTitle}`, exact: false }).click();
      await r.getByRole('table', { name: /Scorecard/ }).waitFor();
      // The submission with its links and history.
      await r.getByRole('link', { name: 'https://github.com/frank/market/pull/1' }).waitFor();
      await checkScreen(r, 'reviewer-scorecard');
      for (const pass of await r.getByRole('radio', { name: 'Pass' }).all())
        await pass.check({ force: true });
      await r.getByRole('radio', { name: /Approve/ }).check({ force: true });
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
      // The owner rates the paid work.
      await o.getByRole('button', { name: 'Rate' }).click();
      await o.getByText('· rated 5/5').waitFor();

      // The owner's inbox counts what happened (planning finished, funding confirmed, …), live.
      const bell = o.getByRole('link', { name: /^Notifications [1-9]\d* unread$/ });
      await bell.waitFor();
      await bell.click();
      await o.getByRole('list', { name: 'Inbox' }).getByRole('listitem').first().waitFor();
      await checkScreen(o, 'owner-notifications');

      // The owner reads the task's submissions, reviews and thread, then disputes the work.
      await o.goBack();
      await o.getByRole('tab', { name: 'Board' }).click();
      await o.getByRole('link', { name: new RegExp(taskTitle) }).click();
      await o.getByRole('heading', { name: 'Reviews' }).waitFor();
      await o
        .getByRole('list', { name: 'Messages' })
        .getByText('The preview build is linked in the PR.')
        .waitFor();
      await checkScreen(o, 'owner-task');
      await o.getByLabel('Why').fill('The checkout button does nothing on Safari.');
      await o.getByRole('button', { name: 'Open dispute' }).click();
      await o.getByText('Dispute opened: an admin will decide.').waitFor();

      // The owner pauses an open task from its page, sets a minimum reputation, and resumes it.
      await o.goBack();
      await o.getByRole('tab', { name: 'Board' }).click();
      await o
        .getByRole('region', { name: /^OPEN \(\d+\)$/ })
        .getByRole('link')
        .first()
        .click();
      await o.getByRole('heading', { name: 'Manage this task' }).waitFor();
      await o.getByRole('button', { name: 'Pause task' }).click();
      await o.getByText('PAUSED', { exact: true }).waitFor();
      await o.getByLabel('Minimum reputation (1–5, empty for none)').fill('4');
      await o.getByRole('button', { name: 'Save minimum' }).click();
      await o.getByText('Only freelancers rated 4 or more may claim it.').waitFor();
      await checkScreen(o, 'owner-task-controls');
      await o.getByRole('button', { name: 'Resume task' }).click();
      await o.getByText('OPEN', { exact: true }).waitFor();
      // Cleared again: later tests claim the market's first open task with new freelancers.
      await o.getByLabel('Minimum reputation (1–5, empty for none)').fill('');
      await o.getByRole('button', { name: 'Save minimum' }).click();
      await o.getByText('No minimum.').waitFor();

      // The admin settles it.
      const adminUser = await api.newAdmin();
      const adminCtx = await personPage(browser, api.baseUrl);
      const ad = adminCtx.page;
      await logIn(ad, adminUser.email);
      await ad.getByRole('heading', { name: 'Open disputes' }).waitFor();
      await ad
        .getByText('“The checkout button does nothing on Safari.”', { exact: false })
        .waitFor();
      await checkScreen(ad, 'admin');
      await ad.getByRole('button', { name: 'Uphold payment' }).click();
      await ad
        .getByRole('heading', { name: 'Open disputes' })
        .locator('xpath=..')
        .getByText('None open.')
        .waitFor();
      await adminCtx.context.close();

      const serious = axeResults.filter((a) => a.serious + a.critical > 0);
      expect(serious).toEqual([]);
      for (const c of [owner, freelancer, reviewerCtx]) await c.context.close();
    }));

  it('refuses a plan edit that makes a dependency cycle, naming the cycle in place', () =>
    withEvidence('cycle', async () => {
      const { context, page } = await personPage(browser, api.baseUrl);
      await signUp(page, 'Cyril Cycle', ['OWNER']);
      await createProject(page, 'Cycle market');
      // A task with a dependency, read from the plan table: make the dependency depend on it.
      const rows = await page.getByRole('table').first().locator('tbody tr').allInnerTexts();
      const [task, dependency] = rows
        .map((r) => r.split('\t').map((c) => c.trim()))
        .filter((cells) => cells[2] && cells[2] !== '—')
        .map((cells) => [cells[0].replace(/\W*$/, ''), cells[2].split(',')[0].trim()])[0];
      await page.getByRole('button', { name: `Edit ${dependency}`, exact: true }).click();
      const form = page.getByRole('form', { name: `Edit ${dependency}` });
      await form.getByLabel('Depends on (task keys, comma separated)').fill(task);
      await form.getByRole('button', { name: `Save ${dependency}` }).click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      const text = await alert.innerText();
      expect(text).toMatch(/cycle/i);
      expect(text).toContain(task);
      expect(text).toContain(dependency);
      expect(text).toContain('BAD_USER_INPUT');
      await checkScreen(page, 'owner-plan-cycle-refused');
      await context.close();
    }));

  it('tells the freelancer who loses a claim race that someone else claimed the task first', () =>
    withEvidence('race', async () => {
      const owner = await api.newUser([Role.OWNER], 'Race Owner');
      await fundedProject(api, owner.token);
      const a = await api.newUser([Role.FREELANCER], 'Ann Fast');
      const b = await api.newUser([Role.FREELANCER], 'Ben Slow');
      const { openTasks } = await api.gql.ok<{
        openTasks: { edges: { node: { title: string; skills: { skill: string }[] } }[] };
      }>(FIRST_OPEN, {}, a.token);
      const first = openTasks.edges[0].node;
      for (const f of [a, b]) {
        await api.gql.ok(
          PROFILE,
          { input: { skills: first.skills.map((s) => ({ skill: s.skill, level: 5 })) } },
          f.token,
        );
      }
      const pa = await personPage(browser, api.baseUrl);
      const pb = await personPage(browser, api.baseUrl);
      await logIn(pa.page, a.email);
      await logIn(pb.page, b.email);
      // Both look at the same list; Ann claims first, Ben's page still shows the task as open.
      const claimOn = (page: Page) =>
        page
          .getByRole('list', { name: 'Open tasks' })
          .getByRole('button', { name: `Claim ${first.title}` })
          .first();
      await claimOn(pa.page).waitFor();
      await claimOn(pb.page).waitFor();
      await claimOn(pa.page).click();
      await pa.page
        .getByText(/^Claimed: yours until/)
        .first()
        .waitFor();
      await claimOn(pb.page).click();
      const alert = pb.page.getByRole('list', { name: 'Open tasks' }).getByRole('alert').first();
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/^Someone else claimed this task first\./);
      await checkScreen(pb.page, 'freelancer-claim-race-lost');
      await pa.context.close();
      await pb.context.close();
    }));

  it('refreshes an expired session silently: the form being filled in is sent, not lost', () =>
    withEvidence('refresh', async () => {
      const owner = await api.newUser([Role.OWNER], 'Sam Session');
      const { context, page } = await personPage(browser, api.baseUrl);
      await logIn(page, owner.email);
      const refreshes: string[] = [];
      page.on('request', (r) => {
        if (r.postData()?.includes('refreshSession')) refreshes.push(r.url());
      });
      await page.getByRole('link', { name: 'New project' }).click();
      await page.getByLabel('Title').fill('Typed while the token expired');
      await page.getByLabel('Brief (Markdown)').fill(BRIEF);
      // The access token lives 60 s (JWT_ACCESS_TTL_SECONDS); the API's clock moves past it.
      api.clock.advance(61_000);
      await page.getByRole('button', { name: 'Create and plan' }).click();
      await page.getByRole('heading', { name: 'Typed while the token expired' }).waitFor();
      await page.getByRole('heading', { name: /^Tasks \(\d+\)$/ }).waitFor({ timeout: 60000 });
      expect(page.url()).not.toContain('/login');
      expect(refreshes.length).toBeGreaterThanOrEqual(1);
      await context.close();
    }));

  it('vets a reviewer: the applicant signs up as a reviewer, an admin approves, the next session has the review queue', () =>
    withEvidence('vetting', async () => {
      const applicant = await personPage(browser, api.baseUrl);
      const email = await signUp(applicant.page, 'Vera Vetted', ['REVIEWER']);
      // Not a reviewer yet: no review queue until an admin approves.
      expect(await applicant.page.getByRole('link', { name: 'Review queue' }).count()).toBe(0);

      const adminUser = await api.newAdmin();
      const admin = await personPage(browser, api.baseUrl);
      await logIn(admin.page, adminUser.email);
      const row = admin.page.getByRole('listitem').filter({ hasText: 'Vera Vetted' });
      await row.getByRole('button', { name: 'Approve' }).click();
      await row.waitFor({ state: 'detached' });

      await applicant.page.getByRole('button', { name: 'Log out' }).click();
      await logIn(applicant.page, email);
      await applicant.page.getByRole('link', { name: 'Review queue' }).click();
      await applicant.page.getByRole('heading', { name: 'Review queue' }).waitFor();
      await checkScreen(applicant.page, 'reviewer-queue');
      await applicant.context.close();
      await admin.context.close();
    }));
});
