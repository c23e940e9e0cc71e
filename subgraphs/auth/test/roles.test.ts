// Custom roles against real PostgreSQL: transitive inheritance, cycles and unknown permissions
// refused on their fields with nothing written, built-ins untouchable, deletion refused while held,
// grants limited to what the administrator holds, changes reaching tokens (sessions end, the next
// sign-in carries the new effective permissions), and another dealership's roles out of reach.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { permissionsOf } from '../src/domain/permissions.ts';
import { colleaguesWith } from '../src/domain/colleagues.ts';
import { RoleAdmin } from '../src/domain/role-admin.ts';
import { UserAdmin } from '../src/domain/user-admin.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';
import { revokedSessionsSince } from '../src/routes/revoked-sessions.ts';

const SECRET = 'roles-test-secret-0123456789abcdef012345';
const PASSWORD = 'correct-horse-battery';
let testDb: TestDatabase;
let db: Database;
let auth: AuthService;
let roles: RoleAdmin;
let users: UserAdmin;
let verifyToken: (t: string) => Promise<Principal>;
const dealerA = randomUUID();
const dealerB = randomUUID();
const meta = { ip: '10.9.1.1', userAgent: 'roles-test', requestId: 'req-roles' };
let bossA: Principal;
let bossB: Principal;

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );
async function signIn(username: string) {
  const out = await auth.login(username, PASSWORD, meta);
  if (out.status !== 'SIGNED_IN') throw new Error(out.status);
  return { principal: await verifyToken(out.accessToken), refresh: out.refreshToken };
}
const customRoleCount = (dealershipId: string) =>
  db.withTenant({ dealershipId }, async (em) =>
    Number((await em.execute<Array<{ n: string }>>('select count(*) as n from auth.roles'))[0]!.n),
  );
const byName = async (p: Principal, name: string) =>
  (await roles.list(p)).find((r) => r.name === name);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  const keys = await KeyManager.open(db, SECRET);
  verifyToken = createTokenVerifier(keys.getKey);
  auth = new AuthService(db, keys);
  roles = new RoleAdmin(db);
  users = new UserAdmin(db, auth.lockout, { webUrl: 'https://web.test', onMailQueued: () => {} });
  for (const [dealershipId, username] of [
    [dealerA, 'roles-boss-a'],
    [dealerB, 'roles-boss-b'],
  ] as const)
    await db.withTenant({ dealershipId }, (em) =>
      createUser(em, {
        dealershipId,
        username,
        displayName: username,
        password: PASSWORD,
        roles: ['admin'],
      }),
    );
  bossA = (await signIn('roles-boss-a')).principal;
  bossB = (await signIn('roles-boss-b')).principal;
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('roles', () => {
  it('lists the built-in roles as system roles with their holders', async () => {
    const list = await roles.list(bossA);
    const admin = list.find((r) => r.name === 'admin')!;
    expect(admin).toMatchObject({ system: true, userCount: 1, inherits: [] });
    expect(admin.effectivePermissions).toEqual(permissionsOf(['admin']));
    expect(list.map((r) => r.name)).toEqual(
      expect.arrayContaining(['admin', 'manager', 'finance', 'salesperson']),
    );
  });

  it('inherits transitively: effective = own + every ancestor, shown separately', async () => {
    await roles.create(
      bossA,
      { name: 'lot-porter', description: 'Moves cars', permissions: ['inventory.read'] },
      meta,
    );
    await roles.create(
      bossA,
      { name: 'lot-lead', permissions: ['inventory.write'], inherits: ['lot-porter'] },
      meta,
    );
    const head = await roles.create(
      bossA,
      { name: 'lot-head', permissions: ['ml.read'], inherits: ['lot-lead', 'salesperson'] },
      meta,
    );
    expect(head.permissions).toEqual(['ml.read']);
    expect(head.inherits).toEqual(['lot-lead', 'salesperson']);
    expect(head.effectivePermissions).toEqual(
      [
        ...new Set([
          'ml.read',
          'inventory.write',
          'inventory.read',
          ...permissionsOf(['salesperson']),
        ]),
      ].sort(),
    );
    expect(head.system).toBe(false);
  });

  it('a token carries the effective permissions of a custom role', async () => {
    await users.create(
      bossA,
      { username: 'porter-pat', displayName: 'Pat', roles: ['lot-lead'], password: PASSWORD },
      meta,
    );
    const { principal } = await signIn('porter-pat');
    expect(principal.roles).toEqual(['lot-lead']);
    expect(principal.permissions).toEqual(['inventory.read', 'inventory.write']);
  });

  it('refuses a cycle on input.inherits, unknown permissions and roles, built-in names; writes nothing', async () => {
    const before = await customRoleCount(dealerA);
    const porter = (await byName(bossA, 'lot-porter'))!;
    expect(
      await errorOf(
        roles.update(
          bossA,
          'lot-porter',
          { version: porter.version, inherits: ['lot-head'] },
          meta,
        ),
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.inherits',
      cycle: ['lot-porter', 'lot-head', 'lot-lead', 'lot-porter'],
    });
    expect(
      await errorOf(
        roles.update(
          bossA,
          'lot-porter',
          { version: porter.version, inherits: ['lot-porter'] },
          meta,
        ),
      ),
    ).toMatchObject({ field: 'input.inherits' });
    expect(
      await errorOf(roles.create(bossA, { name: 'x-role', permissions: ['deals.fly'] }, meta)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.permissions',
    });
    // Reserved for internal services: not grantable by any role.
    expect(
      await errorOf(
        roles.create(bossA, { name: 'x-role', permissions: ['inventory.status.write'] }, meta),
      ),
    ).toMatchObject({ field: 'input.permissions' });
    expect(
      await errorOf(
        roles.create(bossA, { name: 'x-role', permissions: [], inherits: ['ghost'] }, meta),
      ),
    ).toMatchObject({ field: 'input.inherits' });
    expect(
      await errorOf(roles.create(bossA, { name: 'manager', permissions: [] }, meta)),
    ).toMatchObject({
      field: 'input.name',
    });
    expect(
      await errorOf(roles.create(bossA, { name: 'Bad Name!', permissions: [] }, meta)),
    ).toMatchObject({
      field: 'input.name',
    });
    expect(
      await errorOf(roles.update(bossA, 'admin', { version: 1, permissions: [] }, meta)),
    ).toMatchObject({
      field: 'name',
    });
    expect(await errorOf(roles.delete(bossA, 'salesperson', meta))).toMatchObject({
      field: 'name',
    });
    expect(await customRoleCount(dealerA)).toBe(before);
    expect((await byName(bossA, 'lot-porter'))!.inherits).toEqual([]);
  });

  it('a stale version is CONFLICT', async () => {
    const lead = (await byName(bossA, 'lot-lead'))!;
    await roles.update(
      bossA,
      'lot-lead',
      { version: lead.version, description: 'Leads the lot' },
      meta,
    );
    expect(
      await errorOf(
        roles.update(bossA, 'lot-lead', { version: lead.version, description: 'Lost' }, meta),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect((await byName(bossA, 'lot-lead'))!.description).toBe('Leads the lot');
  });

  it('a change to an inherited role ends the sessions of holders of roles inheriting it; the next token has the new set', async () => {
    const pat = await signIn('porter-pat'); // holds lot-lead, which inherits lot-porter
    const since = Date.now() - 1000;
    const porter = (await byName(bossA, 'lot-porter'))!;
    const changed = await roles.update(
      bossA,
      'lot-porter',
      { version: porter.version, permissions: ['inventory.read', 'customers.read'] },
      meta,
    );
    expect(changed.effectivePermissions).toEqual(['customers.read', 'inventory.read']);
    const feed = (await revokedSessionsSince(db, since)).sessions.map((s) => s.id);
    expect(feed).toContain(pat.principal.sessionId);
    await expect(auth.refresh(pat.refresh)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await signIn('porter-pat')).principal.permissions).toEqual([
      'customers.read',
      'inventory.read',
      'inventory.write',
    ]);
  });

  it('an administrator cannot grant, directly or by inheritance, a permission they do not hold', async () => {
    const limited: Principal = { ...bossA, permissions: ['admin.users', 'inventory.read'] };
    expect(
      await errorOf(
        roles.create(limited, { name: 'sneaky', permissions: ['customers.pii.read'] }, meta),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', permissions: ['customers.pii.read'] });
    expect(
      await errorOf(
        roles.create(limited, { name: 'sneaky', permissions: [], inherits: ['finance'] }, meta),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await errorOf(
        users.create(
          limited,
          { username: 'sneak-user', displayName: 'S', roles: ['lot-head'], password: PASSWORD },
          meta,
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await roles.create(limited, { name: 'viewer', permissions: ['inventory.read'] }, meta)).name,
    ).toBe('viewer');
  });

  it('deletes a role only when nobody holds it and no role inherits it', async () => {
    expect(await errorOf(roles.delete(bossA, 'lot-lead', meta))).toMatchObject({
      field: 'name',
      userCount: 1,
    });
    expect(await errorOf(roles.delete(bossA, 'lot-porter', meta))).toMatchObject({ field: 'name' });
    expect(await roles.delete(bossA, 'viewer', meta)).toBe(true);
    expect(await byName(bossA, 'viewer')).toBeUndefined();
  });

  it("another dealership's roles are out of reach, and its names are its own", async () => {
    expect((await roles.list(bossB)).some((r) => r.name.startsWith('lot-'))).toBe(false);
    expect(
      await errorOf(roles.update(bossB, 'lot-head', { version: 1, permissions: [] }, meta)),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await errorOf(roles.delete(bossB, 'lot-head', meta))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await errorOf(
        users.create(
          bossB,
          { username: 'b-user', displayName: 'B', roles: ['lot-head'], password: PASSWORD },
          meta,
        ),
      ),
    ).toMatchObject({ field: 'input.roles' });
    // B may have its own role of the same name.
    expect(
      (await roles.create(bossB, { name: 'lot-head', permissions: ['deals.read'] }, meta))
        .effectivePermissions,
    ).toEqual(['deals.read']);
    expect((await byName(bossA, 'lot-head'))!.permissions).toEqual(['ml.read']);
  });
});

describe('colleagues: whom a deal can name', () => {
  it('active holders of a permission through any role (custom and inherited), by name; nobody else', async () => {
    const add = (p: Principal, username: string, displayName: string, r: string[]) =>
      users.create(p, { username, displayName, roles: r, password: PASSWORD }, meta);
    await roles.create(
      bossA,
      { name: 'desk-closer', permissions: ['ml.read'], inherits: ['manager'] },
      meta,
    );
    await add(bossA, 'col-sam', 'Sam Sales', ['salesperson']);
    await add(bossA, 'col-morgan', 'Morgan Lee', ['manager']);
    await add(bossA, 'col-casey', 'Casey Closer', ['desk-closer']);
    const gone = await add(bossA, 'col-gone', 'Gone Salesperson', ['salesperson']);
    await users.deactivate(bossA, gone.id, meta);
    await add(bossB, 'col-other', 'Other Dealer Sales', ['salesperson']);

    const names = async (permission: string) =>
      (await colleaguesWith(db, bossA, permission)).map((u) => u.displayName);
    // Managers: the built-in role and the custom role inheriting it; the admin holds it too.
    expect(await names('deals.approve')).toEqual(
      expect.arrayContaining(['Casey Closer', 'Morgan Lee', 'roles-boss-a']),
    );
    expect(await names('deals.approve')).not.toContain('Sam Sales');
    const sellers = await names('deals.write');
    expect(sellers).toEqual([...sellers].sort((a, b) => a.localeCompare(b)));
    expect(sellers).toEqual(expect.arrayContaining(['Sam Sales', 'Morgan Lee', 'Casey Closer']));
    // Deactivated users and another dealership's users are never offered.
    expect(sellers).not.toContain('Gone Salesperson');
    expect(sellers).not.toContain('Other Dealer Sales');
    expect((await colleaguesWith(db, bossB, 'deals.write')).map((u) => u.displayName)).toEqual(
      expect.arrayContaining(['Other Dealer Sales']),
    );
    expect(
      (await colleaguesWith(db, bossB, 'deals.write')).map((u) => u.displayName),
    ).not.toContain('Sam Sales');
  });

  it('an unknown permission is BAD_USER_INPUT on permission', async () => {
    expect(await errorOf(colleaguesWith(db, bossA, 'deals.everything'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'permission',
    });
  });
});
