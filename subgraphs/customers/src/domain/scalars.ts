// The calendar-date scalar (YYYY-MM-DD), kept as a string end to end.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function check(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new GraphQLError(`Not a date (YYYY-MM-DD): ${String(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'An ISO-8601 calendar date (YYYY-MM-DD).',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : check(value)),
  parseValue: check,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string.');
    return check(ast.value);
  },
});
