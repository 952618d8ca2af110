import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLField,
  GraphQLNamedType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { MAX_PAGE_SIZE } from './connection';

export interface ExpensiveFieldGroup {
  /** What the client is told, e.g. "plan exports". */
  label: string;
  /** Schema coordinates, e.g. `Plan.json`. */
  fields: readonly string[];
  /** How many times fields of the group may run in one request. */
  max: number;
}

/**
 * Counts how many times fields that cost real work or produce large text
 * would run, through aliases, fragments and lists, before anything runs.
 * A field under a connection runs once per row: `first` (its literal value,
 * else the page-size maximum for a variable, else its default) multiplies the
 * count; another list of objects counts as a full page. The general cost
 * limit cannot see this: it weighs every scalar alike.
 */
export function expensiveFieldsRule(groups: readonly ExpensiveFieldGroup[]): ValidationRule {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.fields.forEach((f) => groupOf.set(f, i)));

  return (context: ValidationContext) => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }

    function pageFactor(field: GraphQLField<unknown, unknown>, node: FieldNode): number {
      const first = field.args.find((a) => a.name === 'first');
      if (first) {
        const given = node.arguments?.find((a) => a.name.value === 'first')?.value;
        if (given?.kind === Kind.INT) return Math.max(1, Number(given.value));
        if (given?.kind === Kind.VARIABLE) return MAX_PAGE_SIZE;
        return typeof first.defaultValue === 'number' ? first.defaultValue : MAX_PAGE_SIZE;
      }
      const type = getNullableType(field.type);
      if (!isListType(type)) return 1;
      // The edges of a connection: already counted by its `first`.
      const element = getNamedType(type);
      return element.name.endsWith('Edge') ? 1 : MAX_PAGE_SIZE;
    }

    function count(
      set: SelectionSetNode,
      parent: GraphQLNamedType,
      factor: number,
      totals: number[],
      seen: ReadonlySet<string>,
    ): void {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
          const field = parent.getFields()[selection.name.value];
          if (!field) continue;
          const group = groupOf.get(`${parent.name}.${field.name}`);
          if (group !== undefined) totals[group] += factor;
          const type = getNamedType(field.type);
          if (selection.selectionSet && isCompositeType(type)) {
            const inner = Math.min(factor * pageFactor(field, selection), Number.MAX_SAFE_INTEGER);
            count(selection.selectionSet, type, inner, totals, seen);
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition
            ? schema.getType(selection.typeCondition.name.value)
            : parent;
          if (type) count(selection.selectionSet, type, factor, totals, seen);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // A fragment cycle is refused by its own rule; do not loop on it here.
          if (!fragment || seen.has(name)) continue;
          const type = schema.getType(fragment.typeCondition.name.value);
          if (type) count(fragment.selectionSet, type, factor, totals, new Set([...seen, name]));
        }
      }
    }

    return {
      OperationDefinition(operation) {
        const root = schema.getRootType(operation.operation);
        if (!root) return;
        const totals = groups.map(() => 0);
        count(operation.selectionSet, root, 1, totals, new Set());
        groups.forEach((group, i) => {
          if (totals[i] > group.max) {
            context.reportError(
              new GraphQLError(
                `Too many ${group.label} in one request: at most ${group.max}, this one asks for ` +
                  `${totals[i]} (aliases, fragments and list rows count). Ask for them one request at a time.`,
                { nodes: operation, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
              ),
            );
          }
        });
      },
    };
  };
}
