// auth.password_resets and auth.email_verifications (tenant-scoped), their SECURITY DEFINER
// lookups, and the user-row changes recovery makes.
import type { EntityManager } from '@autolytiq/kit';

export interface TokenOwner {
  userId: string;
  dealershipId: string;
}

async function owners(em: EntityManager, sql: string, arg: string): Promise<TokenOwner[]> {
  const rows = await em.execute<Array<{ user_id: string; dealership_id: string }>>(sql, [arg]);
  return rows.map((r) => ({ userId: r.user_id, dealershipId: r.dealership_id }));
}

export const resetCandidates = (em: EntityManager, login: string) =>
  owners(em, 'select user_id, dealership_id from auth.reset_candidates(?)', login);

export const passwordResetOwner = async (em: EntityManager, hash: string) =>
  (await owners(em, 'select user_id, dealership_id from auth.password_reset_owner(?)', hash))[0];

export const emailVerificationOwner = async (em: EntityManager, hash: string) =>
  (
    await owners(em, 'select user_id, dealership_id from auth.email_verification_owner(?)', hash)
  )[0];

/** A new reset token; every older unused one of the user stops working. */
export async function insertPasswordReset(
  em: EntityManager,
  r: TokenOwner & { hash: string; expiresAt: Date },
): Promise<void> {
  await em.execute(
    'update auth.password_resets set used_at = now() where user_id = ? and used_at is null',
    [r.userId],
  );
  await em.execute(
    'insert into auth.password_resets (token_hash, dealership_id, user_id, expires_at) values (?, ?, ?, ?)',
    [r.hash, r.dealershipId, r.userId, r.expiresAt],
  );
}

/** Uses a reset token once; also retires the user's other reset tokens. */
export async function consumePasswordReset(em: EntityManager, hash: string): Promise<boolean> {
  const rows = await em.execute<Array<{ user_id: string }>>(
    `update auth.password_resets set used_at = now()
      where token_hash = ? and used_at is null and expires_at > now() returning user_id`,
    [hash],
  );
  if (!rows[0]) return false;
  await em.execute(
    'update auth.password_resets set used_at = now() where user_id = ? and used_at is null',
    [rows[0].user_id],
  );
  return true;
}

export async function insertEmailVerification(
  em: EntityManager,
  v: TokenOwner & { hash: string; email: string; expiresAt: Date },
): Promise<void> {
  await em.execute(
    'update auth.email_verifications set used_at = now() where user_id = ? and used_at is null',
    [v.userId],
  );
  await em.execute(
    'insert into auth.email_verifications (token_hash, dealership_id, user_id, email, expires_at) values (?, ?, ?, ?, ?)',
    [v.hash, v.dealershipId, v.userId, v.email, v.expiresAt],
  );
}

/** Uses a verification token; marks the address verified if it is still the user's address. */
export async function consumeEmailVerification(em: EntityManager, hash: string): Promise<boolean> {
  const rows = await em.execute<Array<{ user_id: string; email: string }>>(
    `update auth.email_verifications set used_at = now()
      where token_hash = ? and used_at is null and expires_at > now() returning user_id, email`,
    [hash],
  );
  const row = rows[0];
  if (!row) return false;
  const users = await em.execute<Array<{ id: string }>>(
    `update auth.users set email_verified_at = now(), updated_at = now()
      where id = ? and email = ? returning id`,
    [row.user_id, row.email],
  );
  return users.length > 0;
}

export async function setEmail(em: EntityManager, userId: string, email: string): Promise<void> {
  await em.execute(
    `update auth.users set email = ?, email_verified_at = null, version = version + 1, updated_at = now()
      where id = ?`,
    [email, userId],
  );
}

export async function passwordHashOf(
  em: EntityManager,
  userId: string,
): Promise<string | undefined> {
  const rows = await em.execute<Array<{ password_hash: string }>>(
    'select password_hash from auth.users where id = ?',
    [userId],
  );
  return rows[0]?.password_hash;
}
