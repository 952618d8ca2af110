import { readBrief } from '../brief-lines';
import { planOffline } from '../offline-planner';
import { pricePlan } from '../pricing';
import { resolvePlanSettings } from '../plan-settings';
import { Plan, PlannedTask } from '../plan.types';
import { validatePlan } from '../plan-validator';
import { splitProjectTasksByMeaning } from '../project-task-split';
import { DESIGN_SYSTEM_TASK_KEY, RELEASE_QA_TASK_KEY } from '../project-task-templates';

const settings = resolvePlanSettings({ currency: 'USD', targetPlatforms: ['WEB', 'BACKEND'] });

const STORIES = [
  'As an employee, I want to submit a leave request for a date range so that my manager can approve it.',
  'As an employee, I want to cancel a pending leave request so that I can change my plans.',
  'As a manager, I want to approve or reject a leave request with a comment so that the employee knows the outcome.',
  'As the payroll officer, I want to download a monthly leave export for payroll.',
];

/** The stories wrapped the way owners write: background prose, a product sentence, constraints, a non-goals section. */
const WRAPPED = `# Leave portal for Norrbrook

Requested by: People & Culture

## Background

Holiday is requested by email today and keyed into payroll by hand. We would
like to replace the email flow with a simple web portal.

## Stories

${STORIES.join('\n')}

Everything must run in a browser on the office PCs.
The design should reuse our green-and-cream palette.

## Not in this project

Timesheets stay in the current system. Sign-in should use the existing Azure
AD; no separate passwords.
`;

const STORIES_ONLY = `# Leave portal\n\n${STORIES.map((s) => `- ${s}`).join('\n')}\n`;

const price = (plan: Plan): number => pricePlan(plan, settings).total.amountCents;
const tasksOf = (plan: Plan, requirementId: string): PlannedTask[] =>
  plan.tasks.filter((t) => t.requirementIds.includes(requirementId));

describe('context, constraints and scope around the stories', () => {
  const reading = readBrief(WRAPPED);
  const kindOf = (start: string): string | undefined =>
    reading.lines.find((l) => l.text.startsWith(start))?.kind;

  it('reads "As the payroll officer, I want…" as a user story', () => {
    expect(kindOf('As the payroll officer')).toBe('REQUIREMENT');
    expect(reading.requirements.find((r) => r.text.startsWith('As the payroll'))?.kind).toBe(
      'user-story',
    );
  });

  it('reads a prose sentence naming only the whole product as context once stories say what to build', () => {
    expect(kindOf('like to replace the email flow')).toBe('CONTEXT');
    expect(reading.requirements.some((r) => /web portal/.test(r.text))).toBe(false);
  });

  it('keeps the product sentence as a requirement when it is all the brief asks', () => {
    const alone = readBrief('We need an app where volunteers can sign up for beach clean-ups.');
    expect(alone.requirements).toHaveLength(1);
  });

  it('reads a "Not in this project" section as scope, keeping what its sentences still ask for', () => {
    expect(kindOf('Timesheets stay')).toBe('SCOPE');
    const modes = reading.scope.map((s) => s.mode);
    expect(modes).toContain('exclude');
    expect(reading.scope.find((s) => s.mode === 'keep')?.catalogIds).toContain('auth');
  });

  it('checks constraint lines in the design system and the release test instead of building a "browser" or "design" entity', () => {
    const plan = planOffline(WRAPPED, settings);
    const browser = plan.requirements.find((r) => r.text.startsWith('Everything must run'))!;
    const palette = plan.requirements.find((r) => r.text.startsWith('The design should reuse'))!;
    expect(tasksOf(plan, browser.id).map((t) => t.key)).toEqual([RELEASE_QA_TASK_KEY]);
    expect(tasksOf(plan, palette.id).map((t) => t.key)).toEqual([DESIGN_SYSTEM_TASK_KEY]);
    expect(
      plan.tasks.find((t) => t.key === RELEASE_QA_TASK_KEY)!.acceptanceCriteria.join('\n'),
    ).toMatch(/run in a browser on the office PCs/);
    expect(plan.tasks.map((t) => t.title).join('\n')).not.toMatch(/Browser|Design \(reuse\)/);
  });

  it('prices the wrapped brief within 5% of its stories alone', () => {
    const wrapped = price(planOffline(WRAPPED, settings));
    const bare = price(planOffline(STORIES_ONLY, settings));
    expect(Math.abs(wrapped - bare) / bare).toBeLessThan(0.05);
  });

  it('names the leave request, not "leave", as the thing the stories act on', () => {
    const plan = planOffline(STORIES_ONLY, settings);
    const submit = plan.requirements.find((r) => r.text.includes('submit a leave request'))!;
    expect(submit.story?.entity).toBe('leave request');
    expect(tasksOf(plan, submit.id).some((t) => /submit leave request/i.test(t.title))).toBe(true);
  });
});

describe('the app’s own thing against a catalog feature of the same name', () => {
  const brief = [
    '- As a freelancer, I want to create an invoice from my saved clients and line items.',
    '- As a freelancer, I want to send an invoice by email.',
    '- As a client, I want to pay an invoice by card.',
    '- As a freelancer, I want to download an invoice as a PDF.',
  ].join('\n');
  const plan = planOffline(brief, settings);

  it('builds the invoice stories on an Invoice entity named after their actions', () => {
    const download = plan.requirements.find((r) => r.text.includes('download'))!;
    const titles = tasksOf(plan, download.id).map((t) => t.title);
    expect(titles.some((t) => /download/.test(t) && /Invoice/.test(t))).toBe(true);
    expect(validatePlan(plan, { sizeBand: settings.sizeBand })).toEqual([]);
  });

  it('still plans card payments for the line that pays by card', () => {
    const pay = plan.requirements.find((r) => r.text.includes('pay an invoice'))!;
    expect(tasksOf(plan, pay.id).some((t) => /Payments/.test(t.title))).toBe(true);
  });
});

describe('things named by two nouns', () => {
  it('keeps a list named after an activity as the thing: "generate a shopping list"', () => {
    const plan = planOffline(
      '- As a cook, I want to generate a shopping list from the recipes of the week.\n- As a cook, I want to save a recipe.',
      settings,
    );
    expect(plan.requirements[0].story?.entity).toBe('shopping list');
  });

  it('builds "export a settlement report" as the app’s own report, not generic analytics', () => {
    const plan = planOffline(
      '- As a venue manager, I want to create a gig with ticket tiers.\n- As a co-op accountant, I want to export a settlement report per venue each month.',
      settings,
    );
    expect(plan.requirements[1].story?.entity).toBe('settlement report');
    expect(tasksOf(plan, 'R2').some((t) => /export Settlement Report/.test(t.title))).toBe(true);
    expect(plan.tasks.some((t) => /Analytics/.test(t.title))).toBe(false);
  });
});

describe('receiving an alert', () => {
  it('reads "receive an alert before an MOT expires" as alerting about the MOT', () => {
    const plan = planOffline(
      '- As the fleet manager, I want to receive an alert before an MOT expires.\n- As a mechanic, I want to log a service for a van.',
      settings,
    );
    expect(plan.requirements[0].story).toMatchObject({ action: 'alert', entity: 'mot' });
  });
});

describe('splitProjectTasksByMeaning', () => {
  const band = { minHours: 1, maxHours: 8 };
  const task = (key: string, title: string, likely: number, criteria: string[]): PlannedTask => ({
    key,
    featureKey: 'foundation',
    title,
    description: `${title}.`,
    acceptanceCriteria: criteria,
    skills: [],
    platform: 'DESIGN',
    estimate: { optimistic: likely * 0.7, likely, pessimistic: likely * 1.8 },
    dependsOn: [],
    requirementIds: ['R9'],
  });
  const design = task(DESIGN_SYSTEM_TASK_KEY, 'Design system and UI kit', 14, [
    'Colour, typography, spacing and elevation tokens are defined in Figma',
    'Core components (buttons, inputs, lists, navigation, dialogs) exist with every state',
    'Components follow the platform conventions of Web',
    'Text and controls meet WCAG AA contrast',
    "Checked against the brief's constraint: reuse our palette",
  ]);
  const screen = {
    ...task('web-1', 'Web: screens', 4, ['x']),
    dependsOn: [DESIGN_SYSTEM_TASK_KEY],
  };
  const release = task(RELEASE_QA_TASK_KEY, 'Release candidate regression test', 12, [
    'Every feature’s main flow passes on Web, Android and the API',
    'No open blocker or critical defects remain',
  ]);

  const out = splitProjectTasksByMeaning(
    [design, screen, release],
    ['Web', 'Android', 'the API'],
    band,
  );
  const parts = (prefix: string): PlannedTask[] => out.filter((t) => t.title.startsWith(prefix));

  it('splits the design system into tokens and component groups, each with criteria about its own output', () => {
    const designParts = parts('Design system');
    expect(designParts).toHaveLength(2);
    expect(designParts.map((t) => t.title)).toEqual([
      'Design system and UI kit: tokens and buttons and inputs',
      'Design system and UI kit: navigation and lists and dialogs and feedback',
    ]);
    expect(designParts[0].acceptanceCriteria.join('\n')).toMatch(/tokens/);
    expect(designParts[1].acceptanceCriteria.join('\n')).toMatch(/Navigation bars/);
    expect(designParts.reduce((s, t) => s + t.estimate.likely, 0)).toBe(14);
    for (const t of out) expect(t.title).not.toMatch(/part \d/);
  });

  it('keeps every criterion the template did not own and the trace on the first part', () => {
    const all = parts('Design system').flatMap((t) => t.acceptanceCriteria);
    expect(all).toContain("Checked against the brief's constraint: reuse our palette");
    expect(parts('Design system')[0].requirementIds).toEqual(['R9']);
  });

  it('makes what waited for the design system wait for every part', () => {
    expect(out.find((t) => t.key === 'web-1')!.dependsOn).toEqual(
      parts('Design system').map((t) => t.key),
    );
  });

  it('splits the regression test per platform', () => {
    const qa = parts('Release candidate');
    expect(qa).toHaveLength(2);
    expect(qa[0].acceptanceCriteria).toContain('Every feature’s main flow passes on Web');
    expect(qa[1].acceptanceCriteria).toContain('Every feature’s main flow passes on the API');
  });
});

describe('people and summaries in short briefs', () => {
  const brief = `Short brief. Residents should be able to report road defects from their phone.

1. Residents can report a pothole with a location pin and a photo.
2. Residents can track the status of a report they submitted.
3. Crew leaders can close a report with an after photo.
`;
  const plan = planOffline(brief, settings);
  const storyOf = (start: string) => plan.requirements.find((r) => r.text.startsWith(start))?.story;

  it('reads "Residents can report a pothole" as residents reporting potholes, not as a resident entity', () => {
    expect(storyOf('Residents can report')).toMatchObject({
      actor: 'resident',
      action: 'report',
      entity: 'pothole',
    });
  });

  it('builds the summary sentence on the thing its item names', () => {
    expect(storyOf('Residents should be able')?.entity).toBe('pothole');
    expect(plan.tasks.map((t) => t.title).join('\n')).not.toMatch(/Defect/);
  });

  it('builds a report acted on by two stories as the app’s own thing, not as analytics', () => {
    const close = plan.requirements.find((r) => r.text.startsWith('Crew leaders'))!;
    expect(
      tasksOf(plan, close.id).some((t) => /close/.test(t.title) && /Report/.test(t.title)),
    ).toBe(true);
    expect(plan.tasks.some((t) => /Analytics/.test(t.title))).toBe(false);
  });
});
