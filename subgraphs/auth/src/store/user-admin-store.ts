// What user administration reads and writes in auth.users and auth.invitations. Every function runs
// inside the administrator's tenant transaction (RLS-scoped), except invitationOwner, which goes
// through the SECURITY DEFINER lookup made for a link followed before anyone is signed in.
import { textArray, type EntityManager } from '@autolytiq/kit';
import {
  USER_COLUMNS,
  USER_COLUMNS_U,
  toUser,
  type UserRecord,
  type UserRow,
  type UserStatus,
} from './users-store.ts';

export interface UserPageQuery {
  /** Matched case-insensitively against username, display name and email. */
  search?: string | null;
  role?: string | null;
  status?: UserStatus | null;
  /** Username of the last row of the previous page. */
  after?: string | null;
  limit: number;
}

/** A page of the dealership's users by username, and how many match in all. */
export async function listUserPage(
  em: EntityManager,
  q: UserPageQuery,
): Promise<{ rows: UserRecord[]; totalCount: number }> {
  if (q.search) return searchUserPage(em, q, q.search);
  const where = `(?::text is null or ? = any(roles)) and (?::text is null or status = ?)`;
  const params = [q.role ?? null, q.role ?? null, q.status ?? null, q.status ?? null];
  const rows = await em.execute<UserRow[]>(
    `select ${USER_COLUMNS} from auth.users
      where ${where} and (?::text is null or username > ?)
      order by username limit ?`,
    [...params, q.after ?? null, q.after ?? null, q.limit],
  );
  const total = await em.execute<Array<{ n: string | number }>>(
    `select count(*) as n from auth.users where ${where}`,
    params,
  );
  return { rows: rows.map(toUser), totalCount: Number(total[0]?.n ?? 0) };
}

/**
 * A search goes through auth.user_search_page / user_search_count (auth migration 0050), which may
 * use the trigram index the forced RLS keeps ILIKE from; the page's users are then read under RLS.
 */
async function searchUserPage(
  em: EntityManager,
  q: UserPageQuery,
  search: string,
): Promise<{ rows: UserRecord[]; totalCount: number }> {
  // Control characters never match a user (and \x01 separates the columns in search_text).
  const term = search.replace(/\p{Cc}/gu, '');
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const filters = [pattern, q.role ?? null, q.status ?? null];
  const rows = await em.execute<UserRow[]>(
    `select ${USER_COLUMNS_U} from auth.user_search_page(?, ?, ?, ?, ?::int) p
       join auth.users u on u.id = p.id order by p.username`,
    [...filters, q.after ?? null, q.limit],
  );
  const total = await em.execute<Array<{ n: string | number }>>(
    'select auth.user_search_count(?, ?, ?) as n',
    filters,
  );
  return { rows: rows.map(toUser), totalCount: Number(total[0]?.n ?? 0) };
}

export interface UserChanges {
  displayName: string;
  email: string | null;
  /** True when the address changed: an address set by an administrator counts as verified. */
  emailChanged: boolean;
  roles: string[];
}

/** Applies the changes if `version` is still the stored one; undefined when it is not. */
export async function updateUserRow(
  em: EntityManager,
  id: string,
  version: number,
  c: UserChanges,
): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update auth.users
        set display_name = ?, email = ?, roles = ?::text[],
            email_verified_at = case when ? then (case when ?::text is null then null else now() end)
                                     else email_verified_at end,
            version = version + 1, updated_at = now()
      where id = ? and version = ? returning id`,
    [c.displayName, c.email, textArray(c.roles), c.emailChanged, c.email, id, version],
  );
  return rows.length > 0;
}

export async function setUserStatus(
  em: EntityManager,
  id: string,
  status: UserStatus,
): Promise<void> {
  await em.execute(
    `update auth.users set status = ?, status_changed_at = now(), version = version + 1,
            updated_at = now() where id = ?`,
    [status, id],
  );
}

/**
 * The active holders of a role, locked until the transaction ends: two administrators demoting the
 * last two admins at once are serialised here, so one of them sees there would be none left.
 */
export async function lockActiveHolders(em: EntityManager, role: string): Promise<string[]> {
  const rows = await em.execute<Array<{ id: string }>>(
    `select id from auth.users where status = 'active' and ? = any(roles) order by id for update`,
    [role],
  );
  return rows.map((r) => r.id);
}

/** A new invitation; every older unused one of the user stops working. */
export async function insertInvitation(
  em: EntityManager,
  i: { userId: string; dealershipId: string; hash: string; expiresAt: Date },
): Promise<void> {
  await em.execute(
    'update auth.invitations set used_at = now() where user_id = ? and used_at is null',
    [i.userId],
  );
  await em.execute(
    'insert into auth.invitations (token_hash, dealership_id, user_id, expires_at) values (?, ?, ?, ?)',
    [i.hash, i.dealershipId, i.userId, i.expiresAt],
  );
}

export async function invitationOwner(
  em: EntityManager,
  hash: string,
): Promise<{ userId: string; dealershipId: string } | undefined> {
  const rows = await em.execute<Array<{ user_id: string; dealership_id: string }>>(
    'select user_id, dealership_id from auth.invitation_owner(?)',
    [hash],
  );
  return rows[0] && { userId: rows[0].user_id, dealershipId: rows[0].dealership_id };
}

/** Uses the invitation once and activates its (still invited) user with the password. */
export async function acceptInvitationRow(
  em: EntityManager,
  hash: string,
  passwordHash: string,
): Promise<boolean> {
  const used = await em.execute<Array<{ user_id: string }>>(
    `update auth.invitations set used_at = now()
      where token_hash = ? and used_at is null and expires_at > now() returning user_id`,
    [hash],
  );
  if (!used[0]) return false;
  const activated = await em.execute<Array<{ id: string }>>(
    `update auth.users set password_hash = ?, status = 'active', status_changed_at = now(),
            version = version + 1, updated_at = now()
      where id = ? and status = 'invited' returning id`,
    [passwordHash, used[0].user_id],
  );
  return activated.length > 0;
}

export async function usernameTaken(em: EntityManager, username: string): Promise<boolean> {
  // Usernames are unique across dealerships (sign-in carries no dealership), so this asks the
  // SECURITY DEFINER sign-in lookup rather than the tenant's own rows.
  const rows = await em.execute<Array<{ user_id: string }>>(
    'select user_id from auth.login_candidate(?)',
    [username],
  );
  return rows.length > 0;
}
