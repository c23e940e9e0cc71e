// Verification of access tokens issued by the auth subgraph (RS256, see docs/platform-contract.md).
// The JWKS is fetched once and cached; an unknown `kid` triggers a refetch (key rotation), rate-limited
// by jose's cooldown so a flood of forged kids cannot hammer the auth subgraph.
import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import { AppError, unauthenticated } from './errors.ts';
import { isUuid } from './ids.ts';

export const TOKEN_ISSUER = 'autolytiq-auth';
export const TOKEN_AUDIENCE = 'autolytiq';

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  userId: string;
  dealershipId: string;
  sessionId: string;
  username: string;
  roles: string[];
  permissions: string[];
  /**
   * The dealership's IANA time zone (what "today" means on its floor), told by the router
   * (x-dealership-timezone, believed only behind the subgraph secret); absent = UTC.
   */
  timezone?: string;
  /**
   * Set when the caller is an integration client (OAuth client credentials), not a person: the
   * client's id. `userId` then names the client too; the audit trail shows the client as actor.
   */
  clientId?: string;
  /**
   * A sign-in good for one task only (claim `limitedTo`): `second-factor-enrollment` is what a user
   * gets after the password step when the dealership requires a second factor they lack. Such a
   * principal may use only the root fields authz.ts lists for the limit, whatever its directives.
   */
  limitedTo?: SignInLimit;
}

export const SIGN_IN_LIMITS = ['second-factor-enrollment'] as const;
export type SignInLimit = (typeof SIGN_IN_LIMITS)[number];

export type TokenVerifier = (token: string) => Promise<Principal>;

export function remoteJwks(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration: 5_000,
    cacheMaxAge: 10 * 60_000,
  });
}

export function createTokenVerifier(keys: JWTVerifyGetKey): TokenVerifier {
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      return toPrincipal(payload as Record<string, unknown>);
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Access token expired.');
      // The keys could not be fetched: that is our outage, not the caller's bad token.
      if (
        error instanceof joseErrors.JWKSTimeout ||
        error instanceof joseErrors.JWKSInvalid ||
        isNetworkError(error)
      ) {
        throw new AppError('INTERNAL', 'Sign-in cannot be checked right now; try again shortly.');
      }
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) {
        throw unauthenticated('Invalid access token.');
      }
      throw error;
    }
  };
}

// fetch() failures surface as TypeError('fetch failed') with the socket error as its cause.
function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

function toPrincipal(p: Record<string, unknown>): Principal {
  const str = (k: string) => {
    const v = p[k];
    if (typeof v !== 'string' || !v) throw unauthenticated('Invalid access token.');
    return v;
  };
  const list = (k: string) => {
    const v = p[k];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      throw unauthenticated('Invalid access token.');
    }
    return v as string[];
  };
  const principal: Principal = {
    userId: str('sub'),
    dealershipId: str('dealershipId'),
    sessionId: str('sessionId'),
    username: str('username'),
    roles: list('roles'),
    permissions: list('permissions'),
  };
  // A limit this code does not know is refused rather than ignored (ignoring it would widen it).
  if (p.limitedTo !== undefined) {
    if (!SIGN_IN_LIMITS.includes(p.limitedTo as SignInLimit)) {
      throw unauthenticated('Invalid access token.');
    }
    principal.limitedTo = p.limitedTo as SignInLimit;
  }
  if (p.clientId !== undefined) {
    if (typeof p.clientId !== 'string' || !isUuid(p.clientId))
      throw unauthenticated('Invalid access token.');
    principal.clientId = p.clientId;
  }
  return principal;
}

/** The bearer token of an Authorization header, or undefined when absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>".');
  return match[1];
}
