// Identity through the router: sign-in, `me` across auth + admin, refresh rotation and reuse
// detection, logout, and tokens that must be refused (expired, tampered, unknown key).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { KeyManager, issueAccessToken, migrations as authMigrations } from '@autolytiq/auth';
import { openDatabase, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@autolytiq/kit';
import { AUTH_KEY_SECRET, LOGIN, gql, login, startTestSystem, type TestSystem } from './support.ts';

const ME = '{ me { id username roles permissions dealership { id name timezone } } }';
const REFRESH =
  'mutation R($t: String!) { refresh(refreshToken: $t) { status accessToken refreshToken } }';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 120_000);
afterAll(async () => {
  await sys?.shutdown();
});

describe('sign-in', () => {
  it('login then me returns the user with their dealership from the admin subgraph', async () => {
    const { accessToken } = await login(sys.routerUrl, 'manager');
    const res = await gql(sys.routerUrl, ME, { token: accessToken });
    expect(res.errors).toBeUndefined();
    expect(res.data!.me).toMatchObject({
      username: 'manager',
      roles: ['manager'],
      dealership: {
        id: sys.seed.dealershipId,
        name: 'Autolytiq Demo Motors',
        timezone: 'America/Chicago',
      },
    });
    expect(res.data!.me.permissions).toContain('deals.approve');
  });

  it('wrong password and unknown user get the same error', async () => {
    const wrong = await gql(sys.routerUrl, LOGIN, {
      variables: { u: 'sales', p: 'not-the-password' },
    });
    const unknown = await gql(sys.routerUrl, LOGIN, {
      variables: { u: 'nobody-here', p: 'not-the-password' },
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    expect(wrong.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));
  });

  it('an empty username is a BAD_USER_INPUT naming the field', async () => {
    const res = await gql(sys.routerUrl, LOGIN, { variables: { u: ' ', p: 'x' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.username',
    });
  });
});

describe('refresh tokens', () => {
  it('refresh rotates: the new pair works, the old refresh token does not', async () => {
    const first = await login(sys.routerUrl, 'sales');
    const rotated = await gql(sys.routerUrl, REFRESH, { variables: { t: first.refreshToken } });
    expect(rotated.errors).toBeUndefined();
    const second = rotated.data!.refresh;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const me = await gql(sys.routerUrl, ME, { token: second.accessToken });
    expect(me.data!.me.username).toBe('sales');
  });

  it('presenting a used refresh token revokes the whole session', async () => {
    const first = await login(sys.routerUrl, 'sales');
    const second = (await gql(sys.routerUrl, REFRESH, { variables: { t: first.refreshToken } }))
      .data!.refresh;
    const reuse = await gql(sys.routerUrl, REFRESH, { variables: { t: first.refreshToken } });
    expect(reuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(reuse.errors?.[0]?.message).toMatch(/already used/);
    // The legitimate holder's newer token dies with the session too.
    const after = await gql(sys.routerUrl, REFRESH, { variables: { t: second.refreshToken } });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const me = await gql(sys.routerUrl, ME, { token: second.accessToken });
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an unknown refresh token is refused', async () => {
    const res = await gql(sys.routerUrl, REFRESH, { variables: { t: 'made-up-token' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('logout', () => {
  it('ends the session: refresh and me are refused afterwards', async () => {
    const s = await login(sys.routerUrl, 'finance');
    const out = await gql(sys.routerUrl, 'mutation { logout }', { token: s.accessToken });
    expect(out.data?.logout).toBe(true);
    const refresh = await gql(sys.routerUrl, REFRESH, { variables: { t: s.refreshToken } });
    expect(refresh.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const me = await gql(sys.routerUrl, ME, { token: s.accessToken });
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('logout reaches every subgraph', () => {
  it("the ended session's still-unexpired access token is refused by the router within seconds", async () => {
    const s = await login(sys.routerUrl, 'manager');
    const MY_DEALERSHIP = '{ myDealership { name } }'; // the admin subgraph: it does not check sessions
    const before = await gql(sys.routerUrl, MY_DEALERSHIP, { token: s.accessToken });
    expect(before.data?.myDealership).toBeTruthy();
    await gql(sys.routerUrl, 'mutation { logout }', { token: s.accessToken });
    let after = await gql(sys.routerUrl, MY_DEALERSHIP, { token: s.accessToken });
    for (let i = 0; i < 50 && after.status !== 401; i++) {
      await new Promise((r) => setTimeout(r, 200)); // the router polls the feed every 2 s
      after = await gql(sys.routerUrl, MY_DEALERSHIP, { token: s.accessToken });
    }
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0]?.message).toMatch(/session has ended/);
    // Another session of the same user is unaffected.
    const other = await login(sys.routerUrl, 'manager');
    const ok = await gql(sys.routerUrl, MY_DEALERSHIP, { token: other.accessToken });
    expect(ok.data?.myDealership).toBeTruthy();
  });

  it('the feed answers only the router', async () => {
    const auth = sys.subgraphs.auth!;
    const feed = new URL('/internal/revoked-sessions', auth.url);
    expect((await fetch(feed)).status).toBe(401);
    expect(
      (await fetch(feed, { headers: { 'x-subgraph-secret': 'wrong-secret-123456' } })).status,
    ).toBe(401);
    const res = await fetch(feed, { headers: { 'x-subgraph-secret': auth.secret } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { asOf: number; sessions: Array<{ id: string }> };
    expect(body.asOf).toBeGreaterThan(0);
    // The sign-outs made earlier in this file are there, as bare session ids.
    expect(body.sessions.length).toBeGreaterThan(0);
    for (const s of body.sessions) expect(Object.keys(s).sort()).toEqual(['id', 'revokedAt']);
  });
});

describe('refused tokens', () => {
  async function realKey() {
    const db = await openDatabase({
      url: sys.databaseUrl,
      schema: 'auth',
      migrations: authMigrations,
    });
    try {
      return await (await KeyManager.open(db, AUTH_KEY_SECRET)).signingKey();
    } finally {
      await db.close();
    }
  }

  it('an expired token (signed with the real key) is UNAUTHENTICATED', async () => {
    const s = await login(sys.routerUrl, 'sales');
    const payload = JSON.parse(Buffer.from(s.accessToken.split('.')[1]!, 'base64url').toString());
    const { token } = await issueAccessToken(
      await realKey(),
      {
        userId: payload.sub,
        dealershipId: payload.dealershipId,
        sessionId: payload.sessionId,
        username: payload.username,
        roles: payload.roles,
        permissions: payload.permissions,
      },
      new Date(Date.now() - 60 * 60 * 1000),
    );
    const res = await gql(sys.routerUrl, ME, { token });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/expired/i);
    expect(res.data).toBeUndefined();
  });

  it('a tampered token (claims changed, signature kept) is UNAUTHENTICATED', async () => {
    const s = await login(sys.routerUrl, 'sales');
    const [header, payload, signature] = s.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.permissions = [...claims.permissions, 'admin.users'];
    const forged = [
      header,
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      signature,
    ].join('.');
    const res = await gql(sys.routerUrl, '{ users { username } }', { token: forged });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a token signed by a key the auth subgraph never published is UNAUTHENTICATED', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({
      dealershipId: sys.seed.dealershipId,
      sessionId: '00000000-0000-4000-8000-000000000000',
      username: 'admin',
      roles: ['admin'],
      permissions: ['admin.users'],
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'attacker-key' })
      .setSubject('00000000-0000-4000-8000-000000000001')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const res = await gql(sys.routerUrl, '{ users { username } }', { token: forged });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('request ids', () => {
  it("echoes the client's x-request-id and puts it on errors", async () => {
    const res = await gql(sys.routerUrl, '{ me { id } }', {
      headers: { 'x-request-id': 'test-req-42' },
    });
    expect(res.headers.get('x-request-id')).toBe('test-req-42');
    expect(res.errors?.[0]?.extensions?.requestId).toBe('test-req-42');
  });
});
