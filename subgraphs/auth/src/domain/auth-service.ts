// Sign-in, refresh, sign-out: the rules of the identity core, independent of GraphQL.
import {
  badInput,
  rateLimited,
  tenantOf,
  unauthenticated,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import type { KeyManager } from './key-manager.ts';
import { verifyPassword } from './passwords.ts';
import { permissionsOf } from './permissions.ts';
import { hashRefreshToken, issueAccessToken, newRefreshToken } from './tokens.ts';
import {
  findSessionUser,
  findUsers,
  loginCandidate,
  touchLogin,
  type UserRecord,
} from '../store/users-store.ts';
import { insertSession, revokeSession, rotateRefreshToken } from '../store/sessions-store.ts';
import {
  clearLoginFailures,
  loginFailuresSince,
  recordLoginFailure,
} from '../store/login-failures-store.ts';

export interface SignedIn {
  status: 'SIGNED_IN';
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  refreshExpiresAt: Date;
}

export interface ClientInfo {
  userAgent?: string;
  ipAddress?: string;
}

// One message for every sign-in failure, so the answer does not tell which part was wrong.
const BAD_CREDENTIALS = 'Wrong username or password.';

/** Failed sign-ins allowed per username in a sliding window before further attempts are refused. */
export interface LoginThrottle {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottle = { maxFailures: 10, windowMs: 15 * 60_000 };

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly keys: KeyManager,
    private readonly throttle: LoginThrottle = DEFAULT_LOGIN_THROTTLE,
  ) {}

  async login(username: string, password: string, client: ClientInfo = {}): Promise<SignedIn> {
    const name = username.trim().toLowerCase();
    if (!name) throw badInput('input.username', 'Enter a username.');
    if (!password) throw badInput('input.password', 'Enter a password.');
    const failures = await this.assertNotThrottled(name);
    const candidate = await this.db.asSystem((em) => loginCandidate(em, name));
    const ok = await verifyPassword(password, candidate?.passwordHash);
    if (!candidate || !ok || !candidate.active) {
      await this.db.asSystem((em) => recordLoginFailure(em, name));
      throw unauthenticated(BAD_CREDENTIALS);
    }
    if (failures > 0) await this.db.asSystem((em) => clearLoginFailures(em, name));
    const refresh = newRefreshToken();
    const tenant = { dealershipId: candidate.dealershipId, userId: candidate.userId };
    const sessionId = await this.db.withTenant(tenant, async (em) => {
      await touchLogin(em, candidate.userId);
      return insertSession(em, {
        ...tenant,
        refreshTokenHash: refresh.hash,
        expiresAt: refresh.expiresAt,
        ...client,
      });
    });
    return this.signedIn(
      {
        id: candidate.userId,
        dealershipId: candidate.dealershipId,
        username: candidate.username,
        roles: candidate.roles,
      },
      sessionId,
      refresh,
    );
  }

  /**
   * Refuses a username that has failed too often lately (checked before any password work, and the
   * same for names that do not exist). Returns the failures counted, so a success can clear them.
   */
  private async assertNotThrottled(name: string): Promise<number> {
    const { maxFailures, windowMs } = this.throttle;
    const now = Date.now();
    const recent = await this.db.asSystem((em) =>
      loginFailuresSince(em, name, new Date(now - windowMs)),
    );
    if (recent.failures < maxFailures) return recent.failures;
    const until = (recent.oldest?.getTime() ?? now) + windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1000));
    throw rateLimited(
      `Too many failed sign-ins for this username. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s), or ask an administrator to reset the password.`,
      { limit: 'username', retryAfterSeconds },
    );
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    if (!refreshToken) throw badInput('refreshToken', 'Give the refresh token.');
    const next = newRefreshToken();
    const rotation = await this.db.asSystem((em) =>
      rotateRefreshToken(em, hashRefreshToken(refreshToken), next.hash, next.expiresAt),
    );
    if (rotation.outcome === 'reused') {
      throw unauthenticated(
        'This refresh token was already used; the session has been ended. Sign in again.',
      );
    }
    if (rotation.outcome !== 'rotated')
      throw unauthenticated('Session expired or ended. Sign in again.');
    const tenant = { dealershipId: rotation.dealershipId!, userId: rotation.userId! };
    const [user] = await this.db.withTenant(tenant, (em) => findUsers(em, [tenant.userId]));
    if (!user?.active) {
      await this.db.withTenant(tenant, (em) =>
        revokeSession(em, rotation.sessionId!, 'user deactivated'),
      );
      throw unauthenticated('Session ended. Sign in again.');
    }
    return this.signedIn(user, rotation.sessionId!, next);
  }

  async logout(principal: Principal): Promise<boolean> {
    return this.db.withTenant(tenantOf(principal), (em) =>
      revokeSession(em, principal.sessionId, 'logout'),
    );
  }

  /** The signed-in user, refusing a token whose session was ended (logout, reuse, deactivation). */
  async me(principal: Principal): Promise<UserRecord> {
    const user = await this.db.withTenant(tenantOf(principal), (em) =>
      findSessionUser(em, principal.sessionId, principal.userId),
    );
    if (!user) throw unauthenticated('Session ended. Sign in again.');
    return user;
  }

  private async signedIn(
    user: Pick<UserRecord, 'id' | 'dealershipId' | 'username' | 'roles'>,
    sessionId: string,
    refresh: { token: string; expiresAt: Date },
  ): Promise<SignedIn> {
    const access = await issueAccessToken(await this.keys.signingKey(), {
      userId: user.id,
      dealershipId: user.dealershipId,
      sessionId,
      username: user.username,
      roles: user.roles,
      permissions: permissionsOf(user.roles),
    });
    return {
      status: 'SIGNED_IN',
      accessToken: access.token,
      refreshToken: refresh.token,
      expiresAt: access.expiresAt,
      refreshExpiresAt: refresh.expiresAt,
    };
  }
}
