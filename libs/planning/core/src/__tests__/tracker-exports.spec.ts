import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportGithubScript, githubIssuesDocument } from '../github-export';
import { exportJiraCsv, JIRA_BLOCKS, JIRA_ISSUE_ID, JIRA_PARENT } from '../jira-export';
import {
  exportMermaidDiagrams,
  MERMAID_MAX_EDGES,
  MERMAID_MAX_TEXT_SIZE,
} from '../mermaid-diagrams';
import { Plan, PlannedTask } from '../plan.types';
import { parseCsv } from './support/csv-reader';
import { aPlan, aTask } from './support/plan-builders';

/** A small plan over two features, with titles a shell or a CSV could trip on. */
function smallPlan(): Plan {
  return aPlan(
    [
      aTask({ key: 'api', featureKey: 'checkout', title: `Orders API "v1", it's $(rm -rf) safe` }),
      aTask({ key: 'db', featureKey: 'checkout', title: 'Orders table; `backticks`' }),
      aTask({ key: 'ui', featureKey: 'storefront', title: 'Cart page', dependsOn: ['api', 'db'] }),
      aTask({
        key: 'qa',
        featureKey: 'storefront',
        title: 'Cart QA',
        platform: 'QA',
        skills: [{ skill: 'manual testing', minLevel: 2 }],
        dependsOn: ['ui'],
      }),
    ].reverse(),
    {
      features: [
        { key: 'checkout', title: 'Checkout, payments', order: 0 },
        { key: 'storefront', title: 'Storefront', order: 1 },
      ],
    },
  );
}

describe('Jira CSV export', () => {
  const plan = smallPlan();
  const rows = parseCsv(exportJiraCsv(plan));
  const [header, ...body] = rows;
  const col = (name: string): number => header.indexOf(name);
  const linkColumns = header.flatMap((h, i) => (h === JIRA_BLOCKS ? [i] : []));
  const rowOf = (summary: string): string[] => body.find((r) => r[col('Summary')] === summary)!;

  it('parses as RFC 4180 with the columns the importer maps, every row as wide as the header', () => {
    expect(header.slice(0, 5)).toEqual([
      JIRA_ISSUE_ID,
      JIRA_PARENT,
      'Issue Type',
      'Summary',
      'Description',
    ]);
    expect(header).toContain('Original Estimate');
    expect(linkColumns).toHaveLength(1);
    expect(body.every((r) => r.length === header.length)).toBe(true);
    expect(body).toHaveLength(2 + 4);
  });

  it('writes epics first and each task under its epic, in dependency order', () => {
    expect(body.slice(0, 2).map((r) => [r[col('Issue Type')], r[col('Summary')]])).toEqual([
      ['Epic', 'Checkout, payments'],
      ['Epic', 'Storefront'],
    ]);
    const position = (summary: string) => body.indexOf(rowOf(summary));
    expect(position('Cart page')).toBeGreaterThan(position('Orders table; `backticks`'));
    expect(position('Cart QA')).toBeGreaterThan(position('Cart page'));
    expect(rowOf('Cart QA')[col(JIRA_PARENT)]).toBe(rowOf('Storefront')[col(JIRA_ISSUE_ID)]);
  });

  it('makes each dependency a Blocks link from the blocking task to the Issue Id of the waiting one', () => {
    const ids = (summaries: string[]) => summaries.map((s) => rowOf(s)[col(JIRA_ISSUE_ID)]).sort();
    const blocks = (summary: string) =>
      linkColumns
        .map((i) => rowOf(summary)[i])
        .filter((v) => v !== '')
        .sort();

    expect(blocks(`Orders API "v1", it's $(rm -rf) safe`)).toEqual(ids(['Cart page']));
    expect(blocks('Orders table; `backticks`')).toEqual(ids(['Cart page']));
    expect(blocks('Cart page')).toEqual(ids(['Cart QA']));
    expect(blocks('Cart QA')).toEqual([]);
    expect(new Set(body.map((r) => r[col(JIRA_ISSUE_ID)])).size).toBe(body.length);
  });

  it('gives labels without spaces in repeated Labels columns and the estimate in seconds', () => {
    const labels = header.flatMap((h, i) => (h === 'Labels' ? [rowOf('Cart QA')[i]] : []));
    expect(labels.filter(Boolean)).toEqual(['platform:qa', 'skill:manual-testing']);
    expect(rowOf('Cart QA')[col('Original Estimate')]).toBe(String(4 * 3600));
  });
});

describe('GitHub export', () => {
  it('lists features, then tasks with every dependency before its dependents', () => {
    const { issues } = githubIssuesDocument(smallPlan());
    const index = new Map(issues.map((issue, i) => [issue.key, i]));

    expect(issues.slice(0, 2).map((i) => i.key)).toEqual([
      'feature:checkout',
      'feature:storefront',
    ]);
    for (const [i, issue] of issues.entries()) {
      for (const dep of issue.dependsOn) expect(index.get(dep)).toBeLessThan(i);
    }
    expect(issues.find((i) => i.key === 'feature:storefront')!.children).toEqual([
      'task:ui',
      'task:qa',
    ]);
  });

  describe('the gh script, replayed on a fake gh', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'splitwork-gh-'));
      // `gh` on the PATH runs the fake with this very Node, whatever node the PATH has.
      const fake = join(__dirname, 'support', 'fake-gh.js');
      writeFileSync(join(dir, 'gh'), `#!/bin/sh\nexec '${process.execPath}' '${fake}' "$@"\n`);
      chmodSync(join(dir, 'gh'), 0o755);
      writeFileSync(join(dir, 'plan.sh'), exportGithubScript(smallPlan()));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const run = (): string =>
      execFileSync('bash', [join(dir, 'plan.sh')], {
        env: {
          ...process.env,
          PATH: `${dir}:${process.env.PATH}`,
          REPO: 'acme/shop',
          FAKE_GH_STATE: join(dir, 'state.json'),
        },
        encoding: 'utf8',
      });
    type Issue = { number: number; title: string; body: string; labels: string[] };
    const state = (): { issues: Issue[]; calls: string[] } =>
      JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {
        issues: Issue[];
        calls: string[];
      };

    it('creates every issue in order, then links dependencies and feature task lists by number', () => {
      run();
      const { issues } = state();
      const byTitle = (title: string) => issues.find((i) => i.title === title)!;
      const api = byTitle(`Orders API "v1", it's $(rm -rf) safe`);
      const db = byTitle('Orders table; `backticks`');
      const cart = byTitle('Cart page');

      expect(issues).toHaveLength(6);
      expect(cart.number).toBeGreaterThan(Math.max(api.number, db.number));
      expect(cart.body).toContain('### Blocked by');
      expect(cart.body).toContain(`- [ ] #${api.number}`);
      expect(cart.body).toContain(`- [ ] #${db.number}`);
      expect(cart.body).toContain('- [ ] It works');
      expect(byTitle('Cart QA').labels).toEqual([
        'splitwork',
        'platform:qa',
        'skill:manual-testing',
      ]);
      expect(byTitle('Storefront').body).toContain(
        `### Tasks\n- [ ] #${cart.number}\n- [ ] #${byTitle('Cart QA').number}`,
      );
    });

    it('creates nothing twice when run again, and writes the same bodies', () => {
      run();
      const first = state().issues;
      const output = run();
      const second = state();

      expect(second.issues).toEqual(first);
      expect(second.calls.filter((c) => c === 'issue create')).toHaveLength(6);
      expect(output).toMatch(/kept #\d+ task:qa/);
      expect(output).not.toMatch(/created/);
    });
  });
});

describe('Mermaid diagrams', () => {
  const longTitle = (i: number) =>
    `Build the reporting screen number ${i} with filters, export and empty states for admins`;
  /** 330 tasks: one feature of 240 densely linked tasks, others smaller, links across features. */
  function bigPlan(): Plan {
    const tasks: PlannedTask[] = [];
    for (let i = 0; i < 330; i++) {
      const featureKey = i < 240 ? 'reports' : i < 300 ? 'accounts' : 'billing';
      const dependsOn = [i - 1, i - 2, i - 5].filter((j) => j >= 0).map((j) => `t${j}`);
      tasks.push(aTask({ key: `t${i}`, featureKey, title: longTitle(i), dependsOn }));
    }
    return aPlan(tasks);
  }

  it('keeps every diagram of a 300+ task plan under mermaid default limits', () => {
    const plan = bigPlan();
    const diagrams = exportMermaidDiagrams(plan);
    const edgesOf = (text: string) => text.split('\n').filter((l) => l.includes('-->'));

    expect(diagrams[0].key).toBe('overview');
    expect(diagrams.length).toBeGreaterThan(4);
    for (const d of diagrams) {
      expect(d.mermaid.length).toBeLessThan(MERMAID_MAX_TEXT_SIZE);
      expect(edgesOf(d.mermaid).length).toBeLessThanOrEqual(MERMAID_MAX_EDGES);
      expect(d.mermaid.startsWith('graph TD\n')).toBe(true);
    }
    // The one-feature split really happened: 'reports' alone has ~700 edges.
    expect(diagrams.filter((d) => d.key.startsWith('reports')).length).toBeGreaterThan(1);
  });

  it('draws every task once as a node and every dependency once as an edge', () => {
    const plan = bigPlan();
    const parts = exportMermaidDiagrams(plan).slice(1);
    const nodes = parts.flatMap((d) => d.mermaid.match(/^ {2}t_\w+\["/gm) ?? []);
    const edges = parts.flatMap((d) => d.mermaid.match(/^ {2}t_\w+ --> t_\w+$/gm) ?? []);

    expect(nodes).toHaveLength(plan.tasks.length);
    expect(new Set(nodes).size).toBe(plan.tasks.length);
    expect(edges).toHaveLength(plan.tasks.reduce((s, t) => s + t.dependsOn.length, 0));
  });

  it('links features in the overview where their tasks wait for each other', () => {
    const overview = exportMermaidDiagrams(bigPlan())[0].mermaid;

    expect(overview).toContain('f_reports --> f_accounts');
    expect(overview).toContain('f_accounts --> f_billing');
    expect(overview).toMatch(/f_reports\["Feature reports #40;240 tasks, 960h#41;"\]/);
  });
});
