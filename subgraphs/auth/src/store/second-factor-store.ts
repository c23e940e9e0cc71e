// auth.totp_factors, auth.backup_codes, auth.mfa_challenges (tenant-scoped by RLS), and the one
// SECURITY DEFINER lookup that finds a challenge's owner before the tenant is known.
import type { EntityManager } from '@autolytiq/kit';

export interface TotpFactor {
  secretEncrypted: string;
  confirmed: boolean;
  lastTimeStep: number | null;
}

export async function findTotpFactor(
  em: EntityManager,
  userId: string,
): Promise<TotpFactor | undefined> {
  const rows = await em.execute<
    Array<{ secret_encrypted: string; confirmed_at: Date | null; last_time_step: string | null }>
  >(
    'select secret_encrypted, confirmed_at, last_time_step from auth.totp_factors where user_id = ?',
    [userId],
  );
  const row = rows[0];
  return row
    ? {
        secretEncrypted: row.secret_encrypted,
        confirmed: row.confirmed_at !== null,
        lastTimeStep: row.last_time_step === null ? null : Number(row.last_time_step),
      }
    : undefined;
}

/** A new, unconfirmed factor (replacing an unconfirmed one; a confirmed one is never replaced). */
export async function putPendingFactor(
  em: EntityManager,
  f: { userId: string; dealershipId: string; secretEncrypted: string },
): Promise<boolean> {
  const rows = await em.execute<Array<{ user_id: string }>>(
    `insert into auth.totp_factors (user_id, dealership_id, secret_encrypted) values (?, ?, ?)
     on conflict (user_id) do update set secret_encrypted = excluded.secret_encrypted, created_at = now()
       where auth.totp_factors.confirmed_at is null
     returning user_id`,
    [f.userId, f.dealershipId, f.secretEncrypted],
  );
  return rows.length > 0;
}

/**
 * Records an accepted time step, only if it is later than every step accepted before (replay
 * protection that holds under concurrent requests); `confirm` also enables the factor.
 */
export async function acceptTimeStep(
  em: EntityManager,
  userId: string,
  timeStep: number,
  confirm = false,
): Promise<boolean> {
  const rows = await em.execute<Array<{ user_id: string }>>(
    `update auth.totp_factors
        set last_time_step = ?, confirmed_at = case when ? then now() else confirmed_at end
      where user_id = ? and (last_time_step is null or last_time_step < ?)
        and (confirmed_at is not null) <> ?
      returning user_id`,
    [timeStep, confirm, userId, timeStep, confirm],
  );
  return rows.length > 0;
}

export async function deleteSecondFactor(em: EntityManager, userId: string): Promise<void> {
  await em.execute('delete from auth.backup_codes where user_id = ?', [userId]);
  await em.execute('delete from auth.totp_factors where user_id = ?', [userId]);
}

export async function replaceBackupCodes(
  em: EntityManager,
  user: { userId: string; dealershipId: string },
  hashes: string[],
): Promise<void> {
  await em.execute('delete from auth.backup_codes where user_id = ?', [user.userId]);
  for (const hash of hashes) {
    await em.execute(
      'insert into auth.backup_codes (dealership_id, user_id, code_hash) values (?, ?, ?)',
      [user.dealershipId, user.userId, hash],
    );
  }
}

/** Marks an unused backup code used; false when there is none (wrong, or already used). */
export async function useBackupCode(
  em: EntityManager,
  userId: string,
  hash: string,
): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update auth.backup_codes set used_at = now()
      where user_id = ? and code_hash = ? and used_at is null returning id`,
    [userId, hash],
  );
  return rows.length > 0;
}

export async function backupCodesLeft(em: EntityManager, userId: string): Promise<number> {
  const rows = await em.execute<Array<{ n: number }>>(
    'select count(*)::integer as n from auth.backup_codes where user_id = ? and used_at is null',
    [userId],
  );
  return rows[0]?.n ?? 0;
}

export async function insertChallenge(
  em: EntityManager,
  c: { hash: string; userId: string; dealershipId: string; expiresAt: Date },
): Promise<void> {
  await em.execute(
    'insert into auth.mfa_challenges (token_hash, dealership_id, user_id, expires_at) values (?, ?, ?, ?)',
    [c.hash, c.dealershipId, c.userId, c.expiresAt],
  );
}

export async function challengeOwner(
  em: EntityManager,
  hash: string,
): Promise<{ userId: string; dealershipId: string } | undefined> {
  const rows = await em.execute<Array<{ user_id: string; dealership_id: string }>>(
    'select user_id, dealership_id from auth.mfa_challenge_owner(?)',
    [hash],
  );
  return rows[0] ? { userId: rows[0].user_id, dealershipId: rows[0].dealership_id } : undefined;
}

/** Uses a challenge once (false if another request used it first or it expired). */
export async function consumeChallenge(em: EntityManager, hash: string): Promise<boolean> {
  const rows = await em.execute<Array<{ token_hash: string }>>(
    `update auth.mfa_challenges set used_at = now()
      where token_hash = ? and used_at is null and expires_at > now() returning token_hash`,
    [hash],
  );
  return rows.length > 0;
}

/** The roles this dealership requires a second factor for (auth.dealership_settings). */
export async function mfaRequiredRoles(em: EntityManager, dealershipId: string): Promise<string[]> {
  const rows = await em.execute<Array<{ mfa_required_roles: string[] }>>(
    'select mfa_required_roles from auth.dealership_settings where dealership_id = ?',
    [dealershipId],
  );
  return rows[0]?.mfa_required_roles ?? [];
}

export async function setMfaRequiredRoles(
  em: EntityManager,
  dealershipId: string,
  roles: string[],
): Promise<void> {
  await em.execute(
    `insert into auth.dealership_settings (dealership_id, mfa_required_roles) values (?, ?::text[])
     on conflict (dealership_id) do update
       set mfa_required_roles = excluded.mfa_required_roles, version = auth.dealership_settings.version + 1,
           policy_version = auth.dealership_settings.policy_version + 1, updated_at = now()`,
    [dealershipId, `{${roles.join(',')}}`],
  );
}
