// auth.login_failures, through its SECURITY DEFINER functions (the application role has no access to
// the table itself).
import type { EntityManager } from '@autolytiq/kit';

export async function loginFailuresSince(
  em: EntityManager,
  username: string,
  since: Date,
): Promise<{ failures: number; oldest: Date | null }> {
  const rows = await em.execute<Array<{ failures: number; oldest: string | null }>>(
    'select failures, oldest from auth.login_failures_since(?, ?)',
    [username, since],
  );
  const row = rows[0];
  return {
    failures: row?.failures ?? 0,
    oldest: row?.oldest ? new Date(row.oldest) : null,
  };
}

export async function recordLoginFailure(em: EntityManager, username: string): Promise<void> {
  await em.execute('select auth.record_login_failure(?)', [username]);
}

export async function clearLoginFailures(em: EntityManager, username: string): Promise<void> {
  await em.execute('select auth.clear_login_failures(?)', [username]);
}
