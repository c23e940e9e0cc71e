// auth.sessions and auth.refresh_tokens.
import type { EntityManager } from '@autolytiq/kit';

export interface NewSession {
  dealershipId: string;
  userId: string;
  refreshTokenHash: string;
  expiresAt: Date;
  userAgent?: string;
  ipAddress?: string;
}

export async function insertSession(em: EntityManager, s: NewSession): Promise<string> {
  const rows = await em.execute<Array<{ id: string }>>(
    `insert into auth.sessions (dealership_id, user_id, expires_at, user_agent, ip_address)
     values (?, ?, ?, ?, ?) returning id`,
    [s.dealershipId, s.userId, s.expiresAt, s.userAgent ?? null, s.ipAddress ?? null],
  );
  const id = rows[0]!.id;
  await em.execute(
    'insert into auth.refresh_tokens (token_hash, session_id, dealership_id, expires_at) values (?, ?, ?, ?)',
    [s.refreshTokenHash, id, s.dealershipId, s.expiresAt],
  );
  return id;
}

export type RotationOutcome = 'rotated' | 'unknown' | 'reused' | 'revoked' | 'expired';

export interface Rotation {
  outcome: RotationOutcome;
  sessionId: string | null;
  userId: string | null;
  dealershipId: string | null;
}

export async function rotateRefreshToken(
  em: EntityManager,
  oldHash: string,
  newHash: string,
  newExpiresAt: Date,
): Promise<Rotation> {
  const rows = await em.execute<
    Array<{
      outcome: RotationOutcome;
      session_id: string | null;
      user_id: string | null;
      dealership_id: string | null;
    }>
  >('select * from auth.rotate_refresh_token(?, ?, ?)', [oldHash, newHash, newExpiresAt]);
  const row = rows[0]!;
  return {
    outcome: row.outcome,
    sessionId: row.session_id,
    userId: row.user_id,
    dealershipId: row.dealership_id,
  };
}

export async function revokeSession(
  em: EntityManager,
  sessionId: string,
  reason: string,
): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update auth.sessions set revoked_at = now(), revoked_reason = ?
     where id = ? and revoked_at is null returning id`,
    [reason, sessionId],
  );
  return rows.length > 0;
}

export interface SessionRecord {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastUsedAt: Date;
}

/** The user's live sessions (not ended, not expired), most recently used first. */
export async function listLiveSessions(
  em: EntityManager,
  userId: string,
): Promise<SessionRecord[]> {
  const rows = await em.execute<
    Array<{
      id: string;
      user_agent: string | null;
      ip_address: string | null;
      created_at: Date | string;
      last_used_at: Date | string;
    }>
  >(
    `select id, user_agent, ip_address, created_at, coalesce(last_refreshed_at, created_at) as last_used_at
       from auth.sessions
      where user_id = ? and revoked_at is null and expires_at > now()
      order by coalesce(last_refreshed_at, created_at) desc`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    userAgent: r.user_agent,
    ipAddress: r.ip_address,
    createdAt: new Date(r.created_at),
    lastUsedAt: new Date(r.last_used_at),
  }));
}

/** Ends the user's live sessions, except `keep`; returns the ids ended. */
export async function revokeUserSessions(
  em: EntityManager,
  userId: string,
  reason: string,
  keep?: string,
): Promise<string[]> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update auth.sessions set revoked_at = now(), revoked_reason = ?
      where user_id = ? and revoked_at is null and (?::uuid is null or id <> ?::uuid) returning id`,
    [reason, userId, keep ?? null, keep ?? null],
  );
  return rows.map((r) => r.id);
}

/** Ends one of the user's own sessions (another user's id matches nothing). */
export async function revokeOwnSession(
  em: EntityManager,
  userId: string,
  sessionId: string,
  reason: string,
): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update auth.sessions set revoked_at = now(), revoked_reason = ?
      where id = ? and user_id = ? and revoked_at is null returning id`,
    [reason, sessionId, userId],
  );
  return rows.length > 0;
}
