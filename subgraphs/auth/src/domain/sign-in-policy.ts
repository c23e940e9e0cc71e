// The dealership's sign-in policy (admin.settings): which roles must sign in with a second factor —
// built-in or custom; a role inheriting a listed role is held to it too, since it carries the same
// permissions — and the shortest password it accepts (12 to 64; the platform's checks for common and
// guessable passwords apply on top). Versioned (CONFLICT on a stale edit) and audited.
import {
  badInput,
  changesOf,
  conflict,
  recordAudit,
  tenantOf,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import { ancestry, type RoleCatalog } from './role-catalog.ts';
import { loadCatalog } from './role-admin.ts';
import {
  readSignInPolicy,
  writeSignInPolicy,
  passwordMinLengthOf,
  type SignInPolicyRecord,
} from '../store/sign-in-policy-store.ts';

export const PASSWORD_MIN_LENGTH = { min: 12, max: 64 } as const;

export interface SignInPolicyInput {
  version: number;
  secondFactorRoles?: readonly string[] | null;
  passwordMinLength?: number | null;
}

/** Whether holding `roles` requires a second factor: a listed role, or one inheriting from it. */
export function secondFactorRequired(
  catalog: RoleCatalog,
  roles: readonly string[],
  required: readonly string[],
): boolean {
  if (required.length === 0) return false;
  return roles.some(
    (r) => required.includes(r) || ancestry(catalog, r).roles.some((a) => required.includes(a)),
  );
}

/** The policy's second-factor rule for a user about to sign in (inside the user's tenant). */
export async function secondFactorRequiredFor(
  em: EntityManager,
  dealershipId: string,
  roles: readonly string[],
): Promise<boolean> {
  const { secondFactorRoles } = await readSignInPolicy(em, dealershipId);
  if (secondFactorRoles.length === 0) return false;
  return secondFactorRequired(await loadCatalog(em), roles, secondFactorRoles);
}

/** A password shorter than the dealership asks for: the message to show, or undefined. */
export async function dealershipPasswordProblem(
  em: EntityManager,
  dealershipId: string,
  password: string,
): Promise<string | undefined> {
  const min = await passwordMinLengthOf(em, dealershipId);
  return [...(password ?? '')].length < min
    ? `Password must be at least ${min} characters (your dealership's policy).`
    : undefined;
}

export class SignInPolicyAdmin {
  constructor(private readonly db: Database) {}

  get(principal: Principal): Promise<SignInPolicyRecord> {
    return this.db.withTenant(tenantOf(principal), (em) =>
      readSignInPolicy(em, principal.dealershipId),
    );
  }

  async update(admin: Principal, input: SignInPolicyInput): Promise<SignInPolicyRecord> {
    const min = input.passwordMinLength;
    if (min != null && (!Number.isInteger(min) || min < 12 || min > 64))
      throw badInput(
        'input.passwordMinLength',
        `Passwords must be at least ${PASSWORD_MIN_LENGTH.min} and at most ${PASSWORD_MIN_LENGTH.max} characters long.`,
        { ...PASSWORD_MIN_LENGTH },
      );
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const before = await readSignInPolicy(em, admin.dealershipId, true);
      if (before.version !== input.version) throw stale();
      const roles =
        input.secondFactorRoles == null
          ? before.secondFactorRoles
          : await knownRoles(em, input.secondFactorRoles);
      const next = { secondFactorRoles: roles, passwordMinLength: min ?? before.passwordMinLength };
      if (!(await writeSignInPolicy(em, admin.dealershipId, input.version, next))) throw stale();
      const after = { ...next, version: before.version + 1 };
      await recordAudit(em, {
        source: 'auth',
        entityType: 'SignInPolicy',
        entityId: admin.dealershipId,
        action: 'update',
        changes: changesOf(audited(before), audited(after)),
      });
      return after;
    });
  }
}

const stale = () =>
  conflict('Someone changed the sign-in policy since you read it. Reload and try again.');

async function knownRoles(em: EntityManager, given: readonly string[]): Promise<string[]> {
  const catalog = await loadCatalog(em);
  const roles = [...new Set(given.map((r) => r.trim()))].sort();
  const unknown = roles.filter((r) => !catalog.has(r));
  if (unknown.length)
    throw badInput('input.secondFactorRoles', `Unknown role(s): ${unknown.join(', ')}.`, {
      unknown,
    });
  return roles;
}

const audited = (p: SignInPolicyRecord) => ({
  secondFactorRoles: p.secondFactorRoles.join(', '),
  passwordMinLength: p.passwordMinLength,
});
