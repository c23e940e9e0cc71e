// Whom a deal can name: the dealership's active users who hold a permission through any of their
// roles (custom roles and inheritance included) — salespeople are those with deals.write, sales
// managers those with deals.approve. Read under the caller's tenant: another dealership's users never
// appear.
import { badInput, tenantOf, type Database, type Principal } from '@autolytiq/kit';
import { listUsers, type UserRecord } from '../store/users-store.ts';
import { PERMISSIONS } from './permissions.ts';
import { loadCatalog } from './role-admin.ts';
import { permissionsOfRoles } from './role-catalog.ts';

export async function colleaguesWith(
  db: Database,
  principal: Principal,
  permission: string,
): Promise<UserRecord[]> {
  if (!(permission in PERMISSIONS))
    throw badInput('permission', `There is no permission called ${permission}.`);
  return db.withTenant(tenantOf(principal), async (em) => {
    const catalog = await loadCatalog(em);
    const users = await listUsers(em);
    return users
      .filter((u) => u.status === 'active')
      .filter((u) => permissionsOfRoles(catalog, u.roles).includes(permission))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  });
}
