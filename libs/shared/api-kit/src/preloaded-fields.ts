import { GraphQLObjectType, GraphQLSchema, isObjectType } from 'graphql';

/** Fields, by GraphQL type, that a look-ahead query may have loaded with their parent. */
export type PreloadedFields = Readonly<Record<string, readonly string[]>>;

/**
 * A parent that carries some relations already loaded (by a query that
 * looked ahead at the selection and fetched them in the same statement).
 */
export interface WithPreloaded {
  preloaded?: Readonly<Record<string, unknown>>;
}

/**
 * Wraps the resolvers of `fields` so that a parent carrying the field in
 * `preloaded` answers it directly, without entering the framework's
 * resolver (guards, pipes, parameter factories, per-request loaders) once
 * per row; any other parent goes to the field's own resolver as before.
 * Mutates and returns `schema` (for Nest's `transformSchema`).
 */
export function answerPreloadedFields(
  schema: GraphQLSchema,
  fields: PreloadedFields,
): GraphQLSchema {
  for (const [typeName, names] of Object.entries(fields)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`answerPreloadedFields: no object type ${typeName}`);
    for (const name of names) wrap(type, name);
  }
  return schema;
}

function wrap(type: GraphQLObjectType, name: string): void {
  const field = type.getFields()[name];
  if (!field) throw new Error(`answerPreloadedFields: no field ${type.name}.${name}`);
  const resolve = field.resolve;
  if (!resolve) throw new Error(`answerPreloadedFields: ${type.name}.${name} has no resolver`);
  field.resolve = (source: WithPreloaded, args, context, info) => {
    const preloaded = source?.preloaded;
    if (preloaded && name in preloaded) {
      const value = preloaded[name];
      if (value !== null && value !== undefined) return value;
    }
    return resolve(source, args, context, info);
  };
}
