import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * The fields the client selected under `path` of the current field (e.g.
 * `['edges', 'node']` of a connection), through fragments and inline
 * fragments, by field name (aliases folded). A field under @skip/@include
 * counts as selected: a superset is always safe to load. Lets a list query
 * load what is asked for, its relations included, in one statement.
 */
export function selectedFields(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[] = [],
): Map<string, FieldNode[]> {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((node) => childFields(node.selectionSet, info).get(name) ?? []);
  }
  const out = new Map<string, FieldNode[]>();
  for (const node of level) {
    for (const [name, nodes] of childFields(node.selectionSet, info)) {
      out.set(name, [...(out.get(name) ?? []), ...nodes]);
    }
  }
  return out;
}

function childFields(
  set: SelectionSetNode | undefined,
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  out = new Map<string, FieldNode[]>(),
  seen = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      out.set(name, [...(out.get(name) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      childFields(selection.selectionSet, info, out, seen);
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      seen.add(name);
      childFields(info.fragments[name]?.selectionSet, info, out, seen);
    }
  }
  return out;
}
