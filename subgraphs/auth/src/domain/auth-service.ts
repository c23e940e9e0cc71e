// Sign-in, refresh, sign-out: the rules of the identity core, independent of GraphQL.
import { badInput, tenantOf, unauthenticated, type Database, type Principal } from '@autolytiq/kit';
import type { KeyManager } from './key-manager.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { permissionsForRoles } from './role-admin.ts';
import {
  hashOpaqueToken,
  hashRefreshToken,
  issueAccessToken,
  newOpaqueToken,
  newRefreshToken,
} from './tokens.ts';
import {
  findSessionUser,
  findUsers,
  loginCandidate,
  rehashPassword,
  touchLogin,
  type UserRecord,
} from '../store/users-store.ts';
import { insertSession, revokeSession, rotateRefreshToken } from '../store/sessions-store.ts';
import { createUnlockToken, useUnlockToken } from '../store/login-failures-store.ts';
import { findTotpFactor, insertChallenge } from '../store/second-factor-store.ts';
import { secondFactorRequiredFor } from './sign-in-policy.ts';
import { audit, auditUnknownName, type AuthEventSubject, type RequestMeta } from './audit.ts';
import { DEFAULT_LOCKOUT, Lockout, type LockoutPolicy } from './lockout.ts';
import { queueAuthMail } from './mail-templates.ts';

export const subjectOf = (p: Principal): AuthEventSubject => ({
  dealershipId: p.dealershipId,
  userId: p.userId,
  username: p.username,
});

export interface SignedIn {
  status: 'SIGNED_IN';
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  refreshExpiresAt: Date;
}

// One message for every sign-in failure, so the answer does not tell which part was wrong.
const BAD_CREDENTIALS = 'Wrong username or password.';

export interface AuthServiceOptions {
  lockout?: LockoutPolicy;
  /** The web app's address, for links in mail. */
  webUrl?: string;
  /** Called after a transaction that queued mail committed (wakes the mail relay). */
  onMailQueued?: () => void;
}

const UNLOCK_TOKEN_TTL_MS = 24 * 60 * 60_000;
const MFA_CHALLENGE_TTL_MS = 5 * 60_000;

/** The password was right; the second factor is next (verifyMfa with this token). */
export interface MfaRequired {
  status: 'MFA_REQUIRED';
  mfaToken: string;
}

/** The dealership requires a second factor the user lacks: a token good only for enrolling. */
export interface EnrollmentRequired {
  status: 'MFA_ENROLLMENT_REQUIRED';
  accessToken: string;
  expiresAt: Date;
}

export type LoginOutcome = SignedIn | MfaRequired | EnrollmentRequired;

export class AuthService {
  readonly lockout: Lockout;
  private readonly webUrl: string;
  private readonly onMailQueued: () => void;

  constructor(
    private readonly db: Database,
    private readonly keys: KeyManager,
    options: AuthServiceOptions = {},
  ) {
    this.lockout = new Lockout(db, options.lockout ?? DEFAULT_LOCKOUT);
    this.webUrl = (options.webUrl ?? 'http://localhost:3000').replace(/\/$/, '');
    this.onMailQueued = options.onMailQueued ?? (() => undefined);
  }

  async login(username: string, password: string, meta: RequestMeta = {}): Promise<LoginOutcome> {
    const name = username.trim().toLowerCase();
    if (!name) throw badInput('input.username', 'Enter a username.');
    if (name.length > 64) throw badInput('input.username', 'A username has at most 64 characters.');
    if (!password) throw badInput('input.password', 'Enter a password.');
    if (password.length > 1024) throw badInput('input.password', 'That password is too long.');
    const ip = meta.ip ?? '';
    // Looked up before the lock check so a refusal of a real account can be audited; unknown names
    // take the same path and answer the same.
    const candidate = await this.db.asSystem((em) => loginCandidate(em, name));
    const subject = candidate && {
      dealershipId: candidate.dealershipId,
      userId: candidate.userId,
      username: candidate.username,
    };
    try {
      await this.lockout.assertOpen(name, ip);
    } catch (error) {
      if (subject) {
        await this.db.withTenant(subject, (em) =>
          audit(em, subject, 'sign-in-refused', meta, {
            limit: (error as { extensions?: { limit?: unknown } }).extensions?.limit,
          }),
        );
      } else {
        await this.db.asSystem((em) => auditUnknownName(em, name, 'sign-in-refused', meta));
      }
      throw error;
    }
    const ok = await verifyPassword(password, candidate?.passwordHash);
    if (!candidate || !subject || !ok || !candidate.active) {
      await this.failedStep(name, subject, meta, 'sign-in-failed');
      throw unauthenticated(BAD_CREDENTIALS);
    }
    await this.lockout.clear(name);
    // A hash of an older cost is replaced now, while the password is in hand (once per user).
    const oldHash = candidate.passwordHash;
    const rehashed = oldHash && needsRehash(oldHash) ? await hashPassword(password) : undefined;
    let enrollmentRequired = false;
    const challenge = await this.db.withTenant(subject, async (em) => {
      if (rehashed && oldHash) await rehashPassword(em, candidate.userId, oldHash, rehashed);
      const factor = await findTotpFactor(em, candidate.userId);
      if (!factor?.confirmed) {
        enrollmentRequired = await secondFactorRequiredFor(
          em,
          candidate.dealershipId,
          candidate.roles,
        );
        return undefined;
      }
      // Bound to this user and this password step: short-lived, used once by verifyMfa.
      const token = newOpaqueToken(MFA_CHALLENGE_TTL_MS);
      await insertChallenge(em, { ...subject, hash: token.hash, expiresAt: token.expiresAt });
      return token;
    });
    if (challenge) return { status: 'MFA_REQUIRED', mfaToken: challenge.token };
    if (enrollmentRequired) return this.enrollmentSession(candidate, meta);
    return this.startSession(candidate, meta);
  }

  /**
   * Counts a failed sign-in step (password or second factor) toward the lockout, audits it for a
   * real account, and mails the unlock link when this failure locked the username everywhere.
   */
  async failedStep(
    name: string,
    subject: AuthEventSubject | undefined | null,
    meta: RequestMeta,
    event: 'sign-in-failed' | 'mfa-challenge-failed',
  ): Promise<void> {
    const lockedEverywhere = await this.lockout.recordFailure(name, meta.ip ?? '');
    if (!subject) {
      // Audited too, apart (it belongs to no dealership), in one transaction like the known case.
      if (event === 'sign-in-failed')
        await this.db.asSystem((em) => auditUnknownName(em, name, event, meta));
      return;
    }
    let queued = false;
    await this.db.withTenant(subject, async (em) => {
      await audit(em, subject, event, meta);
      if (!lockedEverywhere) return;
      await audit(em, subject, 'locked-out', meta, { limit: 'username' });
      const [user] = await findUsers(em, [subject.userId!]);
      if (!user?.email) return;
      const unlock = newOpaqueToken(UNLOCK_TOKEN_TTL_MS);
      await createUnlockToken(em, name, unlock.hash, unlock.expiresAt);
      await queueAuthMail(em, {
        dealershipId: subject.dealershipId,
        kind: 'account-unlock',
        to: user.email,
        values: {
          displayName: user.displayName,
          username: user.username,
          minutes: String(Math.round(this.lockout.policy.windowMs / 60_000)),
          link: `${this.webUrl}/unlock?token=${encodeURIComponent(unlock.token)}`,
        },
      });
      queued = true;
    });
    if (queued) this.onMailQueued();
  }

  /** Uses a mailed unlock link: lifts every lock on its username. Single use, 24 hours. */
  async unlockAccount(token: string, meta: RequestMeta = {}): Promise<boolean> {
    if (!token || token.length > 200) throw badInput('token', 'This unlock link is not valid.');
    const username = await this.db.asSystem((em) => useUnlockToken(em, hashOpaqueToken(token)));
    if (!username) throw badInput('token', 'This unlock link is not valid, used or expired.');
    const candidate = await this.db.asSystem((em) => loginCandidate(em, username));
    if (candidate) {
      const subject = {
        dealershipId: candidate.dealershipId,
        userId: candidate.userId,
        username: candidate.username,
      };
      await this.db.withTenant(subject, (em) =>
        audit(em, subject, 'unlocked', meta, { by: 'unlock link' }),
      );
    }
    return true;
  }

  /**
   * The dealership requires a second factor for one of the user's roles and the user has none: a
   * 15-minute session whose token carries no role, no permission and `limitedTo:
   * second-factor-enrollment` (the kit lets it reach only the user's own account fields: enrollTotp,
   * confirmTotp, me, sessions, logout — not the team, deals or presence) and no refresh token. After confirming, the user signs in again.
   */
  private async enrollmentSession(
    user: { userId: string; dealershipId: string; username: string },
    meta: RequestMeta,
  ): Promise<EnrollmentRequired> {
    const tenant = { dealershipId: user.dealershipId, userId: user.userId };
    const unusable = newOpaqueToken(MFA_CHALLENGE_TTL_MS * 3); // never handed out
    const sessionId = await this.db.withTenant(tenant, async (em) => {
      const id = await insertSession(em, {
        ...tenant,
        refreshTokenHash: unusable.hash,
        expiresAt: unusable.expiresAt,
        userAgent: meta.userAgent,
        ipAddress: meta.ip,
      });
      await audit(em, { ...tenant, username: user.username }, 'sign-in', meta, {
        sessionId: id,
        limitedTo: 'second-factor enrollment',
      });
      return id;
    });
    const access = await issueAccessToken(await this.keys.signingKey(), {
      userId: user.userId,
      dealershipId: user.dealershipId,
      sessionId,
      username: user.username,
      roles: [],
      permissions: [],
      limitedTo: 'second-factor-enrollment',
    });
    return {
      status: 'MFA_ENROLLMENT_REQUIRED',
      accessToken: access.token,
      expiresAt: access.expiresAt,
    };
  }

  /** A new session for a user who passed every sign-in step; client info recorded, event audited. */
  async startSession(
    user: { userId: string; dealershipId: string; username: string; roles: string[] },
    meta: RequestMeta,
  ): Promise<SignedIn> {
    const refresh = newRefreshToken();
    const tenant = { dealershipId: user.dealershipId, userId: user.userId };
    const sessionId = await this.db.withTenant(tenant, async (em) => {
      await touchLogin(em, user.userId);
      const id = await insertSession(em, {
        ...tenant,
        refreshTokenHash: refresh.hash,
        expiresAt: refresh.expiresAt,
        userAgent: meta.userAgent,
        ipAddress: meta.ip,
      });
      await audit(em, { ...tenant, username: user.username }, 'sign-in', meta, { sessionId: id });
      return id;
    });
    return this.signedIn(
      {
        id: user.userId,
        dealershipId: user.dealershipId,
        username: user.username,
        roles: user.roles,
      },
      sessionId,
      refresh,
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

  async logout(principal: Principal, meta: RequestMeta = {}): Promise<boolean> {
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const ended = await revokeSession(em, principal.sessionId, 'logout');
      if (ended) await audit(em, subjectOf(principal), 'sign-out', meta);
      return ended;
    });
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
      // Custom roles resolve against the dealership's catalog at every sign-in and refresh.
      permissions: await permissionsForRoles(this.db, user.dealershipId, user.roles),
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
