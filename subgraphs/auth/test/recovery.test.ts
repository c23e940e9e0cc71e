// Password policy, reset, change and email verification against real PostgreSQL and a real SMTP
// server on loopback: links arrive by mail and work once; unknown accounts and unverified addresses
// get the same answer and no mail; a reset ends sessions and lifts locks; typed errors name fields.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createLogger,
  createMailTransport,
  createTokenVerifier,
  openDatabase,
  recordAudit,
  startMailRelay,
  type Database,
  type MailRelay,
  type Principal,
} from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { startTestSmtpServer, type TestSmtpServer } from '@autolytiq/tools/test-smtp.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { passwordProblem } from '../src/domain/passwords.ts';
import { RecoveryService } from '../src/domain/recovery-service.ts';
import { createUser } from '../src/domain/users.ts';
import { setDealershipName } from '../src/domain/mail-templates.ts';
import { migrations } from '../src/migrations/index.ts';
import { findUsers } from '../src/store/users-store.ts';

const SECRET = 'recovery-test-secret-0123456789abcdef0123';
const PASSWORD = 'correct-horse-battery';
const NEW_PASSWORD = 'tractor-lunch-orbit-7';
let testDb: TestDatabase;
let db: Database;
let smtp: TestSmtpServer;
let relay: MailRelay;
let auth: AuthService;
let recovery: RecoveryService;
let verifyToken: (t: string) => Promise<Principal>;
const dealershipId = randomUUID();
const meta = { ip: '10.7.0.1', userAgent: 'recovery-test', requestId: 'req-rec' };

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
    logger: createLogger('recovery-test', 'silent'),
    pollMs: 60_000,
  });
  const notify = () => relay.notify();
  auth = new AuthService(db, keys, {
    lockout: { perAddress: 2, everywhere: 50, windowMs: 60_000 },
    onMailQueued: notify,
  });
  recovery = new RecoveryService(db, auth, 'https://web.test', notify);
  for (const [username, email] of [
    ['hal', 'Hal@Dealer.test'],
    ['ivy', 'ivy@dealer.test'],
    ['jo', null],
  ] as const)
    await db.withTenant({ dealershipId }, (em) =>
      createUser(em, {
        dealershipId,
        username,
        displayName: username,
        email,
        password: PASSWORD,
        roles: ['salesperson'],
      }),
    );
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

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );
const linkIn = (raw: string, path: string) =>
  new RegExp(`https://web\\.test/${path}\\?token=([A-Za-z0-9_-]+)`).exec(raw)?.[1];
async function signIn(
  username: string,
  password = PASSWORD,
): Promise<{ principal: Principal; refresh: string }> {
  const out = await auth.login(username, password, meta);
  if (out.status !== 'SIGNED_IN') throw new Error(out.status);
  return { principal: await verifyToken(out.accessToken), refresh: out.refreshToken };
}
const drained = async () => {
  await relay.drain();
  return smtp.received;
};

describe('password policy', () => {
  it('wants 12+ characters and refuses common, padded-common, repetitive and username passwords', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
    expect(passwordProblem('password1234')).toMatch(/common/);
    expect(passwordProblem('Password2024!!')).toMatch(/common/);
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/common/);
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toMatch(/easy/);
    expect(passwordProblem('hal-is-the-best', { username: 'hal' })).toMatch(/username/);
    expect(passwordProblem(NEW_PASSWORD, { username: 'hal' })).toBeUndefined();
    expect(passwordProblem('é'.repeat(40))).toMatch(/bytes|easy/);
  });
});

describe('password reset', () => {
  it('mails a link to the verified address, by username or email; unknown names get the same answer', async () => {
    expect(await recovery.requestPasswordReset('hal', meta)).toBe(true);
    expect(await recovery.requestPasswordReset('HAL@dealer.TEST', meta)).toBe(true);
    expect(await recovery.requestPasswordReset('nobody-at-all', meta)).toBe(true);
    expect(await recovery.requestPasswordReset('jo', meta)).toBe(true); // no address: no mail
    const mails = await drained();
    expect(mails.map((m) => m.to[0]!.toLowerCase())).toEqual([
      'hal@dealer.test',
      'hal@dealer.test',
    ]);
    expect(mails[0]!.header('subject')).toMatch(/reset/i);
    expect(linkIn(mails[0]!.decoded, 'reset-password')).toBeDefined();
    expect(await errorOf(recovery.requestPasswordReset('  ', meta))).toMatchObject({
      field: 'input.login',
    });
  });

  it('a newer request retires the older link; the reset ends sessions, lifts locks, works once', async () => {
    const session = await signIn('hal');
    for (let i = 0; i < 2; i++)
      await auth.login('hal', 'wrong-password', meta).catch(() => undefined);
    expect(await errorOf(auth.login('hal', PASSWORD, meta))).toMatchObject({
      code: 'RATE_LIMITED',
    });
    await recovery.requestPasswordReset('hal', meta);
    await recovery.requestPasswordReset('hal', meta);
    const [older, newer] = (await drained()).map((m) => linkIn(m.decoded, 'reset-password')!);
    smtp.received.length = 0;
    expect(await errorOf(recovery.resetPassword(older!, NEW_PASSWORD, meta))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.token',
    });
    expect(await errorOf(recovery.resetPassword(newer!, 'password1234', meta))).toMatchObject({
      field: 'input.newPassword',
    });
    expect(await recovery.resetPassword(newer!, NEW_PASSWORD, meta)).toBe(true);
    expect(await errorOf(recovery.resetPassword(newer!, NEW_PASSWORD, meta))).toMatchObject({
      field: 'input.token',
    });
    expect(await errorOf(auth.refresh(session.refresh))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await errorOf(auth.me(session.principal))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await auth.login('hal', NEW_PASSWORD, meta)).status).toBe('SIGNED_IN');
    const notice = await drained();
    expect(notice.map((m) => m.header('subject'))).toEqual([expect.stringMatching(/changed/)]);
  });
});

describe('password change and email verification', () => {
  it('needs the current password, ends the other sessions and keeps this one', async () => {
    const other = await signIn('ivy');
    const here = await signIn('ivy');
    expect(
      await errorOf(
        recovery.changePassword(
          here.principal,
          { currentPassword: 'nope-nope-nope', newPassword: NEW_PASSWORD },
          { ...meta, ip: '10.7.0.2' },
        ),
      ),
    ).toMatchObject({ field: 'input.currentPassword' });
    expect(
      await errorOf(
        recovery.changePassword(
          here.principal,
          { currentPassword: PASSWORD, newPassword: 'ivy-password-x' },
          meta,
        ),
      ),
    ).toMatchObject({ field: 'input.newPassword' });
    expect(
      await recovery.changePassword(
        here.principal,
        { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        meta,
      ),
    ).toBe(true);
    expect(await errorOf(auth.me(other.principal))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await auth.me(here.principal)).username).toBe('ivy');
    const notice = (await drained()).filter((m) => m.to[0] === 'ivy@dealer.test');
    expect(notice.map((m) => m.header('subject'))).toEqual([expect.stringMatching(/changed/)]);
  });

  it('a changed address is unverified (no resets) until its link is used', async () => {
    const { principal } = await signIn('jo');
    expect(await errorOf(recovery.updateMyEmail(principal, 'not an address', meta))).toMatchObject({
      field: 'email',
    });
    const user = await recovery.updateMyEmail(principal, 'jo@dealer.test', meta);
    expect(user).toMatchObject({ email: 'jo@dealer.test', emailVerified: false });
    const [verification] = await drained();
    expect(verification!.header('subject')).toMatch(/confirm/i);
    smtp.received.length = 0;
    await recovery.requestPasswordReset('jo', meta);
    expect(await drained()).toEqual([]);
    const token = linkIn(verification!.decoded, 'verify-email')!;
    expect(await recovery.verifyEmail(token, meta)).toBe(true);
    expect(await errorOf(recovery.verifyEmail(token, meta))).toMatchObject({ field: 'token' });
    const [after] = await db.withTenant({ dealershipId }, (em) =>
      findUsers(em, [principal.userId]),
    );
    expect(after!.emailVerified).toBe(true);
    await recovery.requestPasswordReset('jo', meta);
    expect((await drained()).map((m) => m.to[0])).toEqual(['jo@dealer.test']);
  });

  it('another dealership sees no reset or verification rows; the audit holds no token', async () => {
    for (const table of ['auth.password_resets', 'auth.email_verifications']) {
      expect(
        await db.withTenant({ dealershipId: randomUUID() }, (em) =>
          em.execute(`select * from ${table}`),
        ),
      ).toEqual([]);
      expect(
        (
          await db.withTenant({ dealershipId }, (em) =>
            em.execute<unknown[]>(`select * from ${table}`),
          )
        ).length,
      ).toBeGreaterThan(0);
    }
    const events = JSON.stringify(
      await db.withTenant({ dealershipId }, (em) => em.execute('select * from auth.auth_events')),
    );
    expect(events).toContain('password-reset');
    expect(events).not.toContain(NEW_PASSWORD);
    expect(events).not.toMatch(/token=/);
  });

  it("a dealership's own template wins over the default and stays in its dealership", async () => {
    await db.withTenant({ dealershipId }, (em) =>
      em.execute(
        `insert into auth.mail_templates (dealership_id, kind, subject, text_body, html_body)
         values (?, 'password-reset', 'Reset at {{dealershipName}}', 'Go: {{link}}', '<a href="{{link}}">Go</a>')`,
        [dealershipId],
      ),
    );
    await recovery.requestPasswordReset('ivy', meta);
    const [mail] = await drained();
    expect(mail!.header('subject')).toBe('Reset at Your dealership');
    expect(linkIn(mail!.decoded, 'reset-password')).toBeDefined();
    const other = randomUUID();
    expect(
      await db.withTenant({ dealershipId: other }, (em) =>
        em.execute('select * from auth.mail_templates'),
      ),
    ).toEqual([]);
    const forged = await db
      .withTenant({ dealershipId: other }, (em) =>
        em.execute(
          `insert into auth.mail_templates (dealership_id, kind, subject, text_body, html_body)
           values (?, 'password-changed', 'x', 'x', 'x')`,
          [dealershipId],
        ),
      )
      .catch((e: unknown) => e);
    expect(String(forged)).toMatch(/row-level security/);
  });
});

describe('the dealership name in mail follows a rename', () => {
  const renamed = randomUUID();
  const rename = (tenant: string, from: string, to: string) =>
    db.withTenant({ dealershipId: tenant }, (em) =>
      recordAudit(em, {
        source: 'admin',
        entityType: 'Dealership',
        entityId: renamed,
        action: 'update',
        changes: [{ field: 'name', from, to }],
      }),
    );
  const resetSubject = async () => {
    smtp.received.length = 0;
    await recovery.requestPasswordReset('kim', meta);
    const [mail] = await drained();
    return mail!.header('subject');
  };

  it("uses the admin subgraph's rename from the audit trail, and only its own dealership's", async () => {
    await db.withTenant({ dealershipId: renamed }, async (em) => {
      await setDealershipName(em, renamed, 'Old Road Motors');
      await createUser(em, {
        dealershipId: renamed,
        username: 'kim',
        displayName: 'Kim',
        email: 'kim@dealer.test',
        password: PASSWORD,
        roles: ['salesperson'],
      });
    });
    expect(await resetSubject()).toBe('Old Road Motors: reset your password');
    await rename(renamed, 'Old Road Motors', 'New Road Motors');
    expect(await resetSubject()).toBe('New Road Motors: reset your password');
    // Another dealership's audit trail cannot rename this one (RLS, and the tenant is compared).
    await rename(randomUUID(), 'New Road Motors', 'Hijacked Motors');
    expect(await resetSubject()).toBe('New Road Motors: reset your password');
    // auth's own copy caught up (it stays right once retention purges the audit entry).
    const copy = await db.withTenant({ dealershipId: renamed }, (em) =>
      em.execute<Array<{ dealership_name: string }>>(
        'select dealership_name from auth.dealership_settings',
      ),
    );
    expect(copy).toEqual([{ dealership_name: 'New Road Motors' }]);
  });
});
