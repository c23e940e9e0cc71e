// CSV user import against real PostgreSQL: every bad line reported at once (its own rules, repeated
// names, unknown roles, grants beyond the administrator's, taken usernames) with nothing written; a
// dry run writes nothing; a clean file creates every user INVITED with an invitation mail, in one
// go; another dealership's custom role names mean nothing here and its users are untouched.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { RoleAdmin } from '../src/domain/role-admin.ts';
import { UserAdmin } from '../src/domain/user-admin.ts';
import { UserImport } from '../src/domain/user-import.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';

const PASSWORD = 'correct-horse-battery';
const meta = { ip: '10.9.4.1', userAgent: 'import-test', requestId: 'req-import' };
let testDb: TestDatabase;
let db: Database;
let auth: AuthService;
let importer: UserImport;
let mailWakes = 0;
const dealerA = randomUUID();
const dealerB = randomUUID();
let bossA: Principal;
let managerA: Principal;
let bossB: Principal;

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );
const count = (dealershipId: string, table: 'users' | 'mail_outbox' | 'invitations') =>
  db.withTenant({ dealershipId }, async (em) =>
    Number(
      (await em.execute<Array<{ n: string }>>(`select count(*) as n from auth.${table}`))[0]!.n,
    ),
  );

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  const keys = await KeyManager.open(db, 'import-test-secret-0123456789abcdef0123456');
  const verifyToken = createTokenVerifier(keys.getKey);
  auth = new AuthService(db, keys);
  const users = new UserAdmin(db, auth.lockout, {
    webUrl: 'https://web.test',
    onMailQueued: () => {},
  });
  importer = new UserImport(db, users, () => mailWakes++);
  for (const [dealershipId, username, roles] of [
    [dealerA, 'import-boss-a', ['admin']],
    [dealerA, 'import-manager-a', ['manager']],
    [dealerB, 'import-boss-b', ['admin']],
  ] as const)
    await db.withTenant({ dealershipId }, (em) =>
      createUser(em, {
        dealershipId,
        username,
        displayName: username,
        password: PASSWORD,
        roles: [...roles],
      }),
    );
  const signIn = async (u: string) => {
    const out = await auth.login(u, PASSWORD, meta);
    if (out.status !== 'SIGNED_IN') throw new Error(out.status);
    return verifyToken(out.accessToken);
  };
  bossA = await signIn('import-boss-a');
  managerA = await signIn('import-manager-a');
  bossB = await signIn('import-boss-b');
  await new RoleAdmin(db).create(
    bossB,
    { name: 'b-porter', permissions: ['inventory.read'] },
    meta,
  );
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('CSV user import', () => {
  it('reports every bad line at once and writes nothing', async () => {
    const before = await count(dealerA, 'users');
    const csv = [
      'Username,Display Name,Email,Roles',
      'ok-one,Olive One,olive@dealer.test,salesperson',
      'BAD NAME,Bad,bad@dealer.test,salesperson',
      'no-mail,No Mail,,salesperson',
      'ok-one,Again,again@dealer.test,finance',
      'ghost-role,Ghost,ghost@dealer.test,salesperson;b-porter',
      'import-boss-b,Taken,taken@dealer.test,salesperson',
      'no-role,No Role,norole@dealer.test,',
    ].join('\r\n');
    const out = await importer.run(bossA, csv, false, meta);
    expect(out).toMatchObject({ lines: 7, created: 0, users: [] });
    expect(out.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'username'],
      [4, 'email'],
      [5, 'username'],
      [6, 'roles'],
      [7, 'username'],
      [8, 'roles'],
    ]);
    expect(out.errors[2]!.message).toBe('Also on line 2 of the file.');
    expect(await count(dealerA, 'users')).toBe(before);
  });

  it('refuses roles beyond what the importer may grant', async () => {
    const out = await importer.run(
      managerA,
      'username,displayName,email,roles\nwannabe,Wanna Be,wb@dealer.test,admin',
      false,
      meta,
    );
    expect(out.errors).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'roles',
        message: expect.stringMatching(/cannot grant/),
      }),
    ]);
    expect(out.created).toBe(0);
  });

  it('refuses a file without the header or with too many lines', async () => {
    expect(await errorOf(importer.run(bossA, 'a,b\n1,2', false, meta))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'csv',
    });
    const big = ['username,displayName,email,roles'];
    for (let i = 0; i < 501; i++) big.push(`u${i},U ${i},u${i}@dealer.test,salesperson`);
    expect(await errorOf(importer.run(bossA, big.join('\n'), false, meta))).toMatchObject({
      field: 'csv',
    });
  });

  it('a dry run checks only; a clean file invites everyone in one go', async () => {
    const csv =
      'roles,email,username,displayName\n"salesperson;finance",ann@dealer.test,imp-ann,"Ann, the closer"\nsalesperson|manager,bo@dealer.test,imp-bo,Bo';
    const users = await count(dealerA, 'users');
    const dry = await importer.run(bossA, csv, true, meta);
    expect(dry).toMatchObject({ lines: 2, created: 0, errors: [] });
    expect(await count(dealerA, 'users')).toBe(users);
    const mails = await count(dealerA, 'mail_outbox');
    const out = await importer.run(bossA, csv, false, meta);
    expect(out.errors).toEqual([]);
    expect(out.created).toBe(2);
    expect(
      out.users.map((u) => [u.username, u.displayName, u.status, [...u.roles].sort()]),
    ).toEqual([
      ['imp-ann', 'Ann, the closer', 'invited', ['finance', 'salesperson']],
      ['imp-bo', 'Bo', 'invited', ['manager', 'salesperson']],
    ]);
    expect(await count(dealerA, 'users')).toBe(users + 2);
    expect(await count(dealerA, 'mail_outbox')).toBe(mails + 2);
    expect(mailWakes).toBe(1);
    // Nothing reached the other dealership.
    expect(await count(dealerB, 'users')).toBe(1);
    // Importing the same file again: both names are taken now.
    const again = await importer.run(bossA, csv, false, meta);
    expect(again.errors.map((e) => e.field)).toEqual(['username', 'username']);
  });
});
