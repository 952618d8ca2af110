import {
  exportCsv,
  exportJson,
  exportMermaid,
  planJsonDocument,
  sanitizeMermaidLabel,
  CSV_COLUMNS,
} from '../plan-export';
import { planOffline } from '../offline-planner';
import { resolvePlanSettings } from '../plan-settings';
import { pricePlan } from '../pricing';
import { BRIEF_FIXTURES } from './fixtures/briefs.fixture';
import { parseCsv } from './support/csv-reader';
import { aPlan, aTask } from './support/plan-builders';

const settings = resolvePlanSettings({ currency: 'USD' });

const tricky = aPlan([
  aTask({
    key: 'a-1',
    title: 'Checkout, "express" flow',
    description: 'Line one\nLine two, with a comma',
    acceptanceCriteria: ['Pays with "Apple Pay"', 'Shows, then hides'],
    skills: [
      { skill: 'react', minLevel: 3 },
      { skill: 'stripe', minLevel: 4 },
    ],
    platform: 'WEB',
    estimate: { optimistic: 1, likely: 2, pessimistic: 4.5 },
  }),
  aTask({ key: 'b-1', title: '=HYPERLINK("http://evil")', dependsOn: ['a-1'] }),
]);

describe('exportCsv', () => {
  it('quotes commas, quotes and line breaks so every row reads back exactly', () => {
    const rows = parseCsv(exportCsv(tricky, settings));

    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const [header, first] = rows;
    const cell = (name: (typeof CSV_COLUMNS)[number]) => first[header.indexOf(name)];
    expect(cell('Title')).toBe('Checkout, "express" flow');
    expect(cell('Description')).toBe('Line one\nLine two, with a comma');
    expect(cell('Acceptance Criteria')).toBe(
      '* [ ] Pays with "Apple Pay"\n* [ ] Shows, then hides',
    );
    expect(cell('Labels')).toBe('platform:web,feature:f1,skill:react,skill:stripe');
    expect(cell('Likely Hours')).toBe('2');
    expect(cell('Expected Hours')).toBe('2.25');
    expect(cell('Original Estimate')).toBe('7200');
    expect(cell('Price')).toBe(
      (pricePlan(tricky, settings).tasks[0].price.amountCents / 100).toFixed(2),
    );
    expect(rows[2][header.indexOf('Depends On')]).toBe('a-1');
    expect(rows[2][header.indexOf('Depends On Titles')]).toBe('Checkout, "express" flow');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const rows = parseCsv(exportCsv(tricky, settings));

    expect(rows[2][1]).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('exports a whole generated plan as valid CSV, one row per task', () => {
    const plan = planOffline(BRIEF_FIXTURES[0].brief, settings);

    const rows = parseCsv(exportCsv(plan, settings));

    expect(rows).toHaveLength(plan.tasks.length + 1);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });
});

describe('exportMermaid', () => {
  it('draws features as subgraphs, tasks as nodes and dependencies as edges', () => {
    const chart = exportMermaid(tricky);

    expect(chart.split('\n')).toEqual([
      'graph TD',
      '  subgraph f_f1["Feature f1"]',
      '    t_a_1["Checkout, #34;express#34; flow #40;2h#41;"]',
      '    t_b_1["=HYPERLINK#40;#34;http://evil#34;#41; #40;4h#41;"]',
      '  end',
      '  t_a_1 --> t_b_1',
      '',
    ]);
  });

  it('keeps labels free of characters that would break the chart', () => {
    const label = sanitizeMermaidLabel('A "quoted" <b>bold</b> [x] {y} | z; #1\nnext');

    expect(label.replace(/#\d+;/g, '')).not.toMatch(/["<>[\]{}|;#\n]/);
    expect(label).toContain('A #34;quoted#34;');
  });

  it('gives distinct node ids to keys that differ only in punctuation', () => {
    const chart = exportMermaid(
      aPlan([aTask({ key: 'a-b' }), aTask({ key: 'a_b', dependsOn: ['a-b'] })]),
    );

    expect(chart).toContain('t_a_b --> t_a_b_2');
  });

  it('has one node per task and one edge per dependency for a generated plan', () => {
    const plan = planOffline(BRIEF_FIXTURES[3].brief, settings);

    const chart = exportMermaid(plan);

    expect(chart.match(/^\s+t_\S+\["/gm)).toHaveLength(plan.tasks.length);
    expect(chart.match(/ --> /g)).toHaveLength(
      plan.tasks.reduce((s, t) => s + t.dependsOn.length, 0),
    );
  });
});

describe('exportJson', () => {
  it('writes a stable document with prices and every field present', () => {
    const plan = planOffline(BRIEF_FIXTURES[7].brief, settings);

    const json = exportJson(plan, settings);
    const document = JSON.parse(json) as ReturnType<typeof planJsonDocument>;

    expect(exportJson(planOffline(BRIEF_FIXTURES[7].brief, settings), settings)).toBe(json);
    expect(Object.keys(document)).toEqual([
      'schemaVersion',
      'currency',
      'sizeBand',
      'features',
      'requirements',
      'tasks',
      'coverage',
      'totals',
    ]);
    expect(document.schemaVersion).toBe(1);
    expect(document.tasks).toHaveLength(plan.tasks.length);
    expect(Object.keys(document.tasks[0])).toEqual([
      'key',
      'featureKey',
      'title',
      'description',
      'acceptanceCriteria',
      'skills',
      'platform',
      'estimate',
      'priceCents',
      'dependsOn',
      'requirementIds',
      'locked',
      'addedByOwner',
    ]);
    expect(document.totals.priceCents).toBe(document.tasks.reduce((s, t) => s + t.priceCents, 0));
    expect(document.coverage.uncoveredRequirementIds).toEqual([]);
  });
});
