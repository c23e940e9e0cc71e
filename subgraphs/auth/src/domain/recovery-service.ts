// Forgotten passwords, password changes and email verification.
// - requestPasswordReset answers the same, after the same minimum time, whether or not the account
//   exists, and mails only verified addresses. A reset token: random, stored hashed, single use,
//   30 minutes, retired by a newer request and by a successful reset.
// - A reset or a change ends sessions (a change keeps the one making it), lifts every lock, and
//   mails a "your password was changed" notice.
import { dealershipPasswordProblem } from './sign-in-policy.ts';
import {
  badInput,
  tenantOf,
  unauthenticated,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import {
  consumeEmailVerification,
  consumePasswordReset,
  emailVerificationOwner,
  insertEmailVerification,
  insertPasswordReset,
  passwordHashOf,
  passwordResetOwner,
  resetCandidates,
  setEmail,
} from '../store/recovery-store.ts';
import { revokeUserSessions } from '../store/sessions-store.ts';
import { findUsers, setPassword, type UserRecord } from '../store/users-store.ts';
import { audit, type RequestMeta } from './audit.ts';
import type { AuthService } from './auth-service.ts';
import { queueAuthMail } from './mail-templates.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { hashOpaqueToken, newOpaqueToken } from './tokens.ts';

const RESET_TTL_MS = 30 * 60_000;
const VERIFY_TTL_MS = 48 * 60 * 60_000;
/** requestPasswordReset never answers sooner than this, so its timing does not tell. */
export const RESET_ANSWER_FLOOR_MS = 250;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;
const BAD_RESET_LINK = 'This reset link is not valid, was used, or expired. Ask for a new one.';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const subjectOfUser = (u: UserRecord) => ({
  dealershipId: u.dealershipId,
  userId: u.id,
  username: u.username,
});

export class RecoveryService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly webUrl: string,
    private readonly onMailQueued: () => void = () => undefined,
  ) {}

  async requestPasswordReset(login: string, meta: RequestMeta): Promise<boolean> {
    const started = performance.now();
    const value = (login ?? '').trim();
    if (!value) throw badInput('input.login', 'Enter your username or email address.');
    if (value.length > 320)
      throw badInput('input.login', 'That is too long for a username or email.');
    const owners = await this.db.asSystem((em) => resetCandidates(em, value));
    for (const owner of owners) {
      await this.db.withTenant(owner, async (em) => {
        const [user] = await findUsers(em, [owner.userId]);
        if (!user?.email) return;
        const token = newOpaqueToken(RESET_TTL_MS);
        await insertPasswordReset(em, { ...owner, hash: token.hash, expiresAt: token.expiresAt });
        await this.mail(em, user, 'password-reset', {
          minutes: String(RESET_TTL_MS / 60_000),
          link: `${this.webUrl}/reset-password?token=${encodeURIComponent(token.token)}`,
        });
        await audit(em, subjectOfUser(user), 'password-reset-requested', meta);
      });
    }
    if (owners.length) this.onMailQueued();
    await sleep(Math.max(0, RESET_ANSWER_FLOOR_MS - (performance.now() - started)));
    return true;
  }

  async resetPassword(token: string, newPassword: string, meta: RequestMeta): Promise<boolean> {
    if (!token || token.length > 200) throw badInput('input.token', BAD_RESET_LINK);
    const hash = hashOpaqueToken(token);
    const owner = await this.db.asSystem((em) => passwordResetOwner(em, hash));
    if (!owner) throw badInput('input.token', BAD_RESET_LINK);
    const user = await this.db.withTenant(owner, async (em) => {
      const [found] = await findUsers(em, [owner.userId]);
      if (!found?.active) throw badInput('input.token', BAD_RESET_LINK);
      const problem = passwordProblem(newPassword ?? '', { username: found.username });
      if (problem) throw badInput('input.newPassword', `Password ${problem}.`);
      const short = await dealershipPasswordProblem(em, found.dealershipId, newPassword);
      if (short) throw badInput('input.newPassword', short);
      if (!(await consumePasswordReset(em, hash))) throw badInput('input.token', BAD_RESET_LINK);
      await setPassword(em, found.id, await hashPassword(newPassword));
      const ended = await revokeUserSessions(em, found.id, 'password reset');
      await audit(em, subjectOfUser(found), 'password-reset', meta, {
        sessionsEnded: ended.length,
      });
      await this.mail(em, found, 'password-changed', {});
      return found;
    });
    await this.auth.lockout.clear(user.username);
    this.onMailQueued();
    return true;
  }

  async changePassword(
    principal: Principal,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<boolean> {
    if (!input.currentPassword)
      throw badInput('input.currentPassword', 'Enter your current password.');
    const problem = passwordProblem(input.newPassword ?? '', { username: principal.username });
    if (problem) throw badInput('input.newPassword', `Password ${problem}.`);
    if (input.newPassword === input.currentPassword)
      throw badInput('input.newPassword', 'Choose a password different from the current one.');
    await this.auth.lockout.assertOpen(principal.username, meta.ip ?? '');
    const tenant = tenantOf(principal);
    const short = await this.db.withTenant(tenant, (em) =>
      dealershipPasswordProblem(em, principal.dealershipId, input.newPassword),
    );
    if (short) throw badInput('input.newPassword', short);
    const current = await this.db.withTenant(tenant, (em) => passwordHashOf(em, principal.userId));
    if (!current) throw unauthenticated('Session ended. Sign in again.');
    if (!(await verifyPassword(input.currentPassword, current))) {
      await this.auth.failedStep(
        principal.username,
        { ...tenant, username: principal.username },
        meta,
        'sign-in-failed',
      );
      throw badInput('input.currentPassword', 'That is not your current password.');
    }
    const newHash = await hashPassword(input.newPassword);
    await this.db.withTenant(tenant, async (em) => {
      const [user] = await findUsers(em, [principal.userId]);
      if (!user) throw unauthenticated('Session ended. Sign in again.');
      await setPassword(em, user.id, newHash);
      const ended = await revokeUserSessions(em, user.id, 'password changed', principal.sessionId);
      await audit(em, subjectOfUser(user), 'password-changed', meta, {
        sessionsEnded: ended.length,
      });
      await this.mail(em, user, 'password-changed', {});
    });
    this.onMailQueued();
    return true;
  }

  /** Changes the caller's address; it is unverified (no resets go there) until the link is used. */
  async updateMyEmail(principal: Principal, email: string, meta: RequestMeta): Promise<UserRecord> {
    const value = (email ?? '').trim();
    if (value.length > 320 || !EMAIL.test(value))
      throw badInput('email', 'Enter an email address like name@example.com.');
    const user = await this.db.withTenant(tenantOf(principal), async (em) => {
      await setEmail(em, principal.userId, value);
      const [updated] = await findUsers(em, [principal.userId]);
      await this.sendVerification(em, updated!, meta);
      return updated!;
    });
    this.onMailQueued();
    return user;
  }

  async verifyEmail(token: string, meta: RequestMeta): Promise<boolean> {
    const bad = 'This confirmation link is not valid, was used, or expired.';
    if (!token || token.length > 200) throw badInput('token', bad);
    const hash = hashOpaqueToken(token);
    const owner = await this.db.asSystem((em) => emailVerificationOwner(em, hash));
    if (!owner) throw badInput('token', bad);
    return this.db.withTenant(owner, async (em) => {
      if (!(await consumeEmailVerification(em, hash))) throw badInput('token', bad);
      const [user] = await findUsers(em, [owner.userId]);
      if (user) await audit(em, subjectOfUser(user), 'email-verified', meta);
      return true;
    });
  }

  private async sendVerification(em: EntityManager, user: UserRecord, meta: RequestMeta) {
    const token = newOpaqueToken(VERIFY_TTL_MS);
    await insertEmailVerification(em, {
      userId: user.id,
      dealershipId: user.dealershipId,
      email: user.email!,
      hash: token.hash,
      expiresAt: token.expiresAt,
    });
    await this.mail(em, user, 'email-verification', {
      link: `${this.webUrl}/verify-email?token=${encodeURIComponent(token.token)}`,
    });
    await audit(em, subjectOfUser(user), 'email-verification-sent', meta);
  }

  private async mail(
    em: EntityManager,
    user: UserRecord,
    kind: 'password-reset' | 'password-changed' | 'email-verification',
    values: Record<string, string>,
  ): Promise<void> {
    if (!user.email) return;
    await queueAuthMail(em, {
      dealershipId: user.dealershipId,
      kind,
      to: user.email,
      values: { displayName: user.displayName, username: user.username, ...values },
    });
  }
}
