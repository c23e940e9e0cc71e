// User administration against real PostgreSQL and a real SMTP server on loopback: invitations arrive
// by mail and work once; deactivation and a change of roles end sessions (and publish them on the
// revocation feed); stale versions get CONFLICT; the last admin stays; an administrator cannot grant
// what they do not hold; refused calls write nothing; another dealership's users are out of reach.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createLogger,
  createMailTransport,
  createTokenVerifier,
  openDatabase,
  parseAuditChanges,
  startMailRelay,
  type Database,
  type EntityManager,
  type MailRelay,
  type Principal,
} from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { startTestSmtpServer, type TestSmtpServer } from '@autolytiq/tools/test-smtp.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { permissionsOf } from '../src/domain/permissions.ts';
import { UserAdmin } from '../src/domain/user-admin.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';
import { revokedSessionsSince } from '../src/routes/revoked-sessions.ts';

const SECRET = 'user-admin-test-secret-0123456789abcdef';
const PASSWORD = 'correct-horse-battery';
let testDb: TestDatabase;
let db: Database;
let smtp: TestSmtpServer;
let relay: MailRelay;
let auth: AuthService;
let admin: UserAdmin;
let verifyToken: (t: string) => Promise<Principal>;
const dealerA = randomUUID();
const dealerB = randomUUID();
const meta = { ip: '10.9.0.1', userAgent: 'user-admin-test', requestId: 'req-ua' };
let bossA: Principal; // admin of A
let bossB: Principal; // admin of B

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );
const linkIn = (raw: string, path: string) =>
  new RegExp(`https://web\\.test/${path}\\?token=([A-Za-z0-9_-]+)`).exec(raw)?.[1];
const drained = async () => {
  await relay.drain();
  return smtp.received;
};
async function signIn(username: string, password = PASSWORD) {
  const out = await auth.login(username, password, meta);
  if (out.status !== 'SIGNED_IN') throw new Error(out.status);
  return { principal: await verifyToken(out.accessToken), refresh: out.refreshToken };
}
const countUsers = (dealershipId: string) =>
  db.withTenant({ dealershipId }, async (em) =>
    Number((await em.execute<Array<{ n: string }>>('select count(*) as n from auth.users'))[0]!.n),
  );

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  const keys = await KeyManager.open(db, SECRET);
  verifyToken = createTokenVerifier(keys.getKey);
  smtp = await startTestSmtpServer();
  relay = startMailRelay({
    db,
    schema: 'auth',
    transport: createMailTransport({ smtpUrl: smtp.url, dataDir: '.' }),
    from: 'Autolytiq <no-reply@test.local>',
    logger: createLogger('user-admin-test', 'silent'),
    pollMs: 60_000,
  });
  const notify = () => relay.notify();
  auth = new AuthService(db, keys, { onMailQueued: notify, webUrl: 'https://web.test' });
  admin = new UserAdmin(db, auth.lockout, { webUrl: 'https://web.test', onMailQueued: notify });
  for (const [dealershipId, username] of [
    [dealerA, 'boss-a'],
    [dealerB, 'boss-b'],
  ] as const)
    await db.withTenant({ dealershipId }, (em) =>
      createUser(em, {
        dealershipId,
        username,
        displayName: username,
        email: `${username}@dealer.test`,
        password: PASSWORD,
        roles: ['admin'],
      }),
    );
  bossA = (await signIn('boss-a')).principal;
  bossB = (await signIn('boss-b')).principal;
});
afterAll(async () => {
  await relay?.stop();
  await smtp?.close();
  await db?.close();
  await testDb?.drop();
});
beforeEach(() => {
  smtp.received.length = 0;
});

describe('createUser', () => {
  it('with a password: ACTIVE at once, can sign in, the creation is audited with who did it', async () => {
    const user = await admin.create(
      bossA,
      {
        username: ' Sam.Sales ',
        displayName: 'Sam Sales',
        email: 'sam@dealer.test',
        roles: ['salesperson'],
        password: PASSWORD,
      },
      meta,
    );
    expect(user).toMatchObject({ username: 'sam.sales', status: 'active', roles: ['salesperson'] });
    const { principal } = await signIn('sam.sales');
    expect(principal.permissions).toContain('deals.write');
    const events = await db.withTenant({ dealershipId: dealerA }, (em) =>
      em.execute<Array<{ event: string; detail: { by: string } }>>(
        'select event, detail from auth.auth_events where user_id = ? order by id',
        [user.id],
      ),
    );
    expect(events[0]).toMatchObject({ event: 'user-created', detail: { by: 'boss-a' } });
    // And in the platform audit trail, with the fields (the password by name only).
    const entries = await db.withTenant({ dealershipId: dealerA }, (em) =>
      em.execute<Array<{ action: string; actor_username: string; changes: unknown }>>(
        `select action, actor_username, changes from audit.entries
          where entity_type = 'User' and entity_id = ? order by at`,
        [user.id],
      ),
    );
    expect(entries.map((e) => e.action)).toEqual(['create']);
    const changes = parseAuditChanges(entries[0]!.changes);
    expect(changes).toContainEqual({
      field: 'roles',
      from: null,
      to: 'salesperson',
      sealed: false,
    });
    expect(changes).toContainEqual({ field: 'password', from: null, to: null, sealed: true });
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });

  it('without a password: INVITED, mailed a 7-day single-use link; sign-in refused until accepted', async () => {
    const user = await admin.create(
      bossA,
      { username: 'ivy', displayName: 'Ivy Invite', email: 'ivy@dealer.test', roles: ['finance'] },
      meta,
    );
    expect(user.status).toBe('invited');
    const [mail] = await drained();
    expect(mail!.to).toEqual(['ivy@dealer.test']);
    expect(mail!.header('subject')).toMatch(/invited/i);
    expect(mail!.decoded).toContain('ivy');
    const token = linkIn(mail!.decoded, 'accept-invitation')!;
    expect(token).toBeTruthy();
    const expiry = await db.withTenant({ dealershipId: dealerA }, (em) =>
      em.execute<Array<{ days: string }>>(
        `select extract(epoch from expires_at - created_at) / 86400 as days
           from auth.invitations where user_id = ?`,
        [user.id],
      ),
    );
    expect(Math.round(Number(expiry[0]!.days))).toBe(7);
    await expect(auth.login('ivy', PASSWORD, meta)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await errorOf(admin.acceptInvitation(token, 'short', meta))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.password',
    });
    expect(await admin.acceptInvitation(token, PASSWORD, meta)).toBe(true);
    expect(await errorOf(admin.acceptInvitation(token, PASSWORD, meta))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.token',
    });
    const { principal } = await signIn('ivy');
    expect(principal.roles).toEqual(['finance']);
    expect((await admin.get(bossA, user.id)).status).toBe('active');
  });

  it('a resent invitation retires the previous link', async () => {
    const user = await admin.create(
      bossA,
      { username: 'rex', displayName: 'Rex', email: 'rex@dealer.test', roles: ['salesperson'] },
      meta,
    );
    const first = linkIn((await drained())[0]!.decoded, 'accept-invitation')!;
    smtp.received.length = 0;
    await admin.resendInvitation(bossA, user.id, meta);
    const second = linkIn((await drained())[0]!.decoded, 'accept-invitation')!;
    expect(second).not.toBe(first);
    expect(await errorOf(admin.acceptInvitation(first, PASSWORD, meta))).toMatchObject({
      field: 'input.token',
    });
    expect(await admin.acceptInvitation(second, PASSWORD, meta)).toBe(true);
  });

  it('refuses bad input field by field and writes nothing (no user, no mail)', async () => {
    const before = await countUsers(dealerA);
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { username: 'x', displayName: 'X', email: 'x@d.test', roles: ['salesperson'] },
        'input.username',
      ],
      [
        { username: 'xavier', displayName: ' ', email: 'x@d.test', roles: ['salesperson'] },
        'input.displayName',
      ],
      [
        { username: 'xavier', displayName: 'X', email: 'nope', roles: ['salesperson'] },
        'input.email',
      ],
      [{ username: 'xavier', displayName: 'X', roles: ['salesperson'] }, 'input.email'],
      [
        { username: 'xavier', displayName: 'X', email: 'x@d.test', roles: ['wizard'] },
        'input.roles',
      ],
      [{ username: 'xavier', displayName: 'X', email: 'x@d.test', roles: [] }, 'input.roles'],
      [
        { username: 'xavier', displayName: 'X', roles: ['salesperson'], password: 'password1234' },
        'input.password',
      ],
      // Taken in another dealership: usernames are unique across the platform (sign-in has no dealership).
      [
        { username: 'boss-b', displayName: 'X', email: 'x@d.test', roles: ['salesperson'] },
        'input.username',
      ],
    ];
    for (const [input, field] of cases) {
      expect(
        await errorOf(admin.create(bossA, input as never, meta)),
        JSON.stringify(input),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await countUsers(dealerA)).toBe(before);
    expect(await drained()).toHaveLength(0);
  });

  it('an administrator cannot grant a permission they do not hold', async () => {
    const limited: Principal = {
      ...bossA,
      permissions: permissionsOf(['manager', 'salesperson']).concat('admin.users'),
    };
    expect(
      await errorOf(
        admin.create(
          limited,
          { username: 'fin2', displayName: 'F', email: 'f@d.test', roles: ['finance'] },
          meta,
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', permissions: ['customers.pii.read'] });
    const ok = await admin.create(
      limited,
      { username: 'sal2', displayName: 'S', email: 's2@d.test', roles: ['salesperson'] },
      meta,
    );
    expect(ok.status).toBe('invited');
  });
});

describe('updateUser', () => {
  it('changes name, email and roles on the version read; a stale version is CONFLICT', async () => {
    const u = await admin.create(
      bossA,
      { username: 'una', displayName: 'Una', roles: ['salesperson'], password: PASSWORD },
      meta,
    );
    const updated = await admin.update(
      bossA,
      u.id,
      u.version,
      { displayName: 'Una Updated', email: 'una@d.test' },
      meta,
    );
    expect(updated).toMatchObject({
      displayName: 'Una Updated',
      email: 'una@d.test',
      emailVerified: true,
      version: u.version + 1,
    });
    expect(
      await errorOf(admin.update(bossA, u.id, u.version, { displayName: 'Lost' }, meta)),
    ).toMatchObject({ code: 'CONFLICT' });
    expect((await admin.get(bossA, u.id)).displayName).toBe('Una Updated');
    const rows = await db.withTenant({ dealershipId: dealerA }, (em) =>
      em.execute<Array<{ action: string; changes: unknown }>>(
        `select action, changes from audit.entries where entity_id = ? order by at`,
        [u.id],
      ),
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect(parseAuditChanges(rows[1]!.changes).map((c) => [c.field, c.from, c.to])).toEqual([
      ['displayName', 'Una', 'Una Updated'],
      ['email', null, 'una@d.test'],
    ]);
  });

  it("a change of roles ends the user's sessions: refresh refused, sessions on the revocation feed", async () => {
    const u = await admin.create(
      bossA,
      { username: 'vic', displayName: 'Vic', roles: ['salesperson'], password: PASSWORD },
      meta,
    );
    const { principal, refresh } = await signIn('vic');
    const since = Date.now() - 1000;
    await admin.update(bossA, u.id, u.version, { roles: ['manager'] }, meta);
    await expect(auth.refresh(refresh)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const feed = await revokedSessionsSince(db, since);
    expect(feed.sessions.map((s) => s.id)).toContain(principal.sessionId);
    const again = await signIn('vic');
    expect(again.principal.permissions).toContain('deals.approve');
  });

  it('keeps the last active admin: demoting or deactivating them is refused', async () => {
    const me = await admin.get(bossA, bossA.userId);
    expect(
      await errorOf(admin.update(bossA, me.id, me.version, { roles: ['manager'] }, meta)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.roles',
    });
    expect((await admin.get(bossA, me.id)).roles).toEqual(['admin']);
    expect(await errorOf(admin.deactivate(bossA, me.id, meta))).toMatchObject({ field: 'id' });
    // With a second admin, the first may step down.
    const second = await admin.create(
      bossA,
      { username: 'ada', displayName: 'Ada', roles: ['admin'], password: PASSWORD },
      meta,
    );
    const adaPrincipal = (await signIn('ada')).principal;
    const demoted = await admin.update(
      adaPrincipal,
      me.id,
      me.version,
      { roles: ['admin', 'manager'] },
      meta,
    );
    expect(demoted.roles).toEqual(['admin', 'manager']);
    expect(await errorOf(admin.deactivate(bossA, second.id, meta))).toBeUndefined();
    // Now boss-a is the last admin again.
    const now = await admin.get(bossA, me.id);
    expect(
      await errorOf(admin.update(bossA, me.id, now.version, { roles: ['manager'] }, meta)),
    ).toMatchObject({
      field: 'input.roles',
    });
  });
});

describe('deactivateUser / reactivateUser', () => {
  it('ends every session at once, refuses sign-in and refresh; reactivation lets them back', async () => {
    const u = await admin.create(
      bossA,
      { username: 'dan', displayName: 'Dan', roles: ['salesperson'], password: PASSWORD },
      meta,
    );
    const one = await signIn('dan');
    const two = await signIn('dan');
    const since = Date.now() - 1000;
    const off = await admin.deactivate(bossA, u.id, meta);
    expect(off).toMatchObject({ status: 'deactivated', active: false });
    const feed = (await revokedSessionsSince(db, since)).sessions.map((s) => s.id);
    expect(feed).toEqual(
      expect.arrayContaining([one.principal.sessionId, two.principal.sessionId]),
    );
    await expect(auth.me(one.principal)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(auth.refresh(two.refresh)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(auth.login('dan', PASSWORD, meta)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const back = await admin.reactivate(bossA, u.id, meta);
    expect(back.status).toBe('active');
    expect((await signIn('dan')).principal.username).toBe('dan');
  });

  it('refuses deactivating yourself', async () => {
    expect(await errorOf(admin.deactivate(bossA, bossA.userId, meta))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });
});

describe('resetUserPassword', () => {
  it('mails the user a reset link that sets a new password', async () => {
    const u = await admin.create(
      bossA,
      {
        username: 'rita',
        displayName: 'Rita',
        email: 'rita@d.test',
        roles: ['salesperson'],
        password: PASSWORD,
      },
      meta,
    );
    expect(await admin.sendPasswordReset(bossA, u.id, meta)).toBe(true);
    const [mail] = await drained();
    expect(mail!.to).toEqual(['rita@d.test']);
    expect(linkIn(mail!.decoded, 'reset-password')).toBeTruthy();
  });
});

describe('userAccounts', () => {
  it('pages by username with search, role and status filters and a total', async () => {
    const all = await admin.list(bossA, { first: 100 });
    const names = all.edges.map((e) => e.node.username);
    expect(names).toEqual([...names].sort());
    expect(all.totalCount).toBe(names.length);
    const page1 = await admin.list(bossA, { first: 2 });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await admin.list(bossA, { first: 2, after: page1.pageInfo.endCursor });
    expect(page2.edges.map((e) => e.node.username)).toEqual(names.slice(2, 4));
    const search = await admin.list(bossA, { filter: { search: 'UPDATED' } });
    expect(search.edges.map((e) => e.node.username)).toEqual(['una']);
    const byMail = await admin.list(bossA, { filter: { search: 'rita@' } });
    expect(byMail.edges.map((e) => e.node.username)).toEqual(['rita']);
    const finance = await admin.list(bossA, { filter: { role: 'finance' } });
    expect(finance.edges.map((e) => e.node.username)).toEqual(['ivy']);
    const invited = await admin.list(bossA, { filter: { status: 'INVITED' } });
    expect(invited.edges.map((e) => e.node.status)).toEqual(invited.edges.map(() => 'invited'));
    expect(invited.totalCount).toBeGreaterThan(0);
    expect(await admin.list(bossA, { filter: { search: '%' } })).toMatchObject({ totalCount: 0 });
    expect(await errorOf(admin.list(bossA, { after: 'garbage' }))).toMatchObject({
      field: 'after',
    });
  });
});

describe('another dealership', () => {
  it("an admin of B never sees or changes A's users", async () => {
    const victim = await admin.create(
      bossA,
      {
        username: 'vera',
        displayName: 'Vera',
        email: 'vera@d.test',
        roles: ['salesperson'],
        password: PASSWORD,
      },
      meta,
    );
    const listB = await admin.list(bossB, { first: 100 });
    expect(listB.edges.map((e) => e.node.username)).toEqual(['boss-b']);
    expect((await admin.list(bossB, { filter: { search: 'vera' } })).totalCount).toBe(0);
    expect((await admin.list(bossB, { filter: { search: 've' } })).totalCount).toBe(0);
    expect((await admin.list(bossA, { filter: { search: 'VERA@d' } })).totalCount).toBe(1);
    // The search function itself (SECURITY DEFINER, auth migration 0050): the tenant comes from the
    // transaction's setting only, so B's and no tenant find nothing.
    const hits = (em: EntityManager) =>
      Promise.all([
        em.execute(`select * from auth.user_search_page('%vera%', null, null, null, 10)`),
        em.execute(`select auth.user_search_count('%vera%', null, null) as n`),
      ]).then(([page, count]) => [page.length, Number(count[0]!.n)]);
    expect(await db.withTenant({ dealershipId: bossA.dealershipId }, hits)).toEqual([1, 1]);
    expect(await db.withTenant({ dealershipId: bossB.dealershipId }, hits)).toEqual([0, 0]);
    expect(await db.asSystem(hits)).toEqual([0, 0]);
    const notFound = { code: 'NOT_FOUND' };
    expect(await errorOf(admin.get(bossB, victim.id))).toMatchObject(notFound);
    expect(
      await errorOf(
        admin.update(
          bossB,
          victim.id,
          victim.version,
          { displayName: 'pwned', roles: ['admin'] },
          meta,
        ),
      ),
    ).toMatchObject(notFound);
    expect(await errorOf(admin.deactivate(bossB, victim.id, meta))).toMatchObject(notFound);
    expect(await errorOf(admin.reactivate(bossB, victim.id, meta))).toMatchObject(notFound);
    expect(await errorOf(admin.sendPasswordReset(bossB, victim.id, meta))).toMatchObject(notFound);
    expect(await errorOf(admin.resendInvitation(bossB, victim.id, meta))).toMatchObject(notFound);
    const after = await admin.get(bossA, victim.id);
    expect(after).toMatchObject({
      displayName: 'Vera',
      status: 'active',
      version: victim.version,
      roles: ['salesperson'],
    });
    expect(await drained()).toHaveLength(0);
    expect((await signIn('vera')).principal.dealershipId).toBe(dealerA);
  });
});
