// Issuing access and refresh tokens. Access: RS256 JWT, 15 minutes, claims per
// docs/platform-contract.md. Refresh: 32 random bytes, given to the client once and stored only as
// a SHA-256 hash (a fast hash is right here: the token has 256 bits of entropy, nothing to guess).
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type SignInLimit } from '@autolytiq/kit';
import type { SigningKey } from './key-ring.ts';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface AccessClaims {
  userId: string;
  dealershipId: string;
  sessionId: string;
  username: string;
  roles: string[];
  permissions: string[];
  /** A sign-in good for one task only (kit SignInLimit), e.g. second-factor enrollment. */
  limitedTo?: SignInLimit;
  /** An integration client's token (OAuth client credentials): the client's id. */
  clientId?: string;
}

export async function issueAccessToken(
  key: SigningKey,
  claims: AccessClaims,
  now = new Date(),
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({
    dealershipId: claims.dealershipId,
    sessionId: claims.sessionId,
    username: claims.username,
    roles: claims.roles,
    permissions: claims.permissions,
    ...(claims.limitedTo ? { limitedTo: claims.limitedTo } : {}),
    ...(claims.clientId ? { clientId: claims.clientId } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(exp * 1000) };
}

export function newRefreshToken(now = new Date()): {
  token: string;
  hash: string;
  expiresAt: Date;
} {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    hash: hashRefreshToken(token),
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000),
  };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A single-use secret for a link (unlock, reset, verification): the token, and what is stored. */
export function newOpaqueToken(ttlMs: number, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token), expiresAt: new Date(now.getTime() + ttlMs) };
}

/** SHA-256 of an opaque token (refresh, unlock, reset, verification): what the database keeps. */
export const hashOpaqueToken = hashRefreshToken;
