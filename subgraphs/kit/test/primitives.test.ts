// The kit's shared primitives: pages and cursors, input checks, per-request loaders, engine errors.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import {
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  entityLoader,
  groupBy,
  listLoader,
  pageSize,
  parse,
  requireToken,
  valueLoader,
  withInputErrors,
  type Principal,
  type RequestContext,
} from '../src/index.ts';

/** The extensions of what `fn` throws (it must throw). */
function errorOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected an error');
}

const ID = '6f1c2b7e-8d3a-4c5b-9e1f-0a2b3c4d5e6f';

describe('pageSize', () => {
  it('defaults, accepts 1..100 and names the argument otherwise', () => {
    expect(pageSize(undefined)).toBe(25);
    expect(pageSize(null, { default: 50 })).toBe(50);
    expect(pageSize(100)).toBe(100);
    for (const bad of [0, 101, 2.5, -1]) {
      expect(errorOf(() => pageSize(bad))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
    }
    expect(errorOf(() => pageSize(0, { field: 'last' }))).toMatchObject({ field: 'last' });
  });
});

describe('cursors', () => {
  it('round-trip their checked values', () => {
    const c = encodeCursor('customers:created', ['2026-12-06 14:32:09.123456+00', ID]);
    expect(decodeCursor(c, 'customers:created', [cursorValue.timestamp, cursorValue.uuid])).toEqual(
      ['2026-12-06 14:32:09.123456+00', ID],
    );
  });

  it('refuse a cursor of another list or sort, garbage, and crafted values as BAD_USER_INPUT', () => {
    const checks = [cursorValue.date, cursorValue.int] as const;
    const crafted = [
      encodeCursor('deals:DEAL_DATE_ASC', ['2026-01-01', 5]), // another sort
      'garbage',
      '',
      Buffer.from('{"a":1}').toString('base64url'),
      encodeCursor('deals:DEAL_DATE_DESC', ['2026-02-30', 5]), // no such day: SQL would fail
      encodeCursor('deals:DEAL_DATE_DESC', ["2026-01-01'; drop table x --", 5]),
      encodeCursor('deals:DEAL_DATE_DESC', ['2026-01-01', -1]),
      encodeCursor('deals:DEAL_DATE_DESC', ['2026-01-01', 5, 'extra']),
      encodeCursor('deals:DEAL_DATE_DESC', ['2026-01-01']),
    ];
    for (const cursor of crafted) {
      expect(errorOf(() => decodeCursor(cursor, 'deals:DEAL_DATE_DESC', checks))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
    const ok = encodeCursor('deals:DEAL_DATE_DESC', ['2026-01-01', 5]);
    expect(decodeCursor(ok, 'deals:DEAL_DATE_DESC', checks)).toEqual(['2026-01-01', 5]);
  });

  it('check values so their SQL casts cannot fail', () => {
    expect(cursorValue.timestamp('2026-02-30 10:00:00+00')).toBe(false);
    expect(cursorValue.timestamp('2026-02-28T10:00:00.5Z')).toBe(true);
    expect(cursorValue.intText('12345')).toBe(true);
    expect(cursorValue.intText('1.5')).toBe(false);
    expect(cursorValue.uuid('not-a-uuid')).toBe(false);
  });
});

describe('connectionOf', () => {
  it('cuts the extra row into hasNextPage and ends with the last cursor', () => {
    const page = connectionOf([1, 2, 3], 2, (n) => `c${n}`);
    expect(page).toEqual({
      edges: [
        { cursor: 'c1', node: 1 },
        { cursor: 'c2', node: 2 },
      ],
      pageInfo: { hasNextPage: true, endCursor: 'c2' },
    });
    expect(connectionOf([], 2, String).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});

describe('parse (field first, then the value)', () => {
  it('checks ids, dates, text, numbers and money, naming the field', () => {
    expect(parse.id('input.id', ID)).toBe(ID);
    expect(errorOf(() => parse.id('input.id', 'x'))).toMatchObject({ field: 'input.id' });
    expect(parse.optId('a', null)).toBeNull();
    expect(parse.isoDate('d', '2024-02-29')).toBe('2024-02-29');
    expect(errorOf(() => parse.isoDate('d', '2026-02-30'))).toMatchObject({ field: 'd' });
    expect(parse.text('t', '  hi  ')).toBe('hi');
    expect(parse.text('t', '   ')).toBeNull();
    expect(errorOf(() => parse.requiredText('t', ' '))).toMatchObject({ field: 't' });
    expect(errorOf(() => parse.text('t', 'abc', 2))).toMatchObject({ field: 't' });
    expect(parse.wholeNumber('n', 7, 10)).toBe(7);
    expect(errorOf(() => parse.wholeNumber('n', 11, 10))).toMatchObject({ field: 'n' });
    expect(parse.money('p', '$24,995.50').toFixed(2)).toBe('24995.50');
    expect(parse.money('p', 0.1).toFixed(2)).toBe('0.10');
    for (const bad of ['-1', '1.001', 'abc', '1e5', '99999999999']) {
      expect(errorOf(() => parse.money('input.price', bad))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.price',
      });
    }
    expect(errorOf(() => parse.money('p', '100.00', '99.99'))).toMatchObject({ field: 'p' });
    expect(parse.decimal('x', '-12.5').toString()).toBe('-12.5');
    expect(parse.rate('r', '0.0625', 1).toString()).toBe('0.0625');
    expect(errorOf(() => parse.rate('r', '1.5', 1))).toMatchObject({ field: 'r' });
    expect(parse.stateCode('s', ' tx ')).toBe('TX');
    expect(parse.zip5('z', '78701-1234')).toBe('78701');
    expect(errorOf(() => parse.zip5('z', '7870'))).toMatchObject({ field: 'z' });
  });
});

describe('withInputErrors', () => {
  class CalcInputError extends Error {
    constructor(
      readonly field: string,
      message: string,
    ) {
      super(message);
      this.name = 'CalcInputError';
    }
  }

  it("maps a library's input error to BAD_USER_INPUT under the caller's path", () => {
    const fail = () => {
      throw new CalcInputError('sellingPrice', 'sellingPrice must be greater than zero');
    };
    expect(errorOf(() => withInputErrors(fail, (f) => `input.${f}`))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.sellingPrice',
    });
    expect(withInputErrors(() => 42)).toBe(42);
    const boom = new Error('other');
    expect(() =>
      withInputErrors(() => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});

describe('loaders', () => {
  const principal = { userId: ID, dealershipId: ID, permissions: [] } as unknown as Principal;
  const context = (p: Principal | null = principal): RequestContext => ({
    requestId: 'r',
    principal: p ?? undefined,
    token: p ? 'tok' : undefined,
    client: {},
    logger: pino({ level: 'silent' }),
    scoped: new Map(),
  });

  it('batch one tick of loads into one fetch, per request and per name', async () => {
    const ctx = context();
    const calls: string[][] = [];
    const fetch = async (ids: readonly string[], p: Principal) => {
      expect(p).toBe(principal);
      calls.push([...ids]);
      return ids.filter((id) => id !== 'b').map((id) => ({ id }));
    };
    const [a, b] = await Promise.all([
      entityLoader(ctx, 'things', fetch).load('a'),
      entityLoader(ctx, 'things', fetch).load('b'),
    ]);
    expect([a, b]).toEqual([{ id: 'a' }, null]);
    expect(calls).toEqual([['a', 'b']]);
    await entityLoader(context(), 'things', fetch).load('a');
    expect(calls).toHaveLength(2); // a new request: a new loader, no rows carried over
  });

  it('group lists by key and answer a missing key with [] or the given value', async () => {
    const ctx = context();
    const notes = [
      { id: '1', customerId: 'x' },
      { id: '2', customerId: 'y' },
      { id: '3', customerId: 'x' },
    ];
    const byCustomer = listLoader(ctx, 'notes', async () => groupBy(notes, (n) => n.customerId));
    expect(await byCustomer.loadMany(['x', 'z'])).toEqual([[notes[0], notes[2]], []]);
    const costs = valueLoader(ctx, 'costs', async () => new Map([['v1', 5]]), null);
    expect(await costs.loadMany(['v1', 'v2'])).toEqual([5, null]);
  });

  it('refuse an anonymous caller, as does requireToken', () => {
    const anon = context(null);
    expect(errorOf(() => entityLoader(anon, 'x', async () => []))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(errorOf(() => requireToken(anon))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(requireToken(context())).toBe('tok');
  });
});
