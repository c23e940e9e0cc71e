// Decimal and Date scalars. Decimal values pass through as strings: the engine parses them and names
// the field when one is not a number, which a scalar error could not do as clearly.
import { Decimal } from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function serializeDecimal(value: unknown): string {
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(value).toFixed();
  if (typeof value === 'string' && NUMBER.test(value.trim())) return value.trim();
  throw new GraphQLError(`Decimal cannot represent ${String(value)}`);
}

function parseDecimalInput(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new GraphQLError('Decimal must be a string such as "1234.56".');
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  serialize: serializeDecimal,
  parseValue: parseDecimalInput,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT)
      return parseDecimalInput(ast.value);
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
