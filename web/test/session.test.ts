// The browser session store: token in memory, refresh scheduled before expiry, one refresh shared by
// concurrent callers, CSRF header echoed, and a failed refresh ending the session.
import { describe, expect, it } from 'vitest';
import { REFRESH_MARGIN_MS, createSessionStore, type SessionDeps } from '../src/lib/session.ts';

const START = '2026-01-01T12:00:00Z';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (claims: object) => `${b64({ alg: 'RS256' })}.${b64(claims)}.sig`;
const CLAIMS = {
  sub: 'u1',
  username: 'sales',
  roles: ['salesperson'],
  permissions: ['deals.read'],
  dealershipId: 'd1',
};

function harness(
  responses: Array<{ status: number; body: unknown }>,
  cookies: Record<string, string> = { '__Host-autolytiq_csrf': 'csrf-123' },
) {
  let now = Date.parse(START);
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const timers: Array<{ fn: () => void; at: number; cleared: boolean }> = [];
  const deps: SessionDeps = {
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const next = responses.shift() ?? { status: 500, body: {} };
      return new Response(JSON.stringify(next.body), { status: next.status });
    }) as typeof fetch,
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { fn, at: now + ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => void ((h as { cleared: boolean }).cleared = true),
    readCookie: (name) => cookies[name],
  };
  return {
    store: createSessionStore(deps),
    calls,
    timers,
    advance: (ms: number) => (now += ms),
    at: () => now,
  };
}

const signedIn = (expiresInMs: number, at: number, claims = CLAIMS) => ({
  status: 200,
  body: { accessToken: token(claims), expiresAt: new Date(at + expiresInMs).toISOString() },
});

/** Lets pending promises (fetch, json) run until `done()` holds. */
async function settle(done: () => boolean) {
  for (let i = 0; i < 50 && !done(); i++) await new Promise((r) => setTimeout(r, 0));
  expect(done()).toBe(true);
}

describe('session store', () => {
  it('signs in: token in memory, user from the claims, refresh scheduled a minute before expiry', async () => {
    const start = Date.parse(START);
    const hh = harness([signedIn(15 * 60_000, start)]);
    await hh.store.signIn('sales', 'pw');
    const state = hh.store.getState();
    expect(state.status).toBe('signedIn');
    if (state.status !== 'signedIn') return;
    expect(state.user).toMatchObject({ username: 'sales', roles: ['salesperson'] });
    expect(hh.store.accessToken()).toBe(state.accessToken);
    expect(hh.calls[0]!.url).toBe('/auth/session');
    expect(JSON.parse(String(hh.calls[0]!.init.body))).toEqual({
      username: 'sales',
      password: 'pw',
    });
    expect(hh.timers).toHaveLength(1);
    expect(hh.timers[0]!.at - start).toBe(15 * 60_000 - REFRESH_MARGIN_MS);
  });

  it('a refused sign-in throws the server message and stays signed out', async () => {
    const h = harness([
      {
        status: 401,
        body: {
          errors: [
            { message: 'Wrong username or password.', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        },
      },
    ]);
    await expect(h.store.signIn('sales', 'bad')).rejects.toThrow('Wrong username or password.');
    expect(h.store.getState().status).toBe('unknown');
    expect(h.store.accessToken()).toBeNull();
  });

  it('the scheduled refresh sends the CSRF header and replaces the token', async () => {
    const first = signedIn(15 * 60_000, Date.parse(START));
    const second = signedIn(15 * 60_000, Date.parse(START) + 14 * 60_000, {
      ...CLAIMS,
      username: 'sales2',
    });
    const hh = harness([first, second]);
    await hh.store.signIn('sales', 'pw');
    const before = hh.store.accessToken();
    hh.advance(14 * 60_000);
    hh.timers[0]!.fn();
    await settle(
      () => hh.store.getState().status === 'signedIn' && hh.store.accessToken() !== before,
    );
    expect(hh.calls[1]!.url).toBe('/auth/refresh');
    expect((hh.calls[1]!.init.headers as Record<string, string>)['x-csrf-token']).toBe('csrf-123');
    expect(hh.store.accessToken()).not.toBe(before);
    expect(hh.timers).toHaveLength(2);
  });

  it('concurrent refreshes share one request', async () => {
    const hh = harness([signedIn(15 * 60_000, Date.parse(START))]);
    const [a, b, c] = await Promise.all([
      hh.store.refresh(),
      hh.store.refresh(),
      hh.store.refresh(),
    ]);
    expect(hh.calls).toHaveLength(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a).toMatch(/\.sig$/);
  });

  it('without the session cookies (a stranger, or signed out) asks nothing and is signed out', async () => {
    const h = harness([signedIn(15 * 60_000, Date.parse(START))], {});
    expect(await h.store.refresh()).toBeNull();
    expect(h.calls).toEqual([]);
    expect(h.store.getState()).toEqual({ status: 'signedOut', expired: false });

    // Signed in, then the cookies are gone (expired or cleared elsewhere): an ended session.
    const cookies: Record<string, string> = { '__Host-autolytiq_csrf': 'csrf-123' };
    const g = harness([signedIn(15 * 60_000, Date.parse(START))], cookies);
    await g.store.signIn('sales', 'pw');
    delete cookies['__Host-autolytiq_csrf'];
    expect(await g.store.refresh()).toBeNull();
    expect(g.calls.map((c) => c.url)).toEqual(['/auth/session']);
    expect(g.store.getState()).toEqual({ status: 'signedOut', expired: true });
  });

  it('a failed refresh after being signed in is an expired session; before, just signed out', async () => {
    const h = harness([{ status: 401, body: {} }]);
    expect(await h.store.refresh()).toBeNull();
    expect(h.store.getState()).toEqual({ status: 'signedOut', expired: false });

    const g = harness([signedIn(15 * 60_000, Date.parse(START)), { status: 401, body: {} }]);
    await g.store.signIn('sales', 'pw');
    expect(await g.store.refresh()).toBeNull();
    expect(g.store.getState()).toEqual({ status: 'signedOut', expired: true });
    expect(g.store.accessToken()).toBeNull();
  });

  it('a refresh that cannot reach the server keeps the state and tries again with backoff', async () => {
    // A reload during an outage: no answer, then 502, then the session comes back.
    const h = harness([{ status: 502, body: {} }, signedIn(15 * 60_000, Date.parse(START))]);
    const seen: string[] = [];
    h.store.subscribe(() => seen.push(h.store.getState().status));
    expect(await h.store.refresh()).toBeNull();
    expect(h.store.getState()).toEqual({ status: 'unknown' });
    expect(h.timers.at(-1)!.at - h.at()).toBe(1_000);
    h.timers.at(-1)!.fn();
    await settle(() => h.store.getState().status === 'signedIn');
    expect(seen).toEqual(['signedIn']);

    // Signed in, refreshes meet a failing server: still signed in, each next try later.
    const g = harness([signedIn(15 * 60_000, Date.parse(START))]);
    await g.store.signIn('sales', 'pw');
    expect(await g.store.refresh()).toBeNull(); // the harness answers 500 when out of answers
    expect(await g.store.refresh()).toBeNull();
    expect(g.store.getState().status).toBe('signedIn');
    const waits = g.timers.slice(-2).map((t) => t.at - g.at());
    expect(waits).toEqual([1_000, 2_000]);
  });

  it('sign-out forgets the token at once and tells the router with token and CSRF header', async () => {
    const h = harness([signedIn(15 * 60_000, Date.parse(START)), { status: 200, body: {} }]);
    await h.store.signIn('sales', 'pw');
    const tokenBefore = h.store.accessToken();
    const seen: string[] = [];
    h.store.subscribe(() => seen.push(h.store.getState().status));
    await h.store.signOut();
    expect(seen).toEqual(['signedOut']);
    expect(h.store.accessToken()).toBeNull();
    const headers = h.calls[1]!.init.headers as Record<string, string>;
    expect(h.calls[1]!.url).toBe('/auth/logout');
    expect(headers.authorization).toBe(`Bearer ${tokenBefore}`);
    expect(headers['x-csrf-token']).toBe('csrf-123');
    expect(h.timers[0]!.cleared).toBe(true);
  });
});
