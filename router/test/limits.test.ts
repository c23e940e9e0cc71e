// Depth, alias and cost limits: the measurement itself, and refusals through a running router.
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.ts';
import { assertWithinLimits, measureOperation, operationMeasurer } from '../src/limits.ts';
import { startHarness, type Harness } from './support.ts';

const schema = buildSchema(`
  type Query { me: User, users(first: Int): [User!]!, teams: [Team!]! }
  type User { id: ID!, name: String, manager: User, friends(first: Int): [User!]! }
  type Team { id: ID!, members: [User!]! }
`);

function measure(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return measureOperation(schema, document, operation, variables, 10);
}

describe('measureOperation', () => {
  it('counts depth through fragments and inline fragments', () => {
    expect(measure('{ me { id } }').depth).toBe(2);
    expect(measure('{ me { manager { manager { id } } } }').depth).toBe(4);
    expect(
      measure('{ me { ...M } } fragment M on User { manager { ... on User { manager { id } } } }')
        .depth,
    ).toBe(4);
  });

  it('counts aliases, once per use of a fragment', () => {
    expect(measure('{ a: me { id } b: me { x: id } }').aliases).toBe(3);
    expect(
      measure('{ me { ...F } u: me { ...F } } fragment F on User { x: id y: name }').aliases,
    ).toBe(5);
  });

  it('costs 1 per field and multiplies list selections by page size or the default', () => {
    expect(measure('{ me { id name } }').cost).toBe(3);
    expect(measure('{ users(first: 50) { id name } }').cost).toBe(1 + 50 * 2);
    expect(measure('query Q($n: Int) { users(first: $n) { id } }', { n: 7 }).cost).toBe(1 + 7);
    expect(measure('{ teams { members { id } } }').cost).toBe(1 + 10 * (1 + 10 * 1));
    expect(measure('{ users(first: 2) { friends(first: 3) { id } } }').cost).toBe(1 + 2 * (1 + 3));
  });

  it('counts introspection fields once each, without list factors or depth', () => {
    expect(
      measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }'),
    ).toEqual({
      depth: 0,
      aliases: 0,
      cost: 7,
    });
    expect(measure('{ me { __typename id } }').cost).toBe(3);
    expect(measure('{ a: __typename b: __typename }')).toEqual({ depth: 0, aliases: 2, cost: 2 });
  });

  it('measures fragments once, so nested spreads cannot make it exponential', () => {
    // 30 levels of fragments, each spreading the next one twice (2^30 expanded fields).
    const fragments = Array.from(
      { length: 30 },
      (_v, i) =>
        `fragment F${i} on User { a${i}: manager { ...F${i + 1} } b${i}: manager { ...F${i + 1} } }`,
    );
    const query = `{ me { ...F0 } } ${fragments.join(' ')} fragment F30 on User { id }`;
    // Counted without expanding: a naive walk would never finish (the test's timeout would catch it).
    const m = measure(query);
    expect(m.aliases).toBeGreaterThan(1e9);
    expect(() => assertWithinLimits(m, DEFAULT_LIMITS)).toThrow(/depth|aliases/);
  });

  it('remembers a measurement per document unless a page size came from a variable', () => {
    const measurer = operationMeasurer(schema, 10);
    const operationOf = (document: ReturnType<typeof parse>) =>
      document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
    const fixed = parse('query Q($x: Int) { users(first: 4) { id } }');
    const first = measurer(fixed, operationOf(fixed), { x: 1 });
    expect(first.cost).toBe(1 + 4);
    expect(measurer(fixed, operationOf(fixed), { x: 2 })).toBe(first); // the same object: cached
    const paged = parse('query Q($n: Int) { users(first: $n) { ...U } } fragment U on User { id }');
    expect(measurer(paged, operationOf(paged), { n: 3 }).cost).toBe(1 + 3);
    expect(measurer(paged, operationOf(paged), { n: 50 }).cost).toBe(1 + 50);
    expect(measurer(paged, operationOf(paged), undefined).cost).toBe(1 + 10);
    // A different document with the same text is measured afresh (nothing keyed by text).
    const again = parse('query Q($x: Int) { users(first: 4) { id } }');
    expect(measurer(again, operationOf(again), {})).not.toBe(first);
    expect(measurer(again, operationOf(again), {})).toEqual(first);
  });

  it('names the exceeded limit with BAD_USER_INPUT', () => {
    const limits = { ...DEFAULT_LIMITS, maxDepth: 2 };
    expect(() => assertWithinLimits({ depth: 2, aliases: 0, cost: 1 }, limits)).not.toThrow();
    try {
      assertWithinLimits({ depth: 3, aliases: 0, cost: 1 }, limits);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe('Operation depth 3 exceeds the limit of 2.');
      expect((error as { extensions: object }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        limit: 'depth',
      });
    }
  });
});

describe('limits through the router (maxDepth 5, maxAliases 3, maxCost 100)', () => {
  let h: Harness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness();
    auth = { authorization: `Bearer ${await h.jwks.sign()}` };
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function refused(query: string, variables?: object): Promise<string> {
    const calls = h.callCount();
    const res = await h.post({ query, variables }, { ...auth, 'x-request-id': 'limit-1' });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      requestId: 'limit-1',
    });
    expect(h.callCount()).toBe(calls);
    return res.body.errors![0]!.message;
  }

  async function allowed(query: string, variables?: object): Promise<void> {
    const res = await h.post({ query, variables }, auth);
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
  }

  it('depth', async () => {
    await allowed('{ me { manager { manager { manager { id } } } } }');
    expect(await refused('{ me { manager { manager { manager { manager { id } } } } } }')).toBe(
      'Operation depth 6 exceeds the limit of 5.',
    );
  });

  it('aliases', async () => {
    await allowed('{ a: ping b: ping c: ping }');
    expect(await refused('{ a: ping b: ping c: ping d: ping }')).toBe(
      'Operation number of aliases 4 exceeds the limit of 3.',
    );
  });

  it('cost, with the page size from a variable', async () => {
    await allowed('query U($n: Int) { users(first: $n) { id username } }', { n: 10 });
    expect(await refused('query U($n: Int) { users(first: $n) { id username } }', { n: 50 })).toBe(
      'Operation cost 101 exceeds the limit of 100.',
    );
  });
});
