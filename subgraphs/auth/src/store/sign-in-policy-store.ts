// The sign-in policy columns of auth.dealership_settings (RLS-scoped; the caller's tenant
// transaction). A dealership without a row has the platform defaults, version 1.
import { textArray, type EntityManager } from '@autolytiq/kit';

export interface SignInPolicyRecord {
  secondFactorRoles: string[];
  passwordMinLength: number;
  version: number;
}

export const DEFAULT_POLICY: SignInPolicyRecord = {
  secondFactorRoles: [],
  passwordMinLength: 12,
  version: 1,
};

export async function readSignInPolicy(
  em: EntityManager,
  dealershipId: string,
  lock = false,
): Promise<SignInPolicyRecord> {
  const rows = await em.execute<
    Array<{ mfa_required_roles: string[]; password_min_length: number; policy_version: number }>
  >(
    `select mfa_required_roles, password_min_length, policy_version from auth.dealership_settings
      where dealership_id = ? ${lock ? 'for update' : ''}`,
    [dealershipId],
  );
  const r = rows[0];
  return r
    ? {
        secondFactorRoles: r.mfa_required_roles,
        passwordMinLength: r.password_min_length,
        version: r.policy_version,
      }
    : { ...DEFAULT_POLICY };
}

/** Writes the policy if its version is still `version`; false when someone changed it first. */
export async function writeSignInPolicy(
  em: EntityManager,
  dealershipId: string,
  version: number,
  next: Omit<SignInPolicyRecord, 'version'>,
): Promise<boolean> {
  await em.execute(
    'insert into auth.dealership_settings (dealership_id) values (?) on conflict do nothing',
    [dealershipId],
  );
  const rows = await em.execute<Array<{ policy_version: number }>>(
    `update auth.dealership_settings
        set mfa_required_roles = ?::text[], password_min_length = ?,
            policy_version = policy_version + 1, updated_at = now()
      where dealership_id = ? and policy_version = ? returning policy_version`,
    [textArray(next.secondFactorRoles), next.passwordMinLength, dealershipId, version],
  );
  return rows.length > 0;
}

/** The dealership's shortest accepted password (the platform's 12 when it set none). */
export async function passwordMinLengthOf(
  em: EntityManager,
  dealershipId: string,
): Promise<number> {
  return (await readSignInPolicy(em, dealershipId)).passwordMinLength;
}
