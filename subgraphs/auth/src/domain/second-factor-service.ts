// Second factor for a signed-in user (enroll → confirm, disable, new backup codes) and the code step
// of sign-in (verifyMfa). The TOTP secret leaves the server once, in the enrollment answer; it is
// stored sealed (key-crypto secretBox) and never logged. Backup codes are shown once and stored as
// keyed hashes.
import {
  badInput,
  conflict,
  tenantOf,
  unauthenticated,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import { findUsers } from '../store/users-store.ts';
import {
  acceptTimeStep,
  backupCodesLeft,
  challengeOwner,
  consumeChallenge,
  deleteSecondFactor,
  findTotpFactor,
  mfaRequiredRoles,
  putPendingFactor,
  setMfaRequiredRoles,
  replaceBackupCodes,
  useBackupCode,
} from '../store/second-factor-store.ts';
import { audit, type RequestMeta } from './audit.ts';
import { subjectOf, type AuthService, type SignedIn } from './auth-service.ts';
import type { SecretBox } from './key-crypto.ts';
import { dealershipNameOf } from './dealership-name.ts';
import { loadCatalog } from './role-admin.ts';
import { hashOpaqueToken } from './tokens.ts';
import {
  checkTotp,
  classifyCode,
  enrollmentOf,
  newBackupCodes,
  newTotpSecret,
  normalizeBackupCode,
} from './totp.ts';

const WRONG_CODE = 'That code is not right. Use the current code from your authenticator app.';

export class SecondFactorService {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly auth: AuthService,
  ) {}

  async status(principal: Principal) {
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const factor = await findTotpFactor(em, principal.userId);
      return {
        enabled: factor?.confirmed ?? false,
        backupCodesLeft: factor?.confirmed ? await backupCodesLeft(em, principal.userId) : 0,
      };
    });
  }

  async requiredRoles(principal: Principal): Promise<string[]> {
    return this.db.withTenant(tenantOf(principal), (em) =>
      mfaRequiredRoles(em, principal.dealershipId),
    );
  }

  /** Which roles of the dealership must sign in with a second factor (admin.users). */
  async requireFor(principal: Principal, roles: string[], meta: RequestMeta): Promise<string[]> {
    const unique = [...new Set(roles)].sort();
    await this.db.withTenant(tenantOf(principal), async (em) => {
      // Built-in or the dealership's own roles (sign-in-policy.ts applies them with inheritance).
      const catalog = await loadCatalog(em);
      const unknown = unique.filter((r) => !catalog.has(r));
      if (unknown.length) throw badInput('roles', `Unknown role(s): ${unknown.join(', ')}.`);
      await setMfaRequiredRoles(em, principal.dealershipId, unique);
      await audit(em, subjectOf(principal), 'mfa-policy-changed', meta, { roles: unique });
    });
    return unique;
  }

  /** A new secret (not active until confirmTotp); refused while a confirmed factor exists. */
  async enroll(principal: Principal) {
    const secret = newTotpSecret();
    const name = await this.db.withTenant(tenantOf(principal), async (em) => {
      const stored = await putPendingFactor(em, {
        userId: principal.userId,
        dealershipId: principal.dealershipId,
        secretEncrypted: this.box.seal(secret),
      });
      if (!stored) throw conflict('A second factor is already on. Turn it off first.');
      return dealershipNameOf(em, principal.dealershipId);
    });
    return enrollmentOf(secret, name, principal.username);
  }

  /** Turns the enrolled factor on with a current code; returns the backup codes (shown once). */
  async confirm(principal: Principal, input: string, meta: RequestMeta): Promise<string[]> {
    const code = totpCodeOf(input, 'code');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const factor = await findTotpFactor(em, principal.userId);
      if (!factor || factor.confirmed)
        throw badInput('code', 'Start the enrollment first (enrollTotp).');
      const step = await checkTotp(this.box.open(factor.secretEncrypted), code, null);
      if (step === undefined || !(await acceptTimeStep(em, principal.userId, step, true)))
        throw badInput('code', WRONG_CODE);
      const codes = await this.newCodes(em, principal);
      await audit(em, subjectOf(principal), 'mfa-enrolled', meta);
      return codes;
    });
  }

  async disable(principal: Principal, input: string, meta: RequestMeta): Promise<boolean> {
    return this.db.withTenant(tenantOf(principal), async (em) => {
      await this.proveFactor(em, principal.userId, input, 'code', true);
      await deleteSecondFactor(em, principal.userId);
      await audit(em, subjectOf(principal), 'mfa-disabled', meta);
      return true;
    });
  }

  async regenerateBackupCodes(
    principal: Principal,
    input: string,
    meta: RequestMeta,
  ): Promise<string[]> {
    const code = totpCodeOf(input, 'code');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      await this.proveFactor(em, principal.userId, code, 'code', false);
      const codes = await this.newCodes(em, principal);
      await audit(em, subjectOf(principal), 'backup-codes-regenerated', meta);
      return codes;
    });
  }

  /**
   * The code step of sign-in. Wrong codes count toward the sign-in lockout like wrong passwords; a
   * code (time step) or backup code once accepted is refused ever after; the mfaToken works once.
   */
  async verify(mfaToken: string, input: string, meta: RequestMeta): Promise<SignedIn> {
    if (!mfaToken || mfaToken.length > 200)
      throw badInput('input.mfaToken', 'Sign in again: this sign-in step is not valid.');
    if (!classifyCode(input ?? ''))
      throw badInput('input.code', 'Enter the 6-digit code from your app, or a backup code.');
    const hash = hashOpaqueToken(mfaToken);
    const owner = await this.db.asSystem((em) => challengeOwner(em, hash));
    if (!owner)
      throw badInput('input.mfaToken', 'This sign-in step expired or was used. Sign in again.');
    const tenant = { dealershipId: owner.dealershipId, userId: owner.userId };
    const [user] = await this.db.withTenant(tenant, (em) => findUsers(em, [owner.userId]));
    if (!user?.active) throw unauthenticated('Sign in again.');
    const subject = { ...tenant, username: user.username };
    await this.auth.lockout.assertOpen(user.username, meta.ip ?? '');
    const ok = await this.db.withTenant(tenant, async (em) => {
      const proven = await this.proveFactor(em, owner.userId, input, 'input.code', true).then(
        (kind) => kind,
        () => undefined,
      );
      if (!proven) return false;
      if (!(await consumeChallenge(em, hash)))
        throw badInput('input.mfaToken', 'This sign-in step expired or was used. Sign in again.');
      if (proven === 'backup') await audit(em, subject, 'backup-code-used', meta);
      return true;
    });
    if (!ok) {
      await this.auth.failedStep(user.username, subject, meta, 'mfa-challenge-failed');
      throw badInput('input.code', WRONG_CODE);
    }
    await this.auth.lockout.clear(user.username);
    return this.auth.startSession(
      {
        userId: user.id,
        dealershipId: user.dealershipId,
        username: user.username,
        roles: user.roles,
      },
      meta,
    );
  }

  /** Checks a TOTP code (or, when allowed, a backup code) of a confirmed factor; uses it up. */
  private async proveFactor(
    em: EntityManager,
    userId: string,
    input: string,
    field: string,
    allowBackup: boolean,
  ): Promise<'totp' | 'backup'> {
    const code = classifyCode(input ?? '');
    if (!code || (code.kind === 'backup' && !allowBackup))
      throw badInput(field, 'Enter the 6-digit code from your authenticator app.');
    const factor = await findTotpFactor(em, userId);
    if (!factor?.confirmed) throw badInput(field, 'No second factor is on for this account.');
    if (code.kind === 'backup') {
      if (await useBackupCode(em, userId, this.box.mac(normalizeBackupCode(code.code))))
        return 'backup';
      throw badInput(field, WRONG_CODE);
    }
    const step = await checkTotp(
      this.box.open(factor.secretEncrypted),
      code.code,
      factor.lastTimeStep,
    );
    if (step === undefined || !(await acceptTimeStep(em, userId, step)))
      throw badInput(field, WRONG_CODE);
    return 'totp';
  }

  private async newCodes(em: EntityManager, principal: Principal): Promise<string[]> {
    const codes = newBackupCodes();
    await replaceBackupCodes(
      em,
      { userId: principal.userId, dealershipId: principal.dealershipId },
      codes.map((c) => this.box.mac(normalizeBackupCode(c))),
    );
    return codes;
  }
}

function totpCodeOf(input: string, field: string): string {
  const code = classifyCode(input ?? '');
  if (code?.kind !== 'totp')
    throw badInput(field, 'Enter the 6-digit code from your authenticator app.');
  return code.code;
}
