// Regression tests for the outside attacks of issue 12 against the router: CPU amplification through
// free selections and oversized documents, HTTP 500 for an unresolvable operation, and schema
// discovery by anonymous callers. Each reproduces the attack as it was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.ts';
import { startHarness, type Harness } from './support.ts';

describe('router attacks (issue 12)', () => {
  let h: Harness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    // The production limits except cost (the harness's 100), so the size and token caps are real.
    h = await startHarness({ limits: { ...DEFAULT_LIMITS, maxAliases: 30, maxCost: 100 } });
    auth = { authorization: `Bearer ${await h.jwks.sign()}` };
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function refused(body: object, headers: Record<string, string>, status: number) {
    const calls = h.callCount();
    const res = await h.post(body, headers);
    expect(res.status).toBe(status);
    expect(res.body.data ?? undefined).toBeUndefined();
    expect(h.callCount()).toBe(calls);
    return res.body.errors![0]!;
  }

  it('refuses a 1 MB document of 50,000 __typename aliases before verifying or parsing it', async () => {
    const aliases = Array.from({ length: 50_000 }, (_v, i) => `a${i}: __typename`).join(' ');
    const query = `{ ${aliases} }`;
    expect(query.length).toBeGreaterThan(700_000);
    const error = await refused({ query }, {}, 413);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(error.message).toMatch(/limit is 65536/);
  });

  it('counts __typename aliases against the alias limit', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_v, i) => `t${i}: __typename`).join(' ')} }`;
    const error = await refused({ query }, auth, 400);
    expect(error.message).toBe('Operation number of aliases 31 exceeds the limit of 30.');
  });

  it('counts plain __typename selections against the cost', async () => {
    const query = `{ ${'__typename '.repeat(101)}}`;
    const error = await refused({ query }, auth, 400);
    expect(error.message).toBe('Operation cost 101 exceeds the limit of 100.');
  });

  it('stops parsing a small document of many tokens', async () => {
    const query = `{ ${'ping '.repeat(12_000)}}`;
    expect(query.length).toBeLessThan(DEFAULT_LIMITS.maxDocumentBytes);
    const error = await refused({ query }, auth, 400);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(
      /Document contains more tha[nt] 5000 tokens/ /* graphql 16 spells it 'that' */,
    );
  });

  it('answers a missing or unknown operationName with BAD_USER_INPUT, not HTTP 500', async () => {
    const two = 'query A { ping } query B { ping }';
    const missing = await refused({ query: two }, auth, 400);
    expect(missing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'operationName' });
    expect(missing.message).toMatch(/Must provide operation name/);
    for (const query of [two, 'query A { ping }', '{ ping }']) {
      const unknown = await refused({ query, operationName: 'Z' }, {}, 400);
      expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'operationName' });
      expect(unknown.message).toBe('Unknown operation named "Z".');
    }
    const named = await h.post({ query: two, operationName: 'B' }, {});
    expect(named.body).toMatchObject({ data: { ping: 'pong' } });
  });

  it('introspection only for signed-in callers', async () => {
    const query = '{ __schema { queryType { name } } }';
    const anonymous = await refused({ query }, {}, 401);
    expect(anonymous.extensions?.code).toBe('UNAUTHENTICATED');
    const viaFragment = '{ ...S } fragment S on Query { __type(name: "User") { name } }';
    expect((await refused({ query: viaFragment }, {}, 401)).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const signedIn = await h.post({ query }, auth);
    expect(signedIn.body).toMatchObject({ data: { __schema: { queryType: { name: 'Query' } } } });
    // __typename alone is not introspection: anyone may ask it.
    expect((await h.post({ query: '{ __typename ping }' }, {})).body.data).toEqual({
      __typename: 'Query',
      ping: 'pong',
    });
  });

  it('gives anonymous callers no "Did you mean" field names', async () => {
    const query = '{ pin }';
    const anonymous = await refused({ query }, {}, 400);
    expect(anonymous.message).toBe('Cannot query field "pin" on type "Query".');
    const signedIn = await h.post({ query }, auth);
    expect(signedIn.body.errors![0]!.message).toMatch(/Did you mean "ping"/);
  });
});
