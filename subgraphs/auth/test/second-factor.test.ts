// Second factor against real PostgreSQL, with codes computed by Debian's oathtool as an
// authenticator app would: RFC 6238 vectors, enrollment, sign-in in two steps, replay refusal,
// backup codes, lockout on wrong codes, typed errors, sealed storage, and tenant isolation.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { AuthService, type LoginOutcome } from '../src/domain/auth-service.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { secretBox } from '../src/domain/key-crypto.ts';
import { SecondFactorService } from '../src/domain/second-factor-service.ts';
import { createUser } from '../src/domain/users.ts';
import { migrations } from '../src/migrations/index.ts';

const SECRET = 'second-factor-test-secret-0123456789abcdef';
const PASSWORD = 'correct-horse-battery';
let testDb: TestDatabase;
let db: Database;
let auth: AuthService;
let mfa: SecondFactorService;
let verifyToken: (t: string) => Promise<Principal>;
const dealershipId = randomUUID();
const meta = { ip: '10.5.0.1', userAgent: 'mfa-test', requestId: 'req-mfa' };

/** What an authenticator app shows for `secret` at `at` (oathtool, RFC 6238 defaults). */
const oathtool = (secret: string, at = new Date()) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '--now', at.toISOString()], {
    encoding: 'utf8',
  }).trim();

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  const keys = await KeyManager.open(db, SECRET);
  verifyToken = createTokenVerifier(keys.getKey);
  auth = new AuthService(db, keys, {
    lockout: { perAddress: 3, everywhere: 50, windowMs: 60_000 },
  });
  mfa = new SecondFactorService(db, secretBox(SECRET), auth);
  for (const username of ['fin', 'gus'])
    await db.withTenant({ dealershipId }, (em) =>
      createUser(em, {
        dealershipId,
        username,
        displayName: username,
        password: PASSWORD,
        roles: ['finance'],
      }),
    );
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

async function signedIn(username: string): Promise<Principal> {
  const out = await auth.login(username, PASSWORD, meta);
  if (out.status !== 'SIGNED_IN') throw new Error(`expected SIGNED_IN, got ${out.status}`);
  return verifyToken(out.accessToken);
}
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );

describe('TOTP codes', () => {
  it('match the RFC 6238 test vectors and oathtool', async () => {
    const vectors: Array<[number, 'sha1' | 'sha256' | 'sha512', string]> = [
      [59, 'sha1', '94287082'],
      [1111111109, 'sha1', '07081804'],
      [1234567890, 'sha256', '91819424'],
      [2000000000, 'sha512', '38618901'],
      [20000000000, 'sha1', '65353130'],
    ];
    const keyOf = { sha1: 20, sha256: 32, sha512: 64 };
    for (const [epoch, algorithm, expected] of vectors) {
      const ascii = '1234567890'.repeat(7).slice(0, keyOf[algorithm]);
      const ours = await generate({
        secret: new TextEncoder().encode(ascii),
        algorithm,
        digits: 8,
        epoch,
      });
      const theirs = execFileSync(
        'oathtool',
        [
          `--totp=${algorithm}`,
          '--digits=8',
          '--now',
          new Date(epoch * 1000).toISOString(),
          Buffer.from(ascii).toString('hex'),
        ],
        { encoding: 'utf8' },
      ).trim();
      expect([ours, theirs]).toEqual([expected, expected]);
    }
  });
});

describe('second factor', () => {
  let secret: string;
  let backupCodes: string[];
  let confirmedAt: Date;

  it('enrollment gives a secret, an otpauth URI and a QR code, and changes nothing yet', async () => {
    const fin = await signedIn('fin');
    const enrollment = await mfa.enroll(fin);
    secret = enrollment.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Autolytiq:/);
    expect(enrollment.otpauthUri).toContain('issuer=Autolytiq');
    expect(enrollment.otpauthUri).toContain(`secret=${secret}`);
    expect(enrollment.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await auth.login('fin', PASSWORD, meta)).status).toBe('SIGNED_IN');
    expect(await mfa.status(fin)).toEqual({ enabled: false, backupCodesLeft: 0 });
  });

  it('confirmation needs a right code and returns 10 backup codes; the secret is sealed at rest', async () => {
    const fin = await signedIn('fin');
    expect(await errorOf(mfa.confirm(fin, '12345', meta))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'code',
    });
    const wrong = String((Number(oathtool(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    expect(await errorOf(mfa.confirm(fin, wrong, meta))).toMatchObject({ field: 'code' });
    confirmedAt = new Date();
    backupCodes = await mfa.confirm(fin, oathtool(secret, confirmedAt), meta);
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    expect(await mfa.status(fin)).toEqual({ enabled: true, backupCodesLeft: 10 });
    const stored = JSON.stringify(
      await db.withTenant({ dealershipId }, (em) =>
        em.execute(
          'select f.*, b.code_hash from auth.totp_factors f join auth.backup_codes b using (user_id)',
        ),
      ),
    );
    expect(stored).not.toContain(secret);
    for (const code of backupCodes) expect(stored).not.toContain(code.replace('-', ''));
    expect(await errorOf(mfa.enroll(fin))).toMatchObject({ code: 'CONFLICT' });
  });

  it('sign-in asks for the code; the confirming code is not accepted again (replay); a later one is', async () => {
    const first: LoginOutcome = await auth.login('fin', PASSWORD, meta);
    expect(first).toEqual({ status: 'MFA_REQUIRED', mfaToken: expect.any(String) });
    const token = (first as { mfaToken: string }).mfaToken;
    const replay = await errorOf(mfa.verify(token, oathtool(secret, confirmedAt), meta));
    expect(replay).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    // The next step's code (what the app shows 30 s later) is within the ±1 step window.
    const next = oathtool(secret, new Date(confirmedAt.getTime() + 30_000));
    const done = await mfa.verify(token, next, meta);
    expect(done.status).toBe('SIGNED_IN');
    expect((await verifyToken(done.accessToken)).username).toBe('fin');
    // The mfaToken worked once.
    expect(await errorOf(mfa.verify(token, next, meta))).toMatchObject({ field: 'input.mfaToken' });
    // And that step is now used too.
    const again = (await auth.login('fin', PASSWORD, meta)) as { mfaToken: string };
    expect(await errorOf(mfa.verify(again.mfaToken, next, meta))).toMatchObject({
      field: 'input.code',
    });
  });

  it('a backup code works once', async () => {
    const a = (await auth.login('fin', PASSWORD, meta)) as { mfaToken: string };
    expect((await mfa.verify(a.mfaToken, backupCodes[0]!.toUpperCase(), meta)).status).toBe(
      'SIGNED_IN',
    );
    const b = (await auth.login('fin', PASSWORD, meta)) as { mfaToken: string };
    expect(await errorOf(mfa.verify(b.mfaToken, backupCodes[0]!, meta))).toMatchObject({
      field: 'input.code',
    });
    expect(
      (
        await mfa.status(
          await verifyToken((await mfa.verify(b.mfaToken, backupCodes[1]!, meta)).accessToken),
        )
      ).backupCodesLeft,
    ).toBe(8);
  });

  it('bad formats are typed errors naming the field; wrong codes count toward the lockout', async () => {
    const at = { ...meta, ip: '10.5.0.9' };
    const c = (await auth.login('fin', PASSWORD, at)) as { mfaToken: string };
    expect(await errorOf(mfa.verify(c.mfaToken, 'not-a-code!', at))).toMatchObject({
      field: 'input.code',
    });
    expect(await errorOf(mfa.verify('x'.repeat(500), '123456', at))).toMatchObject({
      field: 'input.mfaToken',
    });
    for (let i = 0; i < 3; i++)
      expect(await errorOf(mfa.verify(c.mfaToken, '000000', at))).toMatchObject({
        field: 'input.code',
      });
    expect(await errorOf(mfa.verify(c.mfaToken, oathtool(secret), at))).toMatchObject({
      code: 'RATE_LIMITED',
      limit: 'username-address',
    });
    await auth.lockout.clear('fin');
  });

  it('another dealership sees none of the factor rows and cannot write them', async () => {
    const other = randomUUID();
    for (const table of ['auth.totp_factors', 'auth.backup_codes', 'auth.mfa_challenges']) {
      expect(
        await db.withTenant({ dealershipId: other }, (em) => em.execute(`select * from ${table}`)),
      ).toEqual([]);
    }
    const forged = await db
      .withTenant({ dealershipId: other }, (em) =>
        em.execute(
          `insert into auth.mfa_challenges (token_hash, dealership_id, user_id, expires_at)
           select 'h', dealership_id, id, now() + interval '1 hour' from auth.users`,
        ),
      )
      .then(
        (r) => r,
        (e: unknown) => e,
      );
    // RLS hides the users too: nothing to copy, nothing inserted.
    expect(String(JSON.stringify(forged))).not.toMatch(/token_hash/);
    const direct = await db
      .withTenant({ dealershipId: other }, (em) =>
        em.execute(
          `insert into auth.backup_codes (dealership_id, user_id, code_hash) values (?, ?, 'x')`,
          [dealershipId, randomUUID()],
        ),
      )
      .catch((e: unknown) => e);
    expect(String(direct)).toMatch(/row-level security/);
  });

  it('turning it off needs a code; then sign-in is one step again', async () => {
    const fin = await verifyToken(
      (
        await mfa.verify(
          ((await auth.login('fin', PASSWORD, meta)) as { mfaToken: string }).mfaToken,
          backupCodes[2]!,
          meta,
        )
      ).accessToken,
    );
    expect(await errorOf(mfa.disable(fin, '', meta))).toMatchObject({ field: 'code' });
    expect(await mfa.disable(fin, backupCodes[3]!, meta)).toBe(true);
    expect((await auth.login('fin', PASSWORD, meta)).status).toBe('SIGNED_IN');
  });

  it('a dealership can require it for roles: such a user without one may only enroll', async () => {
    const admin = { ...(await signedIn('fin')), permissions: ['admin.users'] };
    expect(await errorOf(mfa.requireFor(admin, ['finance', 'wizard'], meta))).toMatchObject({
      field: 'roles',
    });
    expect(await mfa.requireFor(admin, ['finance'], meta)).toEqual(['finance']);
    const first = await auth.login('gus', PASSWORD, meta);
    expect(first.status).toBe('MFA_ENROLLMENT_REQUIRED');
    expect('refreshToken' in first).toBe(false);
    const limited = await verifyToken((first as { accessToken: string }).accessToken);
    expect(limited).toMatchObject({
      username: 'gus',
      roles: [],
      permissions: [],
      limitedTo: 'second-factor-enrollment',
    });
    const { secret: gusSecret } = await mfa.enroll(limited);
    await mfa.confirm(limited, oathtool(gusSecret), meta);
    expect((await auth.login('gus', PASSWORD, meta)).status).toBe('MFA_REQUIRED');
    // Another dealership's setting is its own.
    expect(
      await db.withTenant({ dealershipId: randomUUID() }, (em) =>
        em.execute('select * from auth.dealership_settings'),
      ),
    ).toEqual([]);
  });
});
