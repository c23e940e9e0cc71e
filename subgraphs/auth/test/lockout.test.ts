// Sign-in lockout against real PostgreSQL and a real SMTP server on loopback: failures from one
// address lock the username for that address only; many across addresses lock it everywhere and
// mail an unlock link; unknown usernames behave the same; resets of the count; admin unlock; the
// application role cannot touch the counts; every step lands in the append-only audit.
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  createMailTransport,
  createTokenVerifier,
  openDatabase,
  startMailRelay,
  type Database,
  type MailRelay,
} from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { startTestSmtpServer, type TestSmtpServer } from '@autolytiq/tools/test-smtp.ts';
import { AccountAdmin } from '../src/domain/account-admin.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';
import { listAuthEvents } from '../src/store/audit-store.ts';

const SECRET = 'login-throttle-test-secret-0123456789abcdef';
const PASSWORD = 'correct-horse-battery';
const POLICY = { perAddress: 3, everywhere: 6, windowMs: 60_000 };
let testDb: TestDatabase;
let db: Database;
let keys: KeyManager;
let auth: AuthService;
let smtp: TestSmtpServer;
let relay: MailRelay;
const dealershipId = randomUUID();
const users: Record<string, string> = {};

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  keys = await KeyManager.open(db, SECRET);
  smtp = await startTestSmtpServer();
  relay = startMailRelay({
    db,
    schema: 'auth',
    transport: createMailTransport({ smtpUrl: smtp.url, dataDir: '.' }),
    from: 'Autolytiq <no-reply@test.local>',
    logger: createLogger('lockout-test', 'silent'),
    pollMs: 60_000,
  });
  auth = new AuthService(db, keys, {
    lockout: POLICY,
    webUrl: 'https://web.test',
    onMailQueued: () => relay.notify(),
  });
  for (const username of ['ana', 'ben', 'cy', 'dee']) {
    const user = await db.withTenant({ dealershipId }, (em) =>
      createUser(em, {
        dealershipId,
        username,
        displayName: username.toUpperCase(),
        email: `${username}@dealer.test`,
        password: PASSWORD,
        roles: ['salesperson'],
      }),
    );
    users[username] = user.id;
  }
});
afterAll(async () => {
  await relay?.stop();
  await smtp?.close();
  await db?.close();
  await testDb?.drop();
});

const from = (ip: string) => ({ ip, userAgent: 'test-agent/1.0', requestId: `req-${ip}` });
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'SIGNED_IN',
    (e: { extensions?: { code?: string; limit?: string } }) =>
      e.extensions?.limit ? `${e.extensions.code}:${e.extensions.limit}` : e.extensions?.code,
  );

describe('lockout per username and address', () => {
  it('locks the username for the failing address only, even with the right password', async () => {
    for (let i = 0; i < 3; i++)
      expect(await outcome(auth.login('ana', 'wrong-password', from('10.0.0.1')))).toBe(
        'UNAUTHENTICATED',
      );
    const refused = await auth.login('ana', PASSWORD, from('10.0.0.1')).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      extensions: {
        code: 'RATE_LIMITED',
        limit: 'username-address',
        retryAfterSeconds: expect.any(Number),
      },
    });
    // The owner, from her own address, is not locked out by someone else's guessing.
    expect(await outcome(auth.login('ana', PASSWORD, from('10.0.0.2')))).toBe('SIGNED_IN');
  });

  it('an unknown username is limited the same way (no hint of which names exist)', async () => {
    for (let i = 0; i < 3; i++)
      expect(await outcome(auth.login('nobody-here', 'x-password', from('10.0.0.3')))).toBe(
        'UNAUTHENTICATED',
      );
    expect(await outcome(auth.login('nobody-here', 'x-password', from('10.0.0.3')))).toBe(
      'RATE_LIMITED:username-address',
    );
  });

  it('audits an unknown username apart, by digest, for the platform operator only', async () => {
    await outcome(auth.login('Ghost-User', 'x-password', from('10.0.0.4')));
    await outcome(auth.login('ghost-user', 'x-password', from('10.0.0.4')));
    const owner = new pg.Client({ connectionString: testDb.url });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        'select * from auth.unknown_sign_ins where ip_address = $1 order by at',
        ['10.0.0.4'],
      );
      const digest = createHash('sha256').update('autolytiq-sign-in-name:ghost-user').digest('hex');
      expect(rows).toEqual([
        expect.objectContaining({
          name_digest: digest,
          event: 'sign-in-failed',
          user_agent: 'test-agent/1.0',
          request_id: 'req-10.0.0.4',
        }),
        expect.objectContaining({ name_digest: digest, event: 'sign-in-failed' }),
      ]);
      expect(JSON.stringify(rows)).not.toMatch(/ghost|x-password/i);
      // The name that was refused by the lock earlier is there as a refusal.
      const refused = await owner.query(
        "select count(*)::int as n from auth.unknown_sign_ins where ip_address = '10.0.0.3' and event = 'sign-in-refused'",
      );
      expect(refused.rows[0].n).toBe(1);
    } finally {
      await owner.end();
    }
    // The application role (every subgraph's pool) reads nothing of it, in no tenant.
    const seen = await db
      .asSystem((em) => em.execute('select * from auth.unknown_sign_ins'))
      .catch(() => []);
    expect(seen).toEqual([]);
    // Nothing about them in any dealership's auth events.
    const events = await db.withTenant({ dealershipId }, (em) =>
      em.execute("select * from auth.auth_events where ip_address in ('10.0.0.3', '10.0.0.4')"),
    );
    expect(events).toEqual([]);
  });

  it('many failures across addresses lock everywhere and mail a single-use unlock link', async () => {
    for (let i = 0; i < 6; i++)
      await outcome(auth.login('ben', 'wrong-password', from(`10.1.0.${i}`)));
    expect(await outcome(auth.login('ben', PASSWORD, from('10.9.9.9')))).toBe(
      'RATE_LIMITED:username',
    );
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['ben@dealer.test']);
    expect(mail!.header('subject')).toMatch(/locked/);
    const token = /https:\/\/web\.test\/unlock\?token=([A-Za-z0-9_-]+)/.exec(mail!.decoded)?.[1];
    expect(token).toBeDefined();
    expect(await auth.unlockAccount(token!, from('10.9.9.9'))).toBe(true);
    expect(await outcome(auth.login('ben', PASSWORD, from('10.9.9.9')))).toBe('SIGNED_IN');
    const again = await auth.unlockAccount(token!).catch((e: unknown) => e);
    expect(again).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'token' } });
  });

  it('a success clears the count; failures older than the window do not count', async () => {
    await outcome(auth.login('cy', 'wrong-password', from('10.2.0.1')));
    await outcome(auth.login('cy', 'wrong-password', from('10.2.0.1')));
    expect(await outcome(auth.login('cy', PASSWORD, from('10.2.0.1')))).toBe('SIGNED_IN');
    for (let i = 0; i < 3; i++) await outcome(auth.login('cy', 'wrong-password', from('10.2.0.1')));
    expect(await outcome(auth.login('cy', PASSWORD, from('10.2.0.1')))).toBe(
      'RATE_LIMITED:username-address',
    );
    await new Promise((r) => setTimeout(r, 5));
    const shortWindow = new AuthService(db, keys, { lockout: { ...POLICY, windowMs: 1 } });
    expect(await outcome(shortWindow.login('cy', PASSWORD, from('10.2.0.1')))).toBe('SIGNED_IN');
  });

  it('an administrator of the dealership can unlock; one of another dealership cannot', async () => {
    for (let i = 0; i < 6; i++)
      await outcome(auth.login('dee', 'wrong-password', from(`10.3.0.${i}`)));
    expect(await outcome(auth.login('dee', PASSWORD, from('10.3.1.1')))).toBe(
      'RATE_LIMITED:username',
    );
    const accounts = new AccountAdmin(db, auth.lockout);
    const admin = (dealer: string) => ({
      userId: randomUUID(),
      dealershipId: dealer,
      sessionId: randomUUID(),
      username: 'boss',
      roles: ['admin'],
      permissions: ['admin.users'],
    });
    const stranger = await accounts
      .unlockUser(admin(randomUUID()), users.dee!, {})
      .catch((e: unknown) => e);
    expect(stranger).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await outcome(auth.login('dee', PASSWORD, from('10.3.1.1')))).toBe(
      'RATE_LIMITED:username',
    );
    expect(await accounts.unlockUser(admin(dealershipId), users.dee!, {})).toBe(true);
    expect(await outcome(auth.login('dee', PASSWORD, from('10.3.1.1')))).toBe('SIGNED_IN');
  });

  it('the application role cannot read or write the counts or unlock tokens directly', async () => {
    for (const table of ['auth.login_failures', 'auth.unlock_tokens']) {
      expect(await db.asSystem((em) => em.execute(`select * from ${table}`))).toEqual([]);
    }
    const insert = await db
      .asSystem((em) => em.execute("insert into auth.login_failures (username) values ('ana')"))
      .catch((e: unknown) => e);
    expect(String(insert)).toMatch(/row-level security/);
  });
});

describe('auth audit', () => {
  it('records failures, lockouts, unlocks and sign-ins with address, agent and request id', async () => {
    const events = await db.withTenant({ dealershipId }, (em) =>
      listAuthEvents(em, { userId: users.ben, limit: 100 }),
    );
    const kinds = events.map((e) => e.event);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'sign-in-failed',
        'locked-out',
        'sign-in-refused',
        'unlocked',
        'sign-in',
      ]),
    );
    const signIn = events.find((e) => e.event === 'sign-in')!;
    expect(signIn).toMatchObject({
      ipAddress: '10.9.9.9',
      userAgent: 'test-agent/1.0',
      requestId: 'req-10.9.9.9',
      username: 'ben',
    });
    // No secret in any event.
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(JSON.stringify(events)).not.toContain('wrong-password');
  });

  it('is append-only, and another dealership sees none of it', async () => {
    const update = await db
      .withTenant({ dealershipId }, (em) => em.execute("update auth.auth_events set event = 'x'"))
      .catch((e: unknown) => e);
    expect(String(update)).toMatch(/append-only/);
    const del = await db
      .withTenant({ dealershipId }, (em) => em.execute('delete from auth.auth_events'))
      .catch((e: unknown) => e);
    expect(String(del)).toMatch(/append-only/);
    const other = await db.withTenant({ dealershipId: randomUUID() }, (em) =>
      listAuthEvents(em, { limit: 100 }),
    );
    expect(other).toEqual([]);
    const forged = await db
      .withTenant({ dealershipId: randomUUID() }, (em) =>
        em.execute(
          `insert into auth.auth_events (dealership_id, username, event) values (?, 'x', 'sign-in')`,
          [dealershipId],
        ),
      )
      .catch((e: unknown) => e);
    expect(String(forged)).toMatch(/row-level security/);
  });
});

export const verifierFor = (k: KeyManager) => createTokenVerifier(k.getKey);
