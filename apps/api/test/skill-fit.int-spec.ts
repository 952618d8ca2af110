import fc from 'fast-check';
import { Client } from 'pg';
import { meetsSkillRequirementsSql, skillGaps } from '@splitwork/marketplace-core';
import type { SkillLevel } from '@splitwork/planning-core';

/** Names that differ by case and surrounding whitespace only, and some that differ truly. */
const skillName = fc
  .tuple(
    fc.constantFrom('', ' ', '\t', '\n', '\u00a0'),
    fc.constantFrom('react', 'React', 'REACT', 'go', 'Go', 'sql', 'ux design'),
    fc.constantFrom('', ' ', '\r\n', '\u00a0'),
  )
  .map(([before, name, after]) => `${before}${name}${after}`);
const level = fc.integer({ min: 1, max: 5 }) as fc.Arbitrary<SkillLevel>;
const held = fc.array(fc.record({ skill: skillName, level }), { maxLength: 5 });
const required = fc.array(fc.record({ skill: skillName, minLevel: level }), { maxLength: 4 });

describe('skill fit in TypeScript and SQL', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.SPLITWORK_TEST_DATABASE_URL });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  it('the SQL predicate agrees with skillGaps on random profiles and tasks', async () => {
    const sql = `SELECT ${meetsSkillRequirementsSql('$1::jsonb', '$2::jsonb')} AS fits`;
    await fc.assert(
      fc.asyncProperty(held, required, async (have, need) => {
        const { rows } = await client.query<{ fits: boolean }>(sql, [
          JSON.stringify(have),
          JSON.stringify(need),
        ]);
        expect(rows[0].fits).toBe(skillGaps(have, need).length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('treats a name differing only by case and surrounding whitespace as the same skill', async () => {
    const { rows } = await client.query<{ fits: boolean }>(
      `SELECT ${meetsSkillRequirementsSql('$1::jsonb', '$2::jsonb')} AS fits`,
      [
        JSON.stringify([{ skill: ' React\t', level: 3 }]),
        JSON.stringify([{ skill: 'react', minLevel: 3 }]),
      ],
    );
    expect(rows[0].fits).toBe(true);
  });
});
