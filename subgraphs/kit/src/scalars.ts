// Scalars shared by the subgraphs.
import { Decimal } from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { dateTimeProblem, decimalProblem } from './input-screen.ts';

// Inputs: the same rules as the operation screen (input-screen.ts), which names the field first.
function parseDateTimeInput(value: unknown): Date {
  const problem = typeof value === 'string' ? dateTimeProblem(value) : 'must be a string';
  if (problem)
    throw new GraphQLError(`DateTime ${problem}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return toDate(value);
}

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`Not a date-time: ${String(value)}`);
  return date;
}

/** ISO-8601 date-time in UTC ("2026-11-26T05:06:14.000Z"). */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date-time string (UTC).',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: parseDateTimeInput,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
    return parseDateTimeInput(ast.value);
  },
});

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

// One Decimal for the whole graph (the supergraph has one scalar of that name). Values leave as
// strings with at least two decimals ("24500.00", "0.0625"); inputs pass through as strings so the
// domain code can parse them and name the field when one is not a number.
function serializeDecimal(value: unknown): string {
  if (Decimal.isDecimal(value)) {
    const d = value as Decimal;
    return d.decimalPlaces() < 2 ? d.toFixed(2) : d.toFixed();
  }
  if (typeof value === 'number' && Number.isFinite(value))
    return serializeDecimal(new Decimal(value));
  if (typeof value === 'string' && NUMBER.test(value.trim()))
    return serializeDecimal(new Decimal(value.trim()));
  throw new GraphQLError(`Decimal cannot represent ${String(value)}`);
}

function parseDecimalInput(value: unknown): string {
  // decimal.js alone would read "0x10" as 16 and "1e9" as a billion; only plain decimals pass.
  const text =
    typeof value === 'string'
      ? value.trim()
      : typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : undefined;
  const problem = text === undefined ? undefined : decimalProblem(text);
  if (problem)
    throw new GraphQLError(`Decimal ${problem}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  if (text !== undefined) return text;
  throw new GraphQLError('Decimal must be a string such as "1234.56".');
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number serialized as a string ("1234.56").',
  serialize: serializeDecimal,
  parseValue: parseDecimalInput,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
      return parseDecimalInput(ast.value);
    }
    throw new GraphQLError('Decimal must be a string such as "1234.56".');
  },
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: unknown): string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match) {
    const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    if (d.toISOString().slice(0, 10) === value) return value as string;
  }
  throw new GraphQLError(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}.`);
}

/** A calendar date, YYYY-MM-DD, kept as a string end to end (no time zone to get wrong). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD.');
    return parseDate(ast.value);
  },
});
