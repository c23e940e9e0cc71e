import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@autolytiq/kit';
import { decryptPrivateKey, encryptPrivateKey } from '../src/domain/key-crypto.ts';
import { KeyRing, generateStoredKey } from '../src/domain/key-ring.ts';
import {
  BUILT_IN_ROLES,
  PERMISSIONS,
  SERVICE_ONLY,
  permissionsOf,
} from '../src/domain/permissions.ts';
import { hashRefreshToken, issueAccessToken, newRefreshToken } from '../src/domain/tokens.ts';
import { passwordProblem } from '../src/domain/passwords.ts';
import { PERMISSIONS_DOC, permissionsDoc } from '@autolytiq/tools/permissions-doc.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-chars!';

describe('signing key encryption', () => {
  it('round-trips and refuses a different secret', () => {
    const stored = encryptPrivateKey('-----BEGIN PRIVATE KEY-----\nabc', SECRET);
    expect(stored).not.toContain('abc');
    expect(decryptPrivateKey(stored, SECRET)).toBe('-----BEGIN PRIVATE KEY-----\nabc');
    expect(() => decryptPrivateKey(stored, SECRET + 'x')).toThrow(/AUTH_KEY_SECRET/);
  });

  it('detects a tampered ciphertext', () => {
    const parts = encryptPrivateKey('secret pem', SECRET).split('.');
    parts[4] = Buffer.from('other pem!').toString('base64url');
    expect(() => decryptPrivateKey(parts.join('.'), SECRET)).toThrow();
  });
});

describe('key ring rotation', () => {
  it('signs with the newest key and keeps publishing a retired key for the grace period', async () => {
    const old = await generateStoredKey(SECRET, new Date('2026-01-01T00:00:00Z'));
    const next = await generateStoredKey(SECRET, new Date('2026-02-01T00:00:00Z'));
    old.retiredAt = new Date('2026-02-01T00:00:00Z');
    const ring = new KeyRing([old, next], SECRET, 16 * 60_000);
    expect((await ring.signingKey()).kid).toBe(next.kid);
    expect(
      ring
        .publishedKeys(new Date('2026-02-01T00:10:00Z'))
        .map((k) => k.kid)
        .sort(),
    ).toEqual([old.kid, next.kid].sort());
    expect(ring.publishedKeys(new Date('2026-02-01T00:20:00Z')).map((k) => k.kid)).toEqual([
      next.kid,
    ]);
  });

  it('issues a 15-minute RS256 token that verifies against the published JWKS with all claims', async () => {
    const key = await generateStoredKey(SECRET);
    const ring = new KeyRing([key], SECRET, 0);
    const now = new Date();
    const { token, expiresAt } = await issueAccessToken(
      await ring.signingKey(),
      {
        userId: 'u1',
        dealershipId: 'd1',
        sessionId: 's1',
        username: 'sales',
        roles: ['salesperson'],
        permissions: ['deals.read'],
      },
      now,
    );
    expect(expiresAt.getTime() - Math.floor(now.getTime() / 1000) * 1000).toBe(15 * 60 * 1000);
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: ring.publishedKeys() }),
      {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      },
    );
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: key.kid });
    expect(payload).toMatchObject({
      sub: 'u1',
      dealershipId: 'd1',
      sessionId: 's1',
      roles: ['salesperson'],
      permissions: ['deals.read'],
    });
  });
});

describe('refresh tokens', () => {
  it('are random, 7 days long, and stored only as a hash', () => {
    const a = newRefreshToken(new Date('2026-01-01T00:00:00Z'));
    const b = newRefreshToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashRefreshToken(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(a.expiresAt.toISOString()).toBe('2026-01-08T00:00:00.000Z');
  });
});

describe('roles and permissions', () => {
  it('every role grants only permissions of the catalog', () => {
    for (const role of BUILT_IN_ROLES)
      for (const p of role.permissions) expect(PERMISSIONS).toHaveProperty(p);
  });

  it('a salesperson cannot approve deals or see gross; a manager can', () => {
    expect(permissionsOf(['salesperson'])).not.toContain('deals.approve');
    expect(permissionsOf(['salesperson'])).not.toContain('deals.gross.read');
    expect(permissionsOf(['manager'])).toEqual(
      expect.arrayContaining(['deals.approve', 'deals.gross.read']),
    );
    // An admin holds every permission a person can hold; service-only ones no role has.
    expect(permissionsOf(['admin'])).toHaveLength(
      Object.keys(PERMISSIONS).length - SERVICE_ONLY.length,
    );
    for (const role of BUILT_IN_ROLES)
      for (const p of SERVICE_ONLY) expect(role.permissions).not.toContain(p);
  });

  it('docs/permissions.md is up to date', () => {
    expect(readFileSync(PERMISSIONS_DOC, 'utf8')).toBe(permissionsDoc());
  });
});

describe('password rules', () => {
  it('refuses short passwords and ones bcrypt would truncate', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(73))).toMatch(/at most 72/);
    expect(passwordProblem('long enough password')).toBeUndefined();
  });
});
