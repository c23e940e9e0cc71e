// One screen for every operation's inputs, run by the router before anything is planned and by each
// subgraph before any resolver (issue 12: 34 INTERNAL answers to bad input from 8 causes). It walks
// the variables and literal arguments against their declared input types and refuses, as
// BAD_USER_INPUT naming the field:
// - a NUL character in any string (PostgreSQL cannot store one in text),
// - a string longer than MAX_STRING_LENGTH (MAX_LONG_TEXT_LENGTH for whole documents: arguments
//   named `csv` or `xml`, i.e. the CSV imports and the ADF lead),
// - a Decimal that is not a plain decimal number within MAX_DECIMAL (no hex, exponents, commas, ""),
// - a DateTime that is not an ISO-8601 date-time between the years 1000 and 9999.
// The scalars (scalars.ts) apply the same Decimal and DateTime rules, so a subgraph is safe even
// without the screen; the screen is what names the field and runs before any work.
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  typeFromAST,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type InlineFragmentNode,
  type NamedTypeNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';

/** Longest string accepted anywhere (a name, a note, an address); a CSV import may be longer. */
export const MAX_STRING_LENGTH = 10_000;
export const MAX_LONG_TEXT_LENGTH = 1024 * 1024;
/** Money and rates: nothing a dealership prices reaches a billion. */
export const MAX_DECIMAL = 999_999_999.99;
const MAX_DECIMAL_PLACES = 10;
/** Arguments that carry a whole document (CSV imports, an ADF XML lead). */
const LONG_TEXT = new Set(['csv', 'xml']);

const PLAIN_DECIMAL = /^[+-]?(\d{1,15})(?:\.(\d*))?$|^[+-]?\.(\d+)$/;

/** Why a Decimal's text is refused, or undefined when it is a plain decimal within bounds. */
export function decimalProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'is empty; send null to leave it unset';
  const match = PLAIN_DECIMAL.exec(trimmed);
  if (!match)
    return 'must be a plain decimal number such as "1234.56" (no commas, hex or exponents)';
  const places = (match[2] ?? match[3] ?? '').length;
  if (places > MAX_DECIMAL_PLACES) return `has more than ${MAX_DECIMAL_PLACES} decimal places`;
  if (Math.abs(Number(trimmed)) > MAX_DECIMAL) return `must be at most ${MAX_DECIMAL} in size`;
  return undefined;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Why a DateTime's text is refused, or undefined when it is an ISO-8601 date-time in range. */
export function dateTimeProblem(text: string): string | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return 'must be an ISO-8601 date-time such as "2026-11-26T05:06:14Z"';
  const year = Number(match[1]);
  if (year < 1000 || year > 9999) return 'must be between the years 1000 and 9999';
  if (Number.isNaN(new Date(text.trim()).getTime())) return 'is not a real date-time';
  return undefined;
}

function refuse(field: string, problem: string): GraphQLError {
  return new GraphQLError(`${field} ${problem}.`, {
    extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
  });
}

function checkString(value: string, field: string, long: boolean): void {
  if (value.includes('\u0000')) throw refuse(field, 'contains a NUL character');
  const max = long ? MAX_LONG_TEXT_LENGTH : MAX_STRING_LENGTH;
  if (value.length > max) throw refuse(field, `is longer than ${max} characters`);
}

/** A value given as JSON (a variable), checked against its declared type (undefined = unknown). */
function checkJson(
  value: unknown,
  type: GraphQLInputType | undefined,
  field: string,
  long: boolean,
) {
  if (value === null || value === undefined) return;
  const nullable = type ? getNullableType(type) : undefined;
  if (Array.isArray(value)) {
    const item = nullable && isListType(nullable) ? nullable.ofType : undefined;
    value.forEach((v, i) => checkJson(v, item, `${field}[${i}]`, long));
    return;
  }
  const named = type ? getNamedType(type) : undefined;
  if (typeof value === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : undefined;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      checkJson(v, fields?.[key]?.type, `${field}.${key}`, long || LONG_TEXT.has(key));
    }
    return;
  }
  checkScalar(value, named?.name, field, long);
}

function checkScalar(value: unknown, typeName: string | undefined, field: string, long: boolean) {
  if (typeof value === 'string') {
    checkString(value, field, long);
    if (typeName === 'Decimal') {
      const problem = decimalProblem(value);
      if (problem) throw refuse(field, problem);
    }
    if (typeName === 'DateTime') {
      const problem = dateTimeProblem(value);
      if (problem) throw refuse(field, problem);
    }
  } else if (typeof value === 'number' && typeName === 'Decimal') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_DECIMAL) {
      throw refuse(field, `must be at most ${MAX_DECIMAL} in size`);
    }
  }
}

/** A literal in the document; variables inside it are checked with the variables. */
function checkLiteral(
  node: ValueNode,
  type: GraphQLInputType | undefined,
  field: string,
  long: boolean,
) {
  const nullable = type ? getNullableType(type) : undefined;
  switch (node.kind) {
    case Kind.LIST: {
      const item = nullable && isListType(nullable) ? nullable.ofType : undefined;
      node.values.forEach((v, i) => checkLiteral(v, item, `${field}[${i}]`, long));
      return;
    }
    case Kind.OBJECT: {
      const named = type ? getNamedType(type) : undefined;
      const fields = named && isInputObjectType(named) ? named.getFields() : undefined;
      for (const f of node.fields) {
        const key = f.name.value;
        checkLiteral(f.value, fields?.[key]?.type, `${field}.${key}`, long || LONG_TEXT.has(key));
      }
      return;
    }
    case Kind.STRING:
    case Kind.INT:
    case Kind.FLOAT: {
      const named = type ? getNamedType(type) : undefined;
      checkScalar(node.value, named?.name, field, long);
      return;
    }
    default:
      return;
  }
}

/**
 * Throws BAD_USER_INPUT (HTTP 400) for the first bad input of the operation. `field` names the
 * argument path ("createCustomer.input.firstName") or, for a variable, its path ("input.firstName").
 */
export function screenOperationInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  // A variable may carry a whole document when it is passed as a `csv`/`xml` argument or field.
  const longVariables = new Set<string>();
  const noteLong = (name: string, value: ValueNode) => {
    if (LONG_TEXT.has(name) && value.kind === Kind.VARIABLE) longVariables.add(value.name.value);
  };
  visit(document, {
    Argument: (node) => noteLong(node.name.value, node.value),
    ObjectField: (node) => noteLong(node.name.value, node.value),
  });
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as NamedTypeNode) as
      GraphQLInputType | undefined;
    checkJson(variables?.[name], type, name, longVariables.has(name));
  }
  // Literal arguments, including those inside fragments (the document is at most 64 KB at the router).
  const walk = (node: unknown, parentType: string | undefined): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { kind?: string };
    if (n.kind === Kind.FIELD) {
      const field = node as FieldNode;
      const parent = parentType ? schema.getType(parentType) : undefined;
      const def =
        parent && 'getFields' in parent
          ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[field.name.value]
          : undefined;
      for (const arg of field.arguments ?? []) {
        const argType = def?.args.find((a) => a.name === arg.name.value)?.type;
        const name = `${field.name.value}.${arg.name.value}`;
        checkLiteral(arg.value, argType, name, LONG_TEXT.has(arg.name.value));
      }
      const child = def ? getNamedType(def.type).name : undefined;
      field.selectionSet?.selections.forEach((s) => walk(s, child));
      return;
    }
    if (n.kind === Kind.INLINE_FRAGMENT) {
      const inline = node as InlineFragmentNode;
      const type = inline.typeCondition?.name.value ?? parentType;
      inline.selectionSet.selections.forEach((s) => walk(s, type));
    }
  };
  operation.selectionSet.selections.forEach((s) =>
    walk(s, schema.getRootType(operation.operation)?.name),
  );
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      definition.selectionSet.selections.forEach((s) =>
        walk(s, definition.typeCondition.name.value),
      );
    }
  }
}
