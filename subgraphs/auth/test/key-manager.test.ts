// Signing keys against real PostgreSQL: first start creates exactly one key even when replicas race,
// a wrong AUTH_KEY_SECRET stops the start, and rotation keeps old tokens verifiable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtVerify } from 'jose';
import { openDatabase, type Database } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { issueAccessToken } from '../src/domain/tokens.ts';
import { migrations } from '../src/migrations/index.ts';

const SECRET = 'key-manager-test-secret-0123456789abcdef';
let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const claims = {
  userId: 'u',
  dealershipId: 'd',
  sessionId: 's',
  username: 'x',
  roles: [],
  permissions: [],
};

describe('KeyManager', () => {
  it('two replicas starting at once end up with one shared active key', async () => {
    const other = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
    try {
      const [a, b] = await Promise.all([
        KeyManager.open(db, SECRET),
        KeyManager.open(other, SECRET),
      ]);
      expect((await a.signingKey()).kid).toBe((await b.signingKey()).kid);
      expect(a.jwks().keys).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('refuses to start with a different secret', async () => {
    await expect(KeyManager.open(db, 'another-secret-of-enough-length-000000')).rejects.toThrow(
      /AUTH_KEY_SECRET/,
    );
  });

  it('after rotation, tokens of the old key still verify and new tokens use the new key', async () => {
    const manager = await KeyManager.open(db, SECRET);
    const before = await issueAccessToken(await manager.signingKey(), claims);
    const oldKid = (await manager.signingKey()).kid;
    const newKid = await manager.rotate();
    expect(newKid).not.toBe(oldKid);
    expect((await manager.signingKey()).kid).toBe(newKid);
    expect(
      manager
        .jwks()
        .keys.map((k) => k.kid)
        .sort(),
    ).toEqual([oldKid, newKid].sort());
    await expect(jwtVerify(before.token, manager.getKey)).resolves.toBeTruthy();
  });

  it('a replica that has not seen a rotated key reloads it when a token names it', async () => {
    const stale = await KeyManager.open(db, SECRET);
    const rotator = await KeyManager.open(db, SECRET);
    await rotator.rotate();
    const token = await issueAccessToken(await rotator.signingKey(), claims);
    await expect(jwtVerify(token.token, stale.getKey)).resolves.toBeTruthy();
  });
});
