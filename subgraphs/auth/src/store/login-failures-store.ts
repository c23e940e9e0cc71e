// auth.login_failures and auth.unlock_tokens, through their SECURITY DEFINER functions (the
// application role has no access to the tables themselves).
import type { EntityManager } from '@autolytiq/kit';

export interface FailureCounts {
  atAddress: number;
  oldestAtAddress: Date | null;
  everywhere: number;
  oldest: Date | null;
}

export async function loginFailureCounts(
  em: EntityManager,
  username: string,
  ip: string,
  since: Date,
): Promise<FailureCounts> {
  const rows = await em.execute<
    Array<{
      at_address: number;
      oldest_at_address: string | null;
      everywhere: number;
      oldest: string | null;
    }>
  >('select * from auth.login_failure_counts(?, ?, ?)', [username, ip, since]);
  const row = rows[0];
  const date = (v: string | null | undefined) => (v ? new Date(v) : null);
  return {
    atAddress: row?.at_address ?? 0,
    oldestAtAddress: date(row?.oldest_at_address),
    everywhere: row?.everywhere ?? 0,
    oldest: date(row?.oldest),
  };
}

export async function recordLoginFailure(
  em: EntityManager,
  username: string,
  ip: string,
): Promise<void> {
  await em.execute('select auth.record_login_failure(?, ?)', [username, ip]);
}

export async function clearLoginFailures(em: EntityManager, username: string): Promise<void> {
  await em.execute('select auth.clear_login_failures(?)', [username]);
}

export async function createUnlockToken(
  em: EntityManager,
  username: string,
  hash: string,
  expiresAt: Date,
): Promise<void> {
  await em.execute('select auth.create_unlock_token(?, ?, ?)', [username, hash, expiresAt]);
}

/** Uses an unlock token once; the username it unlocked, or undefined. */
export async function useUnlockToken(em: EntityManager, hash: string): Promise<string | undefined> {
  const rows = await em.execute<Array<{ username: string | null }>>(
    'select auth.use_unlock_token(?) as username',
    [hash],
  );
  return rows[0]?.username ?? undefined;
}
