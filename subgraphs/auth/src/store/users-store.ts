// auth.users. Every query here runs inside the caller's tenant transaction (RLS-scoped) except
// loginCandidate, which goes through the SECURITY DEFINER function made for sign-in.
import { textArray, uuidArray, type EntityManager } from '@autolytiq/kit';

export interface UserRecord {
  id: string;
  dealershipId: string;
  username: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  roles: string[];
  active: boolean;
  status: UserStatus;
  version: number;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export type UserStatus = 'active' | 'invited' | 'deactivated';

export interface LoginCandidate {
  userId: string;
  dealershipId: string;
  username: string;
  passwordHash: string;
  roles: string[];
  active: boolean;
}

export interface UserRow {
  id: string;
  dealership_id: string;
  username: string;
  display_name: string;
  email: string | null;
  email_verified: boolean;
  roles: string[];
  active: boolean;
  status: UserStatus;
  version: number;
  last_login_at: Date | string | null;
  created_at: Date | string;
}

export const USER_COLUMNS =
  'id, dealership_id, username, display_name, email, (email_verified_at is not null) as email_verified, roles, active, status, version, last_login_at, created_at';
export const USER_COLUMNS_U = USER_COLUMNS.split(', ')
  .map((c) => (c.startsWith('(') ? c.replace('(email', '(u.email') : `u.${c}`))
  .join(', ');

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    dealershipId: row.dealership_id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    emailVerified: row.email_verified,
    roles: row.roles,
    active: row.active,
    status: row.status,
    version: row.version,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
    createdAt: new Date(row.created_at),
  };
}

export async function loginCandidate(
  em: EntityManager,
  username: string,
): Promise<LoginCandidate | undefined> {
  const rows = await em.execute<
    Array<{
      user_id: string;
      dealership_id: string;
      username: string;
      password_hash: string;
      roles: string[];
      active: boolean;
    }>
  >('select * from auth.login_candidate(?)', [username]);
  const row = rows[0];
  return row
    ? {
        userId: row.user_id,
        dealershipId: row.dealership_id,
        username: row.username,
        passwordHash: row.password_hash,
        roles: row.roles,
        active: row.active,
      }
    : undefined;
}

export async function findUsers(em: EntityManager, ids: readonly string[]): Promise<UserRecord[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<UserRow[]>(
    `select ${USER_COLUMNS} from auth.users where id = any(?::uuid[])`,
    [uuidArray(ids)],
  );
  return rows.map(toUser);
}

/** The user behind a live session (not revoked, not expired), in one round trip. */
export async function findSessionUser(
  em: EntityManager,
  sessionId: string,
  userId: string,
): Promise<UserRecord | undefined> {
  const rows = await em.execute<UserRow[]>(
    `select ${USER_COLUMNS_U}
     from auth.users u join auth.sessions s on s.user_id = u.id
     where s.id = ? and u.id = ? and s.revoked_at is null and s.expires_at > now() and u.active`,
    [sessionId, userId],
  );
  return rows[0] ? toUser(rows[0]) : undefined;
}

export async function listUsers(em: EntityManager): Promise<UserRecord[]> {
  const rows = await em.execute<UserRow[]>(
    `select ${USER_COLUMNS} from auth.users order by username`,
  );
  return rows.map(toUser);
}

export interface NewUser {
  dealershipId: string;
  username: string;
  displayName: string;
  email?: string | null;
  /** Null for an invited user (no password until the invitation is accepted). */
  passwordHash: string | null;
  roles: string[];
  status?: UserStatus;
}

export async function insertUser(em: EntityManager, user: NewUser): Promise<UserRecord> {
  const rows = await em.execute<UserRow[]>(
    // An address set by an administrator at creation counts as verified (resets may go there).
    `insert into auth.users (dealership_id, username, display_name, email, email_verified_at, password_hash, roles, status)
     values (?, ?, ?, ?, case when ?::text is null then null else now() end, ?, ?::text[], ?)
     returning ${USER_COLUMNS}`,
    [
      user.dealershipId,
      user.username,
      user.displayName,
      user.email ?? null,
      user.email ?? null,
      user.passwordHash,
      textArray(user.roles),
      user.status ?? 'active',
    ],
  );
  return toUser(rows[0]!);
}

export async function setPassword(
  em: EntityManager,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await em.execute(
    'update auth.users set password_hash = ?, version = version + 1, updated_at = now() where id = ?',
    [passwordHash, userId],
  );
}

/**
 * Replaces a hash with one of today's cost for the same password. Not a password change: no version
 * bump (an admin's open edit stays valid), and only while the old hash is still the stored one.
 */
export async function rehashPassword(
  em: EntityManager,
  userId: string,
  oldHash: string,
  newHash: string,
): Promise<void> {
  await em.execute('update auth.users set password_hash = ? where id = ? and password_hash = ?', [
    newHash,
    userId,
    oldHash,
  ]);
}

export async function touchLogin(em: EntityManager, userId: string): Promise<void> {
  await em.execute('update auth.users set last_login_at = now() where id = ?', [userId]);
}
