// A password hashed at an older bcrypt cost still signs in, and that sign-in replaces the hash with
// one of today's cost (same password, no version bump); a wrong password changes nothing.
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { AuthService } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { BCRYPT_COST } from '../src/domain/passwords.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';

const PASSWORD = 'correct-horse-battery';
const dealershipId = randomUUID();
let testDb: TestDatabase;
let db: Database;
let auth: AuthService;
let userId: string;
let oldHash: string;

async function stored(): Promise<{ hash: string; version: number }> {
  const rows = await db.withTenant({ dealershipId }, (em) =>
    em.execute<{ password_hash: string; version: number }[]>(
      'select password_hash, version from auth.users where id = ?',
      [userId],
    ),
  );
  return { hash: rows[0]!.password_hash, version: Number(rows[0]!.version) };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  const keys = await KeyManager.open(db, 'password-rehash-test-secret-0123456789abcdef');
  auth = new AuthService(db, keys, { webUrl: 'https://web.test' });
  const user = await db.withTenant({ dealershipId }, (em) =>
    createUser(em, {
      dealershipId,
      username: 'olde',
      displayName: 'Olde Hash',
      email: 'olde@dealer.test',
      password: PASSWORD,
      roles: ['salesperson'],
    }),
  );
  userId = user.id;
  // As stored before the cost changed.
  oldHash = await bcrypt.hash(PASSWORD, BCRYPT_COST + 1);
  await db.withTenant({ dealershipId }, (em) =>
    em.execute('update auth.users set password_hash = ? where id = ?', [oldHash, userId]),
  );
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('sign-in re-hashes an older-cost password hash', () => {
  it('leaves the hash alone after a wrong password', async () => {
    await expect(auth.login('olde', 'wrong-password-here')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await stored()).hash).toBe(oldHash);
  });

  it('signs in with the old hash and stores one of today cost for the same password', async () => {
    const before = await stored();
    const result = await auth.login('olde', PASSWORD);
    expect(result.status).toBe('SIGNED_IN');
    const after = await stored();
    expect(after.hash).not.toBe(oldHash);
    expect(bcrypt.getRounds(after.hash)).toBe(BCRYPT_COST);
    expect(await bcrypt.compare(PASSWORD, after.hash)).toBe(true);
    expect(after.version).toBe(before.version);
    // And the next sign-in works against the new hash, leaving it as it is.
    expect((await auth.login('olde', PASSWORD)).status).toBe('SIGNED_IN');
    expect((await stored()).hash).toBe(after.hash);
  });
});
