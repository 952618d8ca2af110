import { buildSchema, graphql, GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { answerPreloadedFields } from '../preloaded-fields';
import { selectedFields } from '../selection';

const schema = () =>
  buildSchema(`
    type Owner { name: String! }
    type Task { id: ID! title: String! owner: Owner! }
    type Edge { node: Task! }
    type Page { edges: [Edge!]! }
    type Query { page: Page! }
  `);

/** The look-ahead seen by the resolver of `Query.page` for `document`. */
async function lookAhead(document: string): Promise<string[]> {
  let fields: string[] = [];
  await graphql({
    schema: schema(),
    source: document,
    rootValue: {
      page: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        fields = [...selectedFields(info, ['edges', 'node']).keys()].sort();
        return { edges: [] };
      },
    },
  });
  return fields;
}

describe('selectedFields', () => {
  it('lists the fields selected under a path, aliases folded to field names', async () => {
    expect(await lookAhead(`{ page { edges { node { id t: title } } } }`)).toEqual(['id', 'title']);
  });

  it('follows named and inline fragments at every level', async () => {
    expect(
      await lookAhead(`{ page { ...P } }
        fragment P on Page { edges { node { id ... on Task { owner { name } } ...T } } }
        fragment T on Task { title }`),
    ).toEqual(['id', 'owner', 'title']);
  });

  it('counts a field under @skip as selected (a superset is safe to load)', async () => {
    expect(await lookAhead(`{ page { edges { node { id title @skip(if: true) } } } }`)).toEqual([
      'id',
      'title',
    ]);
  });
});

describe('answerPreloadedFields', () => {
  const document = `{ page { edges { node { id owner { name } } } } }`;

  async function run(node: Record<string, unknown>) {
    const calls: string[] = [];
    const s = schema();
    const task = s.getType('Task') as GraphQLObjectType;
    task.getFields().owner.resolve = (source: { id: string }) => {
      calls.push(source.id);
      return { name: 'from the resolver' };
    };
    answerPreloadedFields(s, { Task: ['owner'] });
    const result = await graphql({
      schema: s,
      source: document,
      rootValue: { page: { edges: [{ node }] } },
    });
    return { result, calls };
  }

  it('answers a preloaded relation without calling the field resolver', async () => {
    const { result, calls } = await run({ id: '1', preloaded: { owner: { name: 'Preloaded' } } });
    expect(result).toEqual({
      data: { page: { edges: [{ node: { id: '1', owner: { name: 'Preloaded' } } }] } },
    });
    expect(calls).toEqual([]);
  });

  it('calls the field resolver for a parent without the relation', async () => {
    const { result, calls } = await run({ id: '2' });
    expect(result.data).toEqual({
      page: { edges: [{ node: { id: '2', owner: { name: 'from the resolver' } } }] },
    });
    expect(calls).toEqual(['2']);
  });

  it('refuses to wrap a field that does not exist', () => {
    expect(() => answerPreloadedFields(schema(), { Task: ['nope'] })).toThrow(/no field Task.nope/);
  });
});
