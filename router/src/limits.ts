// Depth, alias and cost limits, checked after validation and before any subgraph is called.
//
// Cost model (documented in router/README.md): every selected field costs 1; a field whose type is a
// list multiplies the cost of its sub-selection by its page size — the integer `first`, `last`,
// `limit` or `take` argument when given (literal or variable), else `defaultListSize`. So
// `deals(first: 50) { id customer { name } }` costs 1 + 50 × (1 + 2) = 151.
// Introspection counts like everything else (issue 12: 50,000 free `__typename` aliases took a CPU
// core), except that inside `__schema` / `__type` lists do not multiply and nesting adds no depth:
// GraphiQL's own introspection query is deeper than any sensible limit for data, and its cost is
// then the number of fields it names (229 for the full query on our supergraph), which the token limit bounds anyway.
//
// Fragments are measured once each and memoized, so a document that spreads fragments into
// fragments cannot make the measurement itself exponential.
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { OperationLimits } from './config.ts';

export interface OperationMeasure {
  depth: number;
  aliases: number;
  cost: number;
}

// Not in any type's getFields(): graphql-js resolves them specially.
const META_FIELDS: Record<string, GraphQLField<unknown, unknown> | undefined> = {
  __schema: SchemaMetaFieldDef,
  __type: TypeMetaFieldDef,
  __typename: TypeNameMetaFieldDef,
};

const ZERO: OperationMeasure = { depth: 0, aliases: 0, cost: 0 };
const PAGE_ARGUMENTS = new Set(['first', 'last', 'limit', 'take']);

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  defaultListSize: number,
): OperationMeasure {
  return measure(schema, document, operation, variables, defaultListSize).measure;
}

/**
 * measureOperation with memory: Apollo Server hands out one DocumentNode per distinct query text,
 * and a measurement that read no variable (no page-size argument given as a variable) depends on
 * nothing else, so it is kept per document and operation (weakly: it goes with the document).
 */
export function operationMeasurer(
  schema: GraphQLSchema,
  defaultListSize: number,
): (
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
) => OperationMeasure {
  const cache = new WeakMap<DocumentNode, Map<OperationDefinitionNode, OperationMeasure>>();
  return (document, operation, variables) => {
    const known = cache.get(document)?.get(operation);
    if (known) return known;
    const result = measure(schema, document, operation, variables, defaultListSize);
    if (!result.usesVariables) {
      let byOperation = cache.get(document);
      if (!byOperation) cache.set(document, (byOperation = new Map()));
      byOperation.set(operation, result.measure);
    }
    return result.measure;
  };
}

function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  defaultListSize: number,
): { measure: OperationMeasure; usesVariables: boolean } {
  let usesVariables = false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const memo = new Map<string, OperationMeasure>();

  const typeNamed = (name: string): GraphQLCompositeType | undefined => {
    const type = schema.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  };

  const pageSize = (field: FieldNode): number => {
    for (const arg of field.arguments ?? []) {
      if (!PAGE_ARGUMENTS.has(arg.name.value)) continue;
      const value =
        arg.value.kind === Kind.INT
          ? Number(arg.value.value)
          : arg.value.kind === Kind.VARIABLE
            ? ((usesVariables = true), variables?.[arg.value.name.value])
            : undefined;
      if (typeof value === 'number' && Number.isFinite(value))
        return Math.max(1, Math.floor(value));
    }
    return defaultListSize;
  };

  const fragment = (name: string): OperationMeasure => {
    const cached = memo.get(name);
    if (cached) return cached;
    const def = fragments.get(name);
    memo.set(name, ZERO); // validation already refused cycles; this only guards against them
    const measure = def
      ? selections(def.selectionSet, typeNamed(def.typeCondition.name.value))
      : ZERO;
    memo.set(name, measure);
    return measure;
  };

  const field = (node: FieldNode, parent: GraphQLCompositeType | undefined): OperationMeasure => {
    const introspection = node.name.value.startsWith('__') || parent?.name.startsWith('__');
    const def =
      META_FIELDS[node.name.value] ??
      (parent && (isObjectType(parent) || isInterfaceType(parent))
        ? parent.getFields()[node.name.value]
        : undefined);
    const type: GraphQLOutputType | undefined = def?.type;
    const namedType = type ? getNamedType(type) : undefined;
    const child = node.selectionSet
      ? selections(
          node.selectionSet,
          namedType && isCompositeType(namedType) ? namedType : undefined,
        )
      : ZERO;
    const factor = !introspection && type && isListType(getNullableType(type)) ? pageSize(node) : 1;
    return {
      depth: introspection ? 0 : child.depth + 1,
      aliases: child.aliases + (node.alias ? 1 : 0),
      cost: 1 + factor * child.cost,
    };
  };

  const selections = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
  ): OperationMeasure => {
    const total = { ...ZERO };
    for (const selection of set.selections) {
      let m: OperationMeasure;
      if (selection.kind === Kind.FIELD) {
        m = field(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? typeNamed(selection.typeCondition.name.value)
          : parent;
        m = selections(selection.selectionSet, condition);
      } else {
        m = fragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, m.depth);
      total.aliases += m.aliases;
      total.cost += m.cost;
    }
    return total;
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  const total = selections(operation.selectionSet, root);
  return { measure: total, usesVariables };
}

/** Throws BAD_USER_INPUT (HTTP 400) naming the limit that the operation exceeds. */
export function assertWithinLimits(measure: OperationMeasure, limits: OperationLimits): void {
  const checks: Array<[keyof OperationMeasure, number, string]> = [
    ['depth', limits.maxDepth, 'depth'],
    ['aliases', limits.maxAliases, 'number of aliases'],
    ['cost', limits.maxCost, 'cost'],
  ];
  for (const [key, limit, label] of checks) {
    const actual = measure[key];
    if (actual > limit) {
      throw new GraphQLError(`Operation ${label} ${actual} exceeds the limit of ${limit}.`, {
        extensions: {
          code: 'BAD_USER_INPUT',
          limit: key,
          maximum: limit,
          actual,
          http: { status: 400 },
        },
      });
    }
  }
}
