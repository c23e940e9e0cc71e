// The sign-in policy against real PostgreSQL: second-factor roles may be custom and reach roles
// inheriting them at sign-in; the dealership's shortest password applies when a password is chosen;
// unknown roles and out-of-bounds lengths are refused on their fields with nothing written; a stale
// version is CONFLICT; changes are audited; another dealership's policy and sign-ins are untouched.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { RoleAdmin } from '../src/domain/role-admin.ts';
import { SignInPolicyAdmin } from '../src/domain/sign-in-policy.ts';
import { UserAdmin } from '../src/domain/user-admin.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';

const PASSWORD = 'correct-horse-battery';
const meta = { ip: '10.9.3.1', userAgent: 'policy-test', requestId: 'req-policy' };
let testDb: TestDatabase;
let db: Database;
let auth: AuthService;
let policy: SignInPolicyAdmin;
let roles: RoleAdmin;
let users: UserAdmin;
let verifyToken: (t: string) => Promise<Principal>;
const dealerA = randomUUID();
const dealerB = randomUUID();
let bossA: Principal;
let bossB: Principal;

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );
const statusOf = async (username: string, password = PASSWORD) =>
  (await auth.login(username, password, meta)).status;
async function signIn(username: string) {
  const out = await auth.login(username, PASSWORD, meta);
  if (out.status !== 'SIGNED_IN') throw new Error(out.status);
  return verifyToken(out.accessToken);
}
const seed = (dealershipId: string, username: string, userRoles: string[]) =>
  db.withTenant({ dealershipId }, (em) =>
    createUser(em, {
      dealershipId,
      username,
      displayName: username,
      password: PASSWORD,
      roles: userRoles,
    }),
  );

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  const keys = await KeyManager.open(db, 'policy-test-secret-0123456789abcdef012345');
  verifyToken = createTokenVerifier(keys.getKey);
  auth = new AuthService(db, keys);
  policy = new SignInPolicyAdmin(db);
  roles = new RoleAdmin(db);
  users = new UserAdmin(db, auth.lockout, { webUrl: 'https://web.test', onMailQueued: () => {} });
  await seed(dealerA, 'policy-boss-a', ['admin']);
  await seed(dealerB, 'policy-boss-b', ['admin']);
  await seed(dealerB, 'policy-manager-b', ['manager']);
  bossA = await signIn('policy-boss-a');
  bossB = await signIn('policy-boss-b');
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('sign-in policy', () => {
  it('starts at the platform defaults', async () => {
    expect(await policy.get(bossA)).toEqual({
      secondFactorRoles: [],
      passwordMinLength: 12,
      version: 1,
    });
  });

  it('a custom role, and a role inheriting a listed one, must sign in with a second factor', async () => {
    await roles.create(bossA, { name: 'desk-lead', permissions: [], inherits: ['manager'] }, meta);
    await roles.create(bossA, { name: 'closer', permissions: ['deals.read'] }, meta);
    // Custom roles: created as an administrator would.
    for (const [username, role] of [
      ['policy-lead', 'desk-lead'],
      ['policy-closer', 'closer'],
    ] as const)
      await users.create(
        bossA,
        { username, displayName: username, roles: [role], password: PASSWORD },
        meta,
      );
    await seed(dealerA, 'policy-sales', ['salesperson']);
    expect(await statusOf('policy-lead')).toBe('SIGNED_IN');
    const saved = await policy.update(bossA, {
      version: 1,
      secondFactorRoles: ['manager', 'closer'],
    });
    expect(saved).toEqual({
      secondFactorRoles: ['closer', 'manager'],
      passwordMinLength: 12,
      version: 2,
    });
    expect(await statusOf('policy-lead')).toBe('MFA_ENROLLMENT_REQUIRED'); // inherits manager
    expect(await statusOf('policy-closer')).toBe('MFA_ENROLLMENT_REQUIRED'); // custom, listed
    expect(await statusOf('policy-sales')).toBe('SIGNED_IN');
    // Another dealership's managers are not held to A's policy.
    expect(await statusOf('policy-manager-b')).toBe('SIGNED_IN');
    expect((await policy.get(bossB)).secondFactorRoles).toEqual([]);
  });

  it('refuses unknown roles and lengths out of 12–64 on their fields; a stale version is CONFLICT', async () => {
    const before = await policy.get(bossA);
    expect(
      await errorOf(
        policy.update(bossA, { version: before.version, secondFactorRoles: ['ghost'] }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.secondFactorRoles' });
    for (const bad of [11, 65, 13.5])
      expect(
        await errorOf(policy.update(bossA, { version: before.version, passwordMinLength: bad })),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.passwordMinLength' });
    // B's custom role names mean nothing in A.
    await roles.create(bossB, { name: 'b-only', permissions: [] }, meta);
    expect(
      await errorOf(
        policy.update(bossA, { version: before.version, secondFactorRoles: ['b-only'] }),
      ),
    ).toMatchObject({ field: 'input.secondFactorRoles' });
    expect(
      await errorOf(policy.update(bossA, { version: before.version - 1, passwordMinLength: 14 })),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(await policy.get(bossA)).toEqual(before);
  });

  it("the dealership's shortest password applies when one is chosen; audited", async () => {
    const { version } = await policy.get(bossA);
    await policy.update(bossA, { version, passwordMinLength: 24 });
    const input = {
      username: 'policy-newbie',
      displayName: 'Newbie',
      roles: ['salesperson'],
      password: 'correct-horse-battery', // 21: enough for the platform, not for A
    };
    expect(await errorOf(users.create(bossA, input, meta))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.password',
    });
    const made = await users.create(
      bossA,
      { ...input, password: 'correct-horse-battery-staple' },
      meta,
    );
    expect(made.username).toBe('policy-newbie');
    // B keeps the platform's 12.
    expect(
      (await users.create(bossB, { ...input, username: 'policy-newbie-b' }, meta)).username,
    ).toBe('policy-newbie-b');
    const entries = await db.withTenant({ dealershipId: dealerA }, (em) =>
      em.execute<Array<{ changes: Array<{ f: string; a: string; b: string }> }>>(
        "select changes from audit.entries where entity_type = 'SignInPolicy' order by at, id",
      ),
    );
    expect(entries).toHaveLength(2);
    expect(entries[1]!.changes).toEqual([{ f: 'passwordMinLength', a: '12', b: '24' }]);
  });
});
