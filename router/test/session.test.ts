// Cookie sessions (/auth/session, /auth/refresh, /auth/logout) against a small auth subgraph that
// behaves like the real one: login checks a password, refresh tokens are single-use, logout ends
// the session named by the access token.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHZ_LINK_SDL } from '@autolytiq/kit';
import { DEFAULT_LIMITS } from '../src/config.ts';
import { createRouter, type RunningRouter } from '../src/router.ts';
import { parseCookies } from '../src/session.ts';
import { startJwks, startSubgraph, type FakeSubgraph, type Jwks } from './support.ts';

const AUTH_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
${AUTHZ_LINK_SDL}
scalar DateTime
type Query { me: String! @signedIn }
type Mutation {
  login(input: LoginInput!): LoginResult! @public
  refresh(refreshToken: String!): LoginResult! @public
  logout: Boolean! @signedIn
  verifyMfa(input: VerifyMfaInput!): LoginResult! @public
}
input LoginInput { username: String! password: String! }
input VerifyMfaInput { mfaToken: String! code: String! }
enum LoginStatus { SIGNED_IN MFA_REQUIRED MFA_ENROLLMENT_REQUIRED }
type LoginResult {
  status: LoginStatus!
  mfaToken: String
  accessToken: String
  refreshToken: String
  expiresAt: DateTime
  refreshExpiresAt: DateTime
}`;

let router: RunningRouter;
let auth: FakeSubgraph;
let jwks: Jwks;
let base: string;
const live = new Set<string>();
const loggedOut: string[] = [];
let issued = 0;

async function issue() {
  const refreshToken = `refresh-${++issued}`;
  live.add(refreshToken);
  return {
    status: 'SIGNED_IN',
    accessToken: await jwks.sign({ sessionId: `session-${issued}` }),
    refreshToken,
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    refreshExpiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
  };
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });

beforeAll(async () => {
  jwks = await startJwks();
  auth = await startSubgraph('auth', AUTH_SDL, {
    Query: { me: () => 'me' },
    Mutation: {
      login: async (_: unknown, { input }: { input: { username: string; password: string } }) => {
        if (input.password !== 'right') throw unauthenticated('Wrong username or password.');
        if (input.username === 'finance') return { status: 'MFA_REQUIRED', mfaToken: 'mfa-1' };
        if (input.username === 'newbie')
          return { ...(await issue()), status: 'MFA_ENROLLMENT_REQUIRED', refreshToken: null };
        return issue();
      },
      verifyMfa: (_: unknown, { input }: { input: { mfaToken: string; code: string } }) => {
        if (input.mfaToken !== 'mfa-1' || input.code !== '123456')
          throw new GraphQLError('That code is not right.', {
            extensions: { code: 'BAD_USER_INPUT', field: 'input.code' },
          });
        return issue();
      },
      refresh: (_: unknown, { refreshToken }: { refreshToken: string }) => {
        if (!live.delete(refreshToken)) throw unauthenticated('Session expired.');
        return issue();
      },
      logout: () => {
        loggedOut.push('x');
        return true;
      },
    },
  });
  const composed = composeServices([
    { name: 'auth', url: 'http://127.0.0.1:9/auth', typeDefs: parse(AUTH_SDL) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const path = join(mkdtempSync(join(tmpdir(), 'router-session-')), 'supergraph.graphql');
  writeFileSync(path, composed.supergraphSdl);
  router = await createRouter({
    port: 0,
    host: '127.0.0.1',
    supergraphPath: path,
    jwksUrl: jwks.url,
    subgraphs: { auth: { url: auth.url, secret: auth.secret } },
    introspection: false,
    explorer: false,
    limits: DEFAULT_LIMITS,
    queryPlanCacheMiB: 5,
    development: false,
    logLevel: 'silent',
    logger: pino({ level: 'silent' }),
  });
  base = router.url.replace('/graphql', '');
});

afterAll(async () => {
  await router?.stop();
  await auth?.stop();
  await jwks?.stop();
});

interface Jar {
  cookies: Record<string, string>;
  attributes: Record<string, string>;
}

/** Keeps what Set-Cookie says, as a browser would (Max-Age=0 removes). */
function absorb(jar: Jar, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
    jar.attributes[name] = line;
    if (/Max-Age=0(;|$)/.test(line)) delete jar.cookies[name];
    else jar.cookies[name] = decodeURIComponent(value);
  }
}

const cookieHeader = (jar: Jar) =>
  Object.entries(jar.cookies)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('; ');

async function post(
  path: string,
  jar: Jar,
  init: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookieHeader(jar), ...init.headers },
    body: JSON.stringify(init.body ?? {}),
  });
  absorb(jar, res);
  return { status: res.status, body: (await res.json()) as any };
}

async function signedIn(): Promise<Jar> {
  const jar: Jar = { cookies: {}, attributes: {} };
  const res = await post('/auth/session', jar, { body: { username: 'sales', password: 'right' } });
  expect(res.status).toBe(200);
  return jar;
}

describe('cookie sessions', () => {
  it('login returns the access token and sets httpOnly, Secure, SameSite=Strict cookies', async () => {
    const jar: Jar = { cookies: {}, attributes: {} };
    const res = await post('/auth/session', jar, {
      body: { username: 'sales', password: 'right' },
    });
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toMatch(/^ey/);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(res.body.refreshToken).toBeUndefined();
    expect(jar.cookies['__Secure-autolytiq_refresh']).toMatch(/^refresh-/);
    const refresh = jar.attributes['__Secure-autolytiq_refresh']!;
    expect(refresh).toContain('HttpOnly');
    expect(refresh).toContain('Secure');
    expect(refresh).toContain('SameSite=Strict');
    expect(refresh).toContain('Path=/auth');
    const csrf = jar.attributes['__Host-autolytiq_csrf']!;
    // What a browser requires of a __Host- cookie: Secure, Path=/ and no Domain.
    expect(csrf).toMatch(/; Path=\/;/);
    expect(csrf).toContain('Secure');
    expect(`${csrf} ${refresh}`).not.toMatch(/Domain=/i);
    expect(csrf).not.toContain('HttpOnly');
    expect(csrf).toContain('SameSite=Strict');
    expect(jar.cookies['__Host-autolytiq_csrf']!.length).toBeGreaterThan(20);
  });

  it('a wrong password is UNAUTHENTICATED with no cookie set', async () => {
    const jar: Jar = { cookies: {}, attributes: {} };
    const res = await post('/auth/session', jar, {
      body: { username: 'sales', password: 'wrong' },
    });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toBe('Wrong username or password.');
    expect(jar.cookies).toEqual({});
  });

  it('with a second factor: no cookies until /auth/mfa gets a right code', async () => {
    const jar: Jar = { cookies: {}, attributes: {} };
    const first = await post('/auth/session', jar, {
      body: { username: 'finance', password: 'right' },
    });
    expect(first).toMatchObject({
      status: 200,
      body: { status: 'MFA_REQUIRED', mfaToken: 'mfa-1' },
    });
    expect(first.body.accessToken).toBeUndefined();
    expect(jar.cookies).toEqual({});
    const wrong = await post('/auth/mfa', jar, { body: { mfaToken: 'mfa-1', code: '000000' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.code',
    });
    expect(jar.cookies).toEqual({});
    const ok = await post('/auth/mfa', jar, { body: { mfaToken: 'mfa-1', code: '123456' } });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toMatch(/^ey/);
    expect(jar.cookies['__Secure-autolytiq_refresh']).toMatch(/^refresh-/);
  });

  it('a required but missing second factor: an enrollment-only access token and no cookies', async () => {
    const jar: Jar = { cookies: {}, attributes: {} };
    const res = await post('/auth/session', jar, {
      body: { username: 'newbie', password: 'right' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'MFA_ENROLLMENT_REQUIRED',
      accessToken: expect.stringMatching(/^ey/),
    });
    expect(jar.cookies).toEqual({});
  });

  it('a malformed login body is BAD_USER_INPUT', async () => {
    const jar: Jar = { cookies: {}, attributes: {} };
    const res = await post('/auth/session', jar, { body: { username: 'sales' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refresh needs the CSRF header matching the cookie, then rotates both cookies', async () => {
    const jar = await signedIn();
    const before = { ...jar.cookies };
    const noHeader = await post('/auth/refresh', jar);
    expect(noHeader.status).toBe(403);
    const wrong = await post('/auth/refresh', jar, { headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.status).toBe(403);
    expect(jar.cookies).toEqual(before);

    const ok = await post('/auth/refresh', jar, {
      headers: { 'x-csrf-token': jar.cookies['__Host-autolytiq_csrf']! },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toMatch(/^ey/);
    expect(jar.cookies['__Secure-autolytiq_refresh']).not.toBe(
      before['__Secure-autolytiq_refresh'],
    );
    expect(jar.cookies['__Host-autolytiq_csrf']).not.toBe(before['__Host-autolytiq_csrf']);

    // The old refresh token was used up: replaying it fails and clears the cookies.
    const replay: Jar = { cookies: { ...before }, attributes: {} };
    const res = await post('/auth/refresh', replay, {
      headers: { 'x-csrf-token': before['__Host-autolytiq_csrf']! },
    });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(replay.cookies).toEqual({});
  });

  it('a planted CSRF cookie does not pass: the value is bound to the session (issue 12)', async () => {
    const jar = await signedIn();
    // An attacker who can set cookies for the site sets a CSRF cookie of his own and sends it back.
    const planted: Jar = {
      cookies: { ...jar.cookies, '__Host-autolytiq_csrf': 'attacker-chosen-value-0123456789' },
      attributes: {},
    };
    const res = await post('/auth/refresh', planted, {
      headers: { 'x-csrf-token': 'attacker-chosen-value-0123456789' },
    });
    expect(res.status).toBe(403);
    // Another session's CSRF value does not fit this session either.
    const other = await signedIn();
    const swapped: Jar = {
      cookies: { ...jar.cookies, '__Host-autolytiq_csrf': other.cookies['__Host-autolytiq_csrf']! },
      attributes: {},
    };
    const mixed = await post('/auth/refresh', swapped, {
      headers: { 'x-csrf-token': other.cookies['__Host-autolytiq_csrf']! },
    });
    expect(mixed.status).toBe(403);
    const own = await post('/auth/refresh', jar, {
      headers: { 'x-csrf-token': jar.cookies['__Host-autolytiq_csrf']! },
    });
    expect(own.status).toBe(200);
  });

  it('refresh without a session cookie is UNAUTHENTICATED', async () => {
    const jar: Jar = {
      cookies: { '__Host-autolytiq_csrf': 'abcdefghijklmnopqrstuvwxyz' },
      attributes: {},
    };
    const res = await post('/auth/refresh', jar, {
      headers: { 'x-csrf-token': 'abcdefghijklmnopqrstuvwxyz' },
    });
    expect(res.status).toBe(401);
  });

  it('logout needs CSRF, ends the session through the auth subgraph and clears the cookies', async () => {
    const jar = await signedIn();
    const refused = await post('/auth/logout', jar);
    expect(refused.status).toBe(403);
    expect(jar.cookies['__Secure-autolytiq_refresh']).toBeDefined();
    const count = loggedOut.length;
    const res = await post('/auth/logout', jar, {
      headers: { 'x-csrf-token': jar.cookies['__Host-autolytiq_csrf']! },
    });
    expect(res.status).toBe(200);
    expect(loggedOut.length).toBe(count + 1);
    expect(jar.cookies).toEqual({});
    expect(jar.attributes['__Secure-autolytiq_refresh']).toContain('Max-Age=0');
  });

  it('parses cookie headers', () => {
    expect(parseCookies('a=1; b=x%3Dy;c=3')).toEqual({ a: '1', b: 'x=y', c: '3' });
    expect(parseCookies(undefined)).toEqual({});
  });
});
