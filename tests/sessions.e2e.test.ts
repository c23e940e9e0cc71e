// Sessions through the router: the client's user agent and address are recorded at sign-in, the user
// sees their devices, ends one or all others; an ended session's token is refused by auth; another
// user's session id cannot be ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, PASSWORD, gql, must, startTestSystem, type TestSystem } from './support.ts';

const SESSIONS = '{ mySessions { id userAgent ipAddress createdAt lastUsedAt current } }';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 120_000);
afterAll(async () => {
  await sys?.shutdown();
});

async function signIn(username: string, userAgent: string): Promise<string> {
  const res = await gql(sys.routerUrl, LOGIN, {
    variables: { u: username, p: PASSWORD },
    headers: { 'user-agent': userAgent },
  });
  return must(res).login.accessToken as string;
}

describe('sessions', () => {
  it('records the device at sign-in and lists the live sessions, marking this one', async () => {
    const phone = await signIn('finance', 'Phone/1.0 (test)');
    const desk = await signIn('finance', 'Desk/2.0 (test)');
    const list = must(await gql(sys.routerUrl, SESSIONS, { token: desk })).mySessions as Array<
      Record<string, unknown>
    >;
    const mine = list.filter((s) => /\(test\)$/.test(String(s.userAgent)));
    expect(mine).toHaveLength(2);
    const current = mine.find((s) => s.current)!;
    expect(current.userAgent).toBe('Desk/2.0 (test)');
    expect(current.ipAddress).toMatch(/127\.0\.0\.1/);
    expect(new Date(String(current.lastUsedAt)).getTime()).toBeGreaterThan(0);

    // Another user cannot end finance's session.
    const other = await signIn('sales', 'Other/1.0');
    const phoneSession = mine.find((s) => !s.current)!.id;
    const foreign = await gql(sys.routerUrl, 'mutation($id: ID!) { endSession(id: $id) }', {
      token: other,
      variables: { id: phoneSession },
    });
    expect(must(foreign).endSession).toBe(false);

    const ended = must(await gql(sys.routerUrl, 'mutation { endOtherSessions }', { token: desk }))
      .endOtherSessions as number;
    expect(ended).toBeGreaterThanOrEqual(1);
    const me = await gql(sys.routerUrl, '{ me { username } }', { token: phone });
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const left = must(await gql(sys.routerUrl, SESSIONS, { token: desk })).mySessions as unknown[];
    expect(left).toHaveLength(1);
  });

  it('a malformed session id is a BAD_USER_INPUT naming the field', async () => {
    const token = await signIn('manager', 'x');
    const res = await gql(sys.routerUrl, 'mutation { endSession(id: "nope") }', { token });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
