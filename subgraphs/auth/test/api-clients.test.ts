// Integration clients against real PostgreSQL: the secret is shown once and stored as a hash only;
// permissions are limited to the creator's (nothing written otherwise); the client credentials grant
// gives a token whose dealership and permissions are the stored client's; wrong secrets, revoked
// clients and rotated-out secrets are refused alike, and their tokens join the revocation feed;
// create, rotation, revocation and every token are in the audit trail with the right actor; another
// dealership's administrator sees and touches none of it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenVerifier,
  openDatabase,
  runInRequestScope,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { ApiClients, CLIENT_TOKEN_TTL_SECONDS } from '../src/domain/api-clients.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';
import { revokedSessionsSince } from '../src/routes/revoked-sessions.ts';

const PASSWORD = 'correct-horse-battery';
const meta = { ip: '10.9.2.1', userAgent: 'clients-test', requestId: 'req-clients' };
let testDb: TestDatabase;
let db: Database;
let clients: ApiClients;
let auth: AuthService;
let verifyToken: (t: string) => Promise<Principal>;
const dealerA = randomUUID();
const dealerB = randomUUID();
let bossA: Principal;
let bossB: Principal;
let managerA: Principal;

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );
async function signIn(username: string) {
  const out = await auth.login(username, PASSWORD, meta);
  if (out.status !== 'SIGNED_IN') throw new Error(out.status);
  return verifyToken(out.accessToken);
}
const clientRows = (dealershipId: string) =>
  db.withTenant({ dealershipId }, (em) =>
    em.execute<Array<{ id: string; name: string }>>('select id, name from auth.api_clients'),
  );
const auditOf = (dealershipId: string, entityId: string) =>
  db.withTenant({ dealershipId }, (em) =>
    em.execute<
      Array<{
        action: string;
        client_id: string | null;
        actor_user_id: string | null;
        actor_username: string | null;
        changes: unknown;
      }>
    >(
      `select action, client_id, actor_user_id, actor_username, changes from audit.entries
        where entity_type = 'ApiClient' and entity_id = ? order by at, id`,
      [entityId],
    ),
  );

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  const keys = await KeyManager.open(db, 'clients-test-secret-0123456789abcdef0123');
  verifyToken = createTokenVerifier(keys.getKey);
  auth = new AuthService(db, keys);
  clients = new ApiClients(db, keys);
  for (const [dealershipId, username, roles] of [
    [dealerA, 'clients-boss-a', ['admin']],
    [dealerA, 'clients-manager-a', ['manager']],
    [dealerB, 'clients-boss-b', ['admin']],
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
  bossA = await signIn('clients-boss-a');
  bossB = await signIn('clients-boss-b');
  managerA = await signIn('clients-manager-a');
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('integration clients', () => {
  it('creates a client whose secret is shown once and stored only as a hash', async () => {
    const made = await clients.create(bossA, {
      name: 'DMS sync',
      permissions: ['inventory.read', 'deals.read'],
    });
    expect(made.clientId).toBe(made.client.id);
    expect(made.clientSecret).toMatch(/^acs_[A-Za-z0-9_-]{43}$/);
    expect(made.client).toMatchObject({
      name: 'DMS sync',
      permissions: ['deals.read', 'inventory.read'],
      createdByUsername: 'clients-boss-a',
      lastUsedAt: null,
      revokedAt: null,
    });
    const stored = await db.withTenant({ dealershipId: dealerA }, (em) =>
      em.execute<Array<{ secret_hash: string }>>(
        'select secret_hash from auth.api_client_secrets where client_id = ?',
        [made.clientId],
      ),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.secret_hash).not.toContain(made.clientSecret.slice(4));
    expect(stored[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await clients.list(bossA, false);
    expect(listed.map((c) => c.id)).toContain(made.clientId);
    expect(JSON.stringify(listed)).not.toContain(made.clientSecret);
    const [created] = await auditOf(dealerA, made.clientId);
    expect(created).toMatchObject({ action: 'create', actor_user_id: bossA.userId });
    expect(JSON.stringify(created!.changes)).not.toContain(made.clientSecret);
  });

  it('refuses permissions the creator lacks, unknown ones and admin.clients; writes nothing', async () => {
    const before = (await clientRows(dealerA)).length;
    // A manager holds no admin.users: giving it is FORBIDDEN on input.permissions.
    expect(
      await errorOf(
        clients.create(managerA, { name: 'Too wide', permissions: ['deals.read', 'admin.users'] }),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.permissions',
      permissions: ['admin.users'],
    });
    expect(
      await errorOf(clients.create(bossA, { name: 'Odd', permissions: ['deals.fly'] })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.permissions' });
    expect(
      await errorOf(clients.create(bossA, { name: 'Minter', permissions: ['admin.clients'] })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.permissions' });
    expect(
      await errorOf(clients.create(bossA, { name: 'x', permissions: ['deals.read'] })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(
      await errorOf(
        clients.create(bossA, { name: 'Service-only', permissions: ['inventory.status.write'] }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.permissions' });
    expect((await clientRows(dealerA)).length).toBe(before);
  });

  it('issues a token with the stored dealership and permissions; audited with the client as actor', async () => {
    const made = await clients.create(bossA, { name: 'CRM feed', permissions: ['customers.read'] });
    const out = await runInRequestScope(
      { requestId: 'req-token-1', address: '203.0.113.9', userAgent: 'crm/1.0' },
      () => clients.issueToken(made.clientId, made.clientSecret),
    );
    if (!out.ok) throw new Error(out.description);
    expect(out.expiresIn).toBe(CLIENT_TOKEN_TTL_SECONDS);
    expect(out.scope).toBe('customers.read');
    const p = await verifyToken(out.accessToken);
    expect(p).toMatchObject({
      userId: `client:${made.clientId}`,
      clientId: made.clientId,
      dealershipId: dealerA,
      username: 'CRM feed',
      roles: ['integration'],
      permissions: ['customers.read'],
    });
    const entries = await auditOf(dealerA, made.clientId);
    expect(entries.map((e) => e.action)).toEqual(['create', 'token']);
    expect(entries[1]).toMatchObject({
      client_id: made.clientId,
      actor_user_id: null,
      actor_username: 'CRM feed',
    });
    const [used] = await clients.list(bossA, false);
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a wrong secret, an unknown or malformed id the same way', async () => {
    const made = await clients.create(bossA, {
      name: 'Lead inbox',
      permissions: ['customers.read'],
    });
    for (const [id, secret] of [
      [made.clientId, `${made.clientSecret}x`],
      [randomUUID(), made.clientSecret],
      ['not-a-uuid', made.clientSecret],
    ])
      expect(await clients.issueToken(id!, secret!)).toEqual({
        ok: false,
        status: 401,
        error: 'invalid_client',
        description: 'Client authentication failed.',
      });
  });

  it('rotation ends the old secret and its tokens; revocation ends the client', async () => {
    const made = await clients.create(bossA, { name: 'Rotating', permissions: ['inventory.read'] });
    const first = await clients.issueToken(made.clientId, made.clientSecret);
    if (!first.ok) throw new Error('no token');
    const oldSession = (await verifyToken(first.accessToken)).sessionId;
    const since = Date.now() - 1000;
    const rotated = await clients.rotateSecret(bossA, made.clientId);
    expect(rotated.clientSecret).not.toBe(made.clientSecret);
    expect((await clients.issueToken(made.clientId, made.clientSecret)).ok).toBe(false);
    const second = await clients.issueToken(made.clientId, rotated.clientSecret);
    if (!second.ok) throw new Error('no token after rotation');
    const feed = await revokedSessionsSince(db, since);
    expect(feed.sessions.map((s) => s.id)).toContain(oldSession);
    const newSession = (await verifyToken(second.accessToken)).sessionId;
    expect(feed.sessions.map((s) => s.id)).not.toContain(newSession);

    expect(await clients.revoke(bossA, made.clientId)).toBe(true);
    expect((await clients.issueToken(made.clientId, rotated.clientSecret)).ok).toBe(false);
    expect((await revokedSessionsSince(db, since)).sessions.map((s) => s.id)).toContain(newSession);
    expect((await clients.list(bossA, false)).map((c) => c.id)).not.toContain(made.clientId);
    const all = await clients.list(bossA, true);
    expect(all.find((c) => c.id === made.clientId)?.revokedAt).toBeInstanceOf(Date);
    expect(await errorOf(clients.revoke(bossA, made.clientId))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect((await auditOf(dealerA, made.clientId)).map((e) => e.action)).toEqual([
      'create',
      'token',
      'rotate-secret',
      'token',
      'revoke',
    ]);
  });

  it("another dealership's administrator neither sees nor changes a client", async () => {
    const made = await clients.create(bossA, { name: 'Not yours', permissions: ['deals.read'] });
    expect((await clients.list(bossB, true)).map((c) => c.id)).not.toContain(made.clientId);
    expect(await errorOf(clients.revoke(bossB, made.clientId))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await errorOf(clients.rotateSecret(bossB, made.clientId))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await clientRows(dealerB)).toEqual([]);
    // Still working for its own dealership.
    expect((await clients.issueToken(made.clientId, made.clientSecret)).ok).toBe(true);
  });

  it('a client token cannot manage clients', async () => {
    const made = await clients.create(bossA, { name: 'Curious', permissions: ['deals.read'] });
    const out = await clients.issueToken(made.clientId, made.clientSecret);
    if (!out.ok) throw new Error('no token');
    const asClient = { ...(await verifyToken(out.accessToken)), permissions: ['admin.clients'] };
    expect(
      await errorOf(clients.create(asClient, { name: 'Spawn', permissions: ['deals.read'] })),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });
});
