// Failed sign-ins per username against real PostgreSQL: the account is refused after too many
// failures (even with the right password), unknown names behave the same, success clears the count,
// the window slides, and the application role cannot read or touch the counts directly.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '../../../tools/src/test-database.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';

const SECRET = 'login-throttle-test-secret-0123456789abcdef';
const PASSWORD = 'correct-horse-battery';
let testDb: TestDatabase;
let db: Database;
let auth: AuthService;
const dealershipId = randomUUID();

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  const keys = await KeyManager.open(db, SECRET);
  auth = new AuthService(db, keys, { maxFailures: 3, windowMs: 60_000 });
  for (const username of ['ana', 'ben']) {
    await db.withTenant({ dealershipId }, (em) =>
      createUser(em, {
        dealershipId,
        username,
        displayName: username,
        password: PASSWORD,
        roles: ['salesperson'],
      }),
    );
  }
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'SIGNED_IN',
    (e: { extensions?: { code?: string } }) => e.extensions?.code,
  );

describe('failed sign-ins per username', () => {
  it('refuses the account after too many failures, even with the right password', async () => {
    for (let i = 0; i < 3; i++)
      expect(await codeOf(auth.login('ana', 'wrong-password'))).toBe('UNAUTHENTICATED');
    const refused = await auth.login('ana', PASSWORD).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      extensions: {
        code: 'RATE_LIMITED',
        limit: 'username',
        retryAfterSeconds: expect.any(Number),
      },
    });
    // Another user is not affected.
    expect(await codeOf(auth.login('ben', PASSWORD))).toBe('SIGNED_IN');
  });

  it('an unknown username is limited the same way (no hint of which names exist)', async () => {
    for (let i = 0; i < 3; i++)
      expect(await codeOf(auth.login('nobody-here', 'x-password'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(auth.login('nobody-here', 'x-password'))).toBe('RATE_LIMITED');
  });

  it('a success clears the failures; failures older than the window do not count', async () => {
    const keys = await KeyManager.open(db, SECRET);
    const strict = new AuthService(db, keys, { maxFailures: 3, windowMs: 60_000 });
    await codeOf(strict.login('ben', 'wrong-password'));
    await codeOf(strict.login('ben', 'wrong-password'));
    expect(await codeOf(strict.login('ben', PASSWORD))).toBe('SIGNED_IN'); // and clears the two
    for (let i = 0; i < 3; i++) await codeOf(strict.login('ben', 'wrong-password'));
    expect(await codeOf(strict.login('ben', PASSWORD))).toBe('RATE_LIMITED');
    // The same failures seen through a 1 ms window are all older than it: the name is free again.
    await new Promise((r) => setTimeout(r, 5));
    const shortWindow = new AuthService(db, keys, { maxFailures: 3, windowMs: 1 });
    expect(await codeOf(shortWindow.login('ben', PASSWORD))).toBe('SIGNED_IN');
  });

  it('the application role cannot read or write the counts except through the functions', async () => {
    const rows = await db.asSystem((em) => em.execute('select * from auth.login_failures'));
    expect(rows).toEqual([]); // rows exist (earlier tests), but RLS shows the app role none
    const insert = await db
      .asSystem((em) => em.execute("insert into auth.login_failures (username) values ('ana')"))
      .catch((e: unknown) => e);
    expect(String(insert)).toMatch(/row-level security/);
  });
});
