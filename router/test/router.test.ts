// Through the router to two real subgraphs on loopback: forwarding, token checks, authorization.
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const ME_WITH_DEALERSHIP = 'query Me { me { id username dealership { id name } } }';

describe('forwarding', () => {
  it('resolves an entity field across the two subgraphs and forwards token, request id and secrets', async () => {
    const token = await h.jwks.sign();
    const before = { accounts: h.accounts.calls.length, dealers: h.dealers.calls.length };
    const res = await h.post(
      { query: ME_WITH_DEALERSHIP, operationName: 'Me' },
      { authorization: `Bearer ${token}`, 'x-request-id': 'client-req:42' },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      me: { id: 'u1', username: 'user-u1', dealership: { id: 'd1', name: 'Main Street Motors' } },
    });
    expect(res.headers.get('x-request-id')).toBe('client-req:42');

    const accountsCall = h.accounts.calls.slice(before.accounts);
    const dealersCall = h.dealers.calls.slice(before.dealers);
    expect(accountsCall).toHaveLength(1);
    expect(dealersCall).toHaveLength(1);
    expect(dealersCall[0]!.query).toContain('_entities');
    for (const [call, subgraph] of [
      [accountsCall[0]!, h.accounts],
      [dealersCall[0]!, h.dealers],
    ] as const) {
      expect(call.headers.authorization).toBe(`Bearer ${token}`);
      expect(call.headers['x-request-id']).toBe('client-req:42');
      expect(call.headers['x-subgraph-secret']).toBe(subgraph.secret);
      expect(call.headers['apollo-federation-include-trace']).toBeUndefined();
    }
  });

  it('replaces an insane client request id with a UUID, and makes one when there is none', async () => {
    for (const sent of ['has spaces', 'x'.repeat(129), 'semi;colon', undefined]) {
      const headers: Record<string, string> = sent === undefined ? {} : { 'x-request-id': sent };
      const res = await h.post({ query: '{ ping }' }, headers);
      expect(res.body.data).toEqual({ ping: 'pong' });
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(h.accounts.calls.at(-1)!.headers['x-request-id']).toBe(id);
    }
  });

  it('lets an anonymous caller use a @public field without an authorization header', async () => {
    const res = await h.post({ query: '{ ping }' });
    expect(res.body).toEqual({ data: { ping: 'pong' } });
    expect(h.accounts.calls.at(-1)!.headers.authorization).toBeUndefined();
  });
});

describe('token verification', () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ['garbage', async () => 'not-a-jwt'],
    ['expired', () => h.jwks.sign({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    [
      'tampered',
      async () => {
        const [header, payload, signature] = (await h.jwks.sign()).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
        claims.permissions = ['secrets.read'];
        return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join(
          '.',
        );
      },
    ],
    [
      'unknown kid',
      async () => {
        const other = await generateKeyPair('RS256');
        return h.jwks.sign({}, { key: other.privateKey, kid: 'rotated-away' });
      },
    ],
    [
      'wrong key under the known kid',
      async () => h.jwks.sign({}, { key: (await generateKeyPair('RS256')).privateKey }),
    ],
  ];

  for (const [name, makeToken] of cases) {
    it(`refuses a ${name} token with 401 UNAUTHENTICATED before any subgraph call`, async () => {
      const token = await makeToken();
      const calls = h.callCount();
      const res = await h.post(
        { query: '{ ping }' },
        { authorization: `Bearer ${token}`, 'x-request-id': `bad-${name.length}` },
      );
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]!.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        requestId: `bad-${name.length}`,
      });
      expect(h.callCount()).toBe(calls);
    });
  }

  it('fetches the JWKS once, and again when a token names a key it has not seen (rotation)', async () => {
    const fresh = await startHarness();
    try {
      const ask = async (token: string) =>
        (await fresh.post({ query: '{ me { id } }' }, { authorization: `Bearer ${token}` })).status;
      for (let i = 0; i < 3; i++) expect(await ask(await fresh.jwks.sign({ n: i }))).toBe(200);
      expect(fresh.jwks.fetches()).toBe(1);
      const rotated = await fresh.jwks.rotate();
      // jose refetches for an unknown kid at most once per 5 s (cooldown against forged-kid floods).
      await new Promise((resolve) => setTimeout(resolve, 5_100));
      expect(await ask(await fresh.jwks.sign({}, { key: rotated.key, kid: rotated.kid }))).toBe(
        200,
      );
      expect(fresh.jwks.fetches()).toBe(2);
      expect(await ask(await fresh.jwks.sign({ n: 9 }))).toBe(200); // the old key stays valid
      expect(fresh.jwks.fetches()).toBe(2);
    } finally {
      await fresh.stop();
    }
  });

  it('refuses an authorization header that is not a bearer token', async () => {
    const calls = h.callCount();
    const res = await h.post({ query: '{ ping }' }, { authorization: 'Basic dXNlcjpwdw==' });
    expect(res.status).toBe(401);
    expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(h.callCount()).toBe(calls);
  });
});

describe('authorization from the supergraph directives', () => {
  it('refuses an anonymous caller a @signedIn field, naming it, without calling a subgraph', async () => {
    const calls = h.callCount();
    const res = await h.post({ query: '{ me { id } }' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      field: 'Query.me',
    });
    expect(h.callCount()).toBe(calls);
  });

  it('refuses a field whose permission the caller lacks with FORBIDDEN naming the field', async () => {
    const token = await h.jwks.sign({ permissions: ['secrets.read'] });
    const calls = h.callCount();
    const res = await h.post(
      { query: '{ ping me { username salary } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
    const error = res.body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'User.salary' });
    expect(error.message).toContain('User.salary');
    expect(error.message).toContain('payroll.read');
    expect(error.extensions!.requestId).toEqual(expect.any(String));
    expect(h.callCount()).toBe(calls);
  });

  it('finds a forbidden field hidden in a fragment', async () => {
    const token = await h.jwks.sign();
    const calls = h.callCount();
    const query = 'query Q { ...Secret } fragment Secret on Query { secretNumber }';
    const res = await h.post({ query }, { authorization: `Bearer ${token}` });
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'Query.secretNumber',
    });
    expect(h.callCount()).toBe(calls);
  });

  it('decides per caller: an allowed query text stays refused for others', async () => {
    const query = 'query Salary { me { salary } }';
    const holder = await h.jwks.sign({ permissions: ['payroll.read'] });
    const other = await h.jwks.sign({ permissions: ['secrets.read'] });
    for (let i = 0; i < 2; i++) {
      const ok = await h.post({ query }, { authorization: `Bearer ${holder}` });
      expect(ok.body).toEqual({ data: { me: { salary: 100 } } });
      const denied = await h.post({ query }, { authorization: `Bearer ${other}` });
      expect(denied.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const anonymous = await h.post({ query });
      expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses an enrollment-only sign-in what a full sign-in with the same permissions may read', async () => {
    const query = 'query Count { dealershipCount }';
    const full = await h.jwks.sign({ roles: [], permissions: [] });
    const limited = await h.jwks.sign({
      roles: [],
      permissions: [],
      limitedTo: 'second-factor-enrollment',
    });
    // The full sign-in first: its allowance must not be remembered for the limited one.
    const ok = await h.post({ query }, { authorization: `Bearer ${full}` });
    expect(ok.body).toEqual({ data: { dealershipCount: 1 } });
    const calls = h.callCount();
    const denied = await h.post({ query }, { authorization: `Bearer ${limited}` });
    expect(denied.status).toBe(403);
    expect(denied.body.errors![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'Query.dealershipCount',
      limitedTo: 'second-factor-enrollment',
    });
    expect(h.callCount()).toBe(calls);
    const own = await h.post({ query: '{ me { id } }' }, { authorization: `Bearer ${limited}` });
    expect(own.body).toEqual({ data: { me: { id: 'u1' } } });
  });

  it('runs the same operations when the caller holds the permissions', async () => {
    const token = await h.jwks.sign({ permissions: ['secrets.read', 'payroll.read'] });
    const res = await h.post(
      { query: '{ secretNumber me { salary } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(res.body).toEqual({ data: { secretNumber: 42, me: { salary: 100 } } });
  });
});

describe('errors', () => {
  it('normalizes validation errors to BAD_USER_INPUT with the request id', async () => {
    const res = await h.post({ query: '{ nope }' }, { 'x-request-id': 'val-1' });
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      requestId: 'val-1',
    });
  });

  it('answers malformed JSON with a GraphQL error body', async () => {
    const response = await fetch(h.router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'json-1' },
      body: '{"query":',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ extensions: Record<string, unknown> }>;
    };
    expect(body.errors[0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      requestId: 'json-1',
    });
  });

  it('turns a subgraph refusal into INTERNAL without leaking its URL or body', async () => {
    const broken = await startHarness({}, { dealersSecret: 'not-the-dealers-secret' });
    try {
      const token = await broken.jwks.sign();
      const res = await broken.post(
        { query: ME_WITH_DEALERSHIP },
        { authorization: `Bearer ${token}`, 'x-request-id': 'broken-1' },
      );
      expect(broken.dealers.calls.at(-1)!.headers['x-subgraph-secret']).toBe(
        'not-the-dealers-secret',
      );
      expect(res.body.errors).toEqual([
        {
          message: 'Internal error; quote the request id to support.',
          extensions: { code: 'INTERNAL', requestId: 'broken-1' },
        },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('127.0.0.1');
      await vi.waitFor(() =>
        expect(broken.logs.find((l) => l.requestId === 'broken-1')).toBeDefined(),
      );
      const line = broken.logs.find((l) => l.requestId === 'broken-1')!;
      expect(JSON.stringify(line.internalErrors)).toContain(
        'Subgraph dealers answered HTTP 401: bad secret',
      );
    } finally {
      await broken.stop();
    }
  });
});
