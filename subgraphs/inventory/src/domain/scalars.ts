// Decimal and Date scalars (a copy of calc's: subgraphs do not import each other's server code).
// Decimal values pass through as strings or decimal.js values; Date is a calendar date YYYY-MM-DD.
import { Decimal } from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function serializeDecimal(value: unknown): string {
  // Every Decimal of this subgraph is money: at least two decimals ("24500.00").
  if (Decimal.isDecimal(value)) {
    const d = value as Decimal;
    return d.decimalPlaces() < 2 ? d.toFixed(2) : d.toFixed();
  }
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
