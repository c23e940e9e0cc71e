// The operation input screen and the scalars that share its rules (issue 12, weakness 7).
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  MAX_STRING_LENGTH,
  dateTimeProblem,
  decimalProblem,
  screenOperationInputs,
} from '../src/input-screen.ts';
import { DateTimeScalar, DecimalScalar } from '../src/scalars.ts';

const schema = buildSchema(`
  scalar Decimal
  scalar DateTime
  input Rate { zip: String!, combinedRate: Decimal!, since: DateTime, tags: [String!] }
  type Query { grid(apr: Decimal, downPayments: [Decimal!]): Int, find(name: String): Int }
  type Mutation { setRate(input: Rate!): Int, importRates(csv: String!): Int }
`);

function screen(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  try {
    screenOperationInputs(schema, document, operation, variables);
    return undefined;
  } catch (error) {
    const e = error as { message: string; extensions: Record<string, unknown> };
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    return { field: e.extensions.field, message: e.message };
  }
}

describe('decimalProblem', () => {
  it('accepts plain decimals and refuses what decimal.js would misread', () => {
    for (const ok of ['0', '1234.56', '-5', '+.5', '0.0625', ' 24500.00 ', '999999999.99']) {
      expect(decimalProblem(ok)).toBeUndefined();
    }
    for (const bad of ['', '  ', '0x10', '1e3', '1,000.00', 'NaN', 'Infinity', '1.2.3', '0b1']) {
      expect(decimalProblem(bad)).toEqual(expect.any(String));
    }
    expect(decimalProblem('1000000000')).toMatch(/at most/);
    expect(decimalProblem('0.12345678901')).toMatch(/decimal places/);
  });
});

describe('dateTimeProblem', () => {
  it('accepts ISO-8601 date-times in years 1000–9999 only', () => {
    for (const ok of ['2026-11-26T05:06:14.000Z', '2026-11-26T05:06:14+02:00', '2026-11-26']) {
      expect(dateTimeProblem(ok)).toBeUndefined();
    }
    for (const bad of ['+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', '12', 'tomorrow']) {
      expect(dateTimeProblem(bad)).toEqual(expect.any(String));
    }
    expect(dateTimeProblem('2026-02-30T00:00:00Z')).toBeUndefined(); // Date rolls it over; harmless
    expect(dateTimeProblem('2026-13-01T00:00:00Z')).toMatch(/real/);
  });
});

describe('screenOperationInputs', () => {
  it('names the variable path of a NUL byte or an overlong string', () => {
    const q = 'mutation($i: Rate!) { setRate(input: $i) }';
    expect(screen(q, { i: { zip: '787\u000001', combinedRate: '1' } })).toEqual({
      field: 'i.zip',
      message: 'i.zip contains a NUL character.',
    });
    const long = 'x'.repeat(MAX_STRING_LENGTH + 1);
    expect(screen(q, { i: { zip: '1', combinedRate: '1', tags: ['a', long] } })?.field).toBe(
      'i.tags[1]',
    );
    expect(screen(q, { i: { zip: '78701', combinedRate: '0.0825', tags: ['a'] } })).toBeUndefined();
  });

  it('lets a csv argument be long, but not contain NUL', () => {
    const q = 'mutation($csv: String!) { importRates(csv: $csv) }';
    expect(screen(q, { csv: 'a,b\n'.repeat(100_000) })).toBeUndefined();
    expect(screen(q, { csv: 'a\u0000' })?.field).toBe('csv');
    const named = 'mutation($c: String!) { importRates(csv: $c) }';
    expect(screen(named, { c: 'a,b\n'.repeat(100_000) })).toBeUndefined();
    expect(
      screen('query($c: String) { find(name: $c) }', { c: 'x'.repeat(MAX_STRING_LENGTH + 1) }),
    ).toMatchObject({ field: 'c' });
  });

  it('checks Decimal and DateTime by declared type, in variables and literals', () => {
    expect(
      screen('mutation($i: Rate!) { setRate(input: $i) }', { i: { zip: '1', combinedRate: '' } }),
    ).toMatchObject({ field: 'i.combinedRate' });
    expect(
      screen('mutation($i: Rate!) { setRate(input: $i) }', {
        i: { zip: '1', combinedRate: '1', since: '+275760-09-13T00:00:00Z' },
      }),
    ).toMatchObject({ field: 'i.since' });
    expect(screen('{ grid(apr: "0x10") }')).toMatchObject({ field: 'grid.apr' });
    expect(screen('{ grid(apr: "1,000.00") }')).toMatchObject({ field: 'grid.apr' });
    expect(screen('{ grid(downPayments: ["0", 1e12]) }')).toMatchObject({
      field: 'grid.downPayments[1]',
    });
    expect(
      screen('query($d: [Decimal!]) { grid(downPayments: $d) }', { d: [0, 1e12] }),
    ).toMatchObject({ field: 'd[1]' });
    expect(screen('{ ...F } fragment F on Query { find(name: "a\\u0000") }')).toMatchObject({
      field: 'find.name',
    });
    expect(screen('{ grid(apr: "6.49") find(name: "Dana") }')).toBeUndefined();
  });
});

describe('the scalars apply the same rules', () => {
  it('Decimal refuses hex, commas, exponents, "" and huge values', () => {
    for (const bad of ['0x10', '1,000.00', '1e3', '', '12345678901']) {
      expect(() => DecimalScalar.parseValue(bad)).toThrow(/Decimal/);
    }
    expect(DecimalScalar.parseValue(' 6.49 ')).toBe('6.49');
    expect(DecimalScalar.parseValue(24500)).toBe('24500');
  });

  it('DateTime refuses dates PostgreSQL or toISOString cannot round-trip', () => {
    expect(() => DateTimeScalar.parseValue('+275760-09-13T00:00:00Z')).toThrow(/DateTime/);
    expect(() => DateTimeScalar.parseValue('1')).toThrow(/DateTime/);
    expect((DateTimeScalar.parseValue('2026-11-26T05:06:14Z') as Date).toISOString()).toBe(
      '2026-11-26T05:06:14.000Z',
    );
  });
});
