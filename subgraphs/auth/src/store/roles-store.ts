// auth.roles: a dealership's custom roles (RLS-scoped; run inside the tenant's transaction).
import { textArray, type EntityManager } from '@autolytiq/kit';
import type { CatalogRole } from '../domain/role-catalog.ts';

interface RoleRow {
  name: string;
  description: string;
  permissions: string[];
  inherits: string[];
  version: number;
}

const toRole = (r: RoleRow): CatalogRole => ({
  name: r.name,
  description: r.description,
  permissions: r.permissions,
  inherits: r.inherits,
  system: false,
  version: r.version,
});

/**
 * The dealership's custom roles. `lock: 'share'` holds them until the transaction ends, so a role
 * being assigned to a user cannot be deleted under it (deleteRole locks the row for update).
 */
export async function listCustomRoles(
  em: EntityManager,
  lock?: 'share' | 'update',
): Promise<CatalogRole[]> {
  const rows = await em.execute<RoleRow[]>(
    `select name, description, permissions, inherits, version from auth.roles order by name
     ${lock === 'share' ? 'for share' : lock === 'update' ? 'for update' : ''}`,
  );
  return rows.map(toRole);
}

export async function insertRole(
  em: EntityManager,
  dealershipId: string,
  r: { name: string; description: string; permissions: string[]; inherits: string[] },
): Promise<void> {
  await em.execute(
    `insert into auth.roles (dealership_id, name, description, permissions, inherits)
     values (?, ?, ?, ?::text[], ?::text[])`,
    [dealershipId, r.name, r.description, textArray(r.permissions), textArray(r.inherits)],
  );
}

export async function updateRoleRow(
  em: EntityManager,
  name: string,
  version: number,
  r: { description: string; permissions: string[]; inherits: string[] },
): Promise<boolean> {
  const rows = await em.execute<Array<{ name: string }>>(
    `update auth.roles set description = ?, permissions = ?::text[], inherits = ?::text[],
            version = version + 1, updated_at = now()
      where name = ? and version = ? returning name`,
    [r.description, textArray(r.permissions), textArray(r.inherits), name, version],
  );
  return rows.length > 0;
}

export async function deleteRoleRow(em: EntityManager, name: string): Promise<void> {
  await em.execute('delete from auth.roles where name = ?', [name]);
}

/** How many users (any status) hold each role. */
export async function roleHolderCounts(em: EntityManager): Promise<Map<string, number>> {
  const rows = await em.execute<Array<{ role: string; n: string | number }>>(
    'select r.role, count(*) as n from auth.users u, unnest(u.roles) as r(role) group by r.role',
  );
  return new Map(rows.map((r) => [r.role, Number(r.n)]));
}

/** Ends the live sessions of every user holding one of `roles`; returns the session ids. */
export async function revokeSessionsOfRoles(
  em: EntityManager,
  roles: readonly string[],
  reason: string,
): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await em.execute<Array<{ id: string }>>(
    `update auth.sessions set revoked_at = now(), revoked_reason = ?
      where revoked_at is null and user_id in (select id from auth.users where roles && ?::text[])
      returning id`,
    [reason, textArray(roles)],
  );
  return rows.map((r) => r.id);
}
