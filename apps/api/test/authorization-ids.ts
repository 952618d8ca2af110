/**
 * Which operations take an id, and the same call with every id replaced by
 * one that names nothing: the tools of the "no leak" half of the
 * authorization matrix (authorization-matrix.int-spec.ts) and of its static
 * outsider rule (authorization-table.spec.ts).
 */
import {
  buildSchema,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MatrixRow, OperationKind } from './authorization-matrix';

export function committedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema.graphql'), 'utf8'));
}

function rootType(schema: GraphQLSchema, kind: OperationKind): GraphQLObjectType {
  const type =
    kind === 'query'
      ? schema.getQueryType()
      : kind === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!type) throw new Error(`schema.graphql has no ${kind} type`);
  return type;
}

function holdsId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  if (isNonNullType(type) || isListType(type)) return holdsId(type.ofType, seen);
  if (isInputObjectType(type)) {
    if (seen.has(type.name)) return false;
    seen.add(type.name);
    return Object.values(type.getFields()).some((f) => holdsId(f.type, seen));
  }
  return type.name === 'ID';
}

/** True when an argument of the operation is an ID or an input holding one. */
export function takesId(schema: GraphQLSchema, kind: OperationKind, operation: string): boolean {
  const field = rootType(schema, kind).getFields()[operation];
  if (!field) throw new Error(`schema.graphql has no ${kind} ${operation}`);
  return field.args.some((a) => holdsId(a.type));
}

function replaceIds(value: unknown, type: GraphQLInputType): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return replaceIds(value, type.ofType);
  if (isListType(type)) {
    return Array.isArray(value) ? value.map((v) => replaceIds(v, type.ofType)) : value;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        fields[k] ? replaceIds(v, fields[k].type) : v,
      ]),
    );
  }
  return type.name === 'ID' ? randomUUID() : value;
}

/** The row's variables with every id (however deep in an input) replaced by a new random one. */
export function withUnknownIds(
  schema: GraphQLSchema,
  row: MatrixRow,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const definition = parse(row.document).definitions[0] as OperationDefinitionNode;
  const selection = definition.selectionSet.selections[0];
  if (selection.kind !== Kind.FIELD) throw new Error(`${row.operation}: no root field`);
  const args = rootType(schema, row.kind).getFields()[row.operation].args;
  const out = { ...variables };
  for (const node of selection.arguments ?? []) {
    const arg = args.find((a) => a.name === node.name.value);
    if (arg && node.value.kind === Kind.VARIABLE) {
      const name = node.value.name.value;
      out[name] = replaceIds(out[name], arg.type);
    }
  }
  return out;
}
