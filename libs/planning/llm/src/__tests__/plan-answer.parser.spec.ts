import { validateJson } from '../json-schema';
import { parseAnswer, parseJsonText } from '../plan-answer.parser';
import {
  FEATURE_TASKS_ANSWER_SCHEMA,
  OUTLINE_ANSWER_SCHEMA,
  PLAN_ANSWER_SCHEMA,
  type PlanAnswer,
} from '../plan-answer.schema';
import { SHOP_BRIEF } from './fixtures/briefs.fixture';
import { answerFor } from './support/answers';

describe('parseJsonText', () => {
  it('reads plain JSON as sent', () => {
    expect(parseJsonText('{"a": [1, 2]}')).toEqual({
      ok: true,
      value: { a: [1, 2] },
      repairedSyntax: false,
    });
  });

  it('repairs trailing commas, unquoted keys and single quotes', () => {
    expect(parseJsonText("{a: [1, 2,], 'b': 'x',}")).toEqual({
      ok: true,
      value: { a: [1, 2], b: 'x' },
      repairedSyntax: true,
    });
  });

  it('takes the JSON out of a code fence', () => {
    expect(parseJsonText('```json\n{"a": 1}\n```')).toMatchObject({ ok: true, value: { a: 1 } });
  });

  it('says so when the answer is empty', () => {
    expect(parseJsonText('  ')).toEqual({ ok: false, error: 'The answer is empty' });
  });
});

describe('parseAnswer', () => {
  it('accepts an answer that follows the plan schema', () => {
    const answer = answerFor(SHOP_BRIEF);

    const parsed = parseAnswer<PlanAnswer>(JSON.stringify(answer), PLAN_ANSWER_SCHEMA);

    expect(parsed).toEqual({ ok: true, value: answer, repairedSyntax: false });
  });

  it('rejects prose with a message the model can act on', () => {
    const parsed = parseAnswer(
      'Sure! Here is a plan: build the shop, then test it.',
      PLAN_ANSWER_SCHEMA,
    );

    expect(parsed).toEqual({
      ok: false,
      errors: [
        'The answer is prose, not JSON ("Sure! Here is a plan: build the shop, then test it."); answer with one JSON object only',
      ],
    });
  });

  it('keeps the object when the model wraps it in prose', () => {
    expect(parseJsonText('Here is the plan: {"a": 1} Hope this helps!')).toMatchObject({
      ok: true,
      value: { a: 1 },
    });
  });

  it('names each field that is missing or of the wrong type, with its path', () => {
    const answer = answerFor(SHOP_BRIEF) as unknown as { tasks: Record<string, unknown>[] };
    delete answer.tasks[0].platform;
    answer.tasks[1].estimate = { optimistic: 1, likely: 'four', pessimistic: 8 };
    answer.tasks[2].skills = [{ skill: 'react', minLevel: 7 }];

    const parsed = parseAnswer(JSON.stringify(answer), PLAN_ANSWER_SCHEMA);

    expect(parsed).toEqual({
      ok: false,
      errors: [
        'tasks[0].platform is missing',
        'tasks[1].estimate.likely must be a number, not the string "four"',
        'tasks[2].skills[0].minLevel is 7; it must be one of 1, 2, 3, 4, 5',
      ],
    });
  });
});

describe('validateJson', () => {
  it('ignores properties the schema does not know', () => {
    expect(
      validateJson({ tasks: [], comment: 'extra', end: 'END' }, FEATURE_TASKS_ANSWER_SCHEMA),
    ).toEqual([]);
  });

  it('rejects fractions where whole numbers are required and unknown enum values', () => {
    const outline = {
      features: [{ key: 'a', title: 'A', requirementIds: ['R1'], sharedTaskKeys: 'a-api' }],
      end: 'END',
    };

    expect(validateJson(outline, OUTLINE_ANSWER_SCHEMA)).toEqual([
      'features[0].sharedTaskKeys must be an array, not the string "a-api"',
    ]);
    expect(
      validateJson(
        {
          tasks: [{ ...answerFor(SHOP_BRIEF).tasks[0], skills: [{ skill: 'x', minLevel: 2.5 }] }],
          end: 'END',
        },
        FEATURE_TASKS_ANSWER_SCHEMA,
      ),
    ).toEqual(['tasks[0].skills[0].minLevel must be a whole number, not 2.5']);
  });

  it('follows the strict-mode rules of structured outputs: every property required, none other allowed', () => {
    const objects: unknown[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.type === 'object') objects.push(record);
      Object.values(record).forEach(walk);
    };
    [PLAN_ANSWER_SCHEMA, OUTLINE_ANSWER_SCHEMA, FEATURE_TASKS_ANSWER_SCHEMA].forEach(walk);

    for (const o of objects as {
      properties: object;
      required: string[];
      additionalProperties: boolean;
    }[]) {
      expect(o.additionalProperties).toBe(false);
      expect([...o.required].sort()).toEqual(Object.keys(o.properties).sort());
    }
    expect(objects.length).toBeGreaterThanOrEqual(9);
  });
});
