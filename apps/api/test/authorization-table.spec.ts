import { buildSchema, GraphQLObjectType } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { committedSchema, takesId, withUnknownIds } from './authorization-ids';
import { MATRIX, renderMatrixTable, RoleName, ROLES } from './authorization-matrix';

/** Each outsider role, and the role of the same kind that is in the world's work. */
const OUTSIDERS: [RoleName, RoleName][] = [
  ['otherOwner', 'owner'],
  ['otherFreelancer', 'assignee'],
  ['otherReviewer', 'reviewer'],
];

const ROOT = join(__dirname, '..', '..', '..');
const README = join(ROOT, 'README.md');
const START = '<!-- authz:start -->';
const END = '<!-- authz:end -->';

function schemaOperations(): string[] {
  const schema = buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
  const roots: [string, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type ? Object.keys(type.getFields()).map((name) => `${kind} ${name}`) : [],
  );
}

/** The README with the table between the markers replaced by `table`. */
function withTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

describe('authorization matrix', () => {
  it('has one row for every operation of schema.graphql, and none for an operation that is gone', () => {
    const rows = MATRIX.map((r) => `${r.kind} ${r.operation}`);
    expect([...rows].sort()).toEqual(schemaOperations().sort());
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('gives every row an outcome for every role, and only for those roles', () => {
    for (const row of MATRIX) {
      expect({ operation: row.operation, roles: Object.keys(row.expected).sort() }).toEqual({
        operation: row.operation,
        roles: [...ROLES].sort(),
      });
    }
  });

  it('refuses an outsider of each role an operation that takes an id with NOT_FOUND (FORBIDDEN only when the whole role is refused)', () => {
    // FORBIDDEN from a role gate is the same answer for every id, so it tells nothing; past
    // the gate, anyone who may not see the object is told it does not exist.
    const schema = committedSchema();
    const wrong: string[] = [];
    for (const row of MATRIX.filter((r) => takesId(schema, r.kind, r.operation))) {
      for (const [outsider, insider] of OUTSIDERS) {
        const outcome = row.expected[outsider];
        const refusedAsRole = outcome === 'FORBIDDEN' && row.expected[insider] === 'FORBIDDEN';
        if (outcome === 'FORBIDDEN' && !refusedAsRole) {
          wrong.push(`${row.kind} ${row.operation}: ${outsider} ${outcome}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds the ids of an operation however deep in its input, and replaces only those', () => {
    const schema = committedSchema();
    expect(takesId(schema, 'mutation', 'offerTask')).toBe(true);
    expect(takesId(schema, 'query', 'me')).toBe(false);
    expect(takesId(schema, 'mutation', 'logIn')).toBe(false);
    const row = MATRIX.find((r) => r.operation === 'offerTask')!;
    const taskId = '00000000-0000-4000-8000-000000000001';
    const freelancerId = '00000000-0000-4000-8000-000000000002';
    const replaced = withUnknownIds(schema, row, { input: { taskId, freelancerId } }) as {
      input: { taskId: string; freelancerId: string };
    };
    expect(replaced.input.taskId).toMatch(/^[0-9a-f-]{36}$/);
    expect([replaced.input.taskId, replaced.input.freelancerId]).not.toContain(taskId);
    expect(replaced.input.freelancerId).not.toBe(freelancerId);
    const rate = MATRIX.find((r) => r.operation === 'rateTask')!;
    const kept = withUnknownIds(schema, rate, { input: { taskId, rating: 4, comment: 'x' } });
    expect(kept).toMatchObject({ input: { rating: 4, comment: 'x' } });
  });

  it('names the operation in each row document', () => {
    for (const row of MATRIX) {
      expect(row.document).toMatch(new RegExp(`^${row.kind}\\b[^{]*\\{\\s*${row.operation}\\b`));
    }
  });

  it('README table matches the matrix (npm run authz:table rewrites it)', () => {
    if (process.env.UPDATE_AUTHZ_TABLE === '1') {
      writeFileSync(README, withTable(readFileSync(README, 'utf8'), renderMatrixTable()));
    }
    const readme = readFileSync(README, 'utf8');
    expect(readme).toBe(withTable(readme, renderMatrixTable()));
  });
});
