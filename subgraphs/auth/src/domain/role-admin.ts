// Roles (admin.users to change them): the built-in roles are system roles (not editable, not
// deletable); a dealership adds its own, each with permissions from the one catalog and roles it
// inherits from (transitively; a cycle is refused on input.inherits). An administrator grants only
// permissions they hold. A change reaches tokens at once: the sessions of everyone holding the role,
// or a role inheriting it, end (they sign in again with the new permissions).
import {
  badInput,
  changesOf,
  conflict,
  forbidden,
  notFound,
  parse,
  recordAudit,
  tenantOf,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import { audit, type RequestMeta } from './audit.ts';
import {
  BUILT_IN_CATALOG,
  allBuiltIn,
  ancestry,
  catalogOf,
  dependents,
  effectivePermissionsOf,
  isGrantable,
  permissionsOfRoles,
  type CatalogRole,
  type RoleCatalog,
} from './role-catalog.ts';
import {
  deleteRoleRow,
  insertRole,
  listCustomRoles,
  revokeSessionsOfRoles,
  roleHolderCounts,
  updateRoleRow,
} from '../store/roles-store.ts';

const ROLE_NAME = /^[a-z][a-z0-9_-]{1,39}$/;

export interface RoleView extends CatalogRole {
  effectivePermissions: string[];
  userCount: number;
}

export interface RoleInput {
  description?: string | null;
  permissions?: readonly string[] | null;
  inherits?: readonly string[] | null;
}

/** The dealership's whole catalog (built-in + custom), read in the caller's transaction. */
export async function loadCatalog(
  em: EntityManager,
  lock?: 'share' | 'update',
): Promise<RoleCatalog> {
  return catalogOf(await listCustomRoles(em, lock));
}

/** The effective permissions of a user's roles; built-in roles only need no database read. */
export async function permissionsForRoles(
  db: Database,
  dealershipId: string,
  roles: readonly string[],
): Promise<string[]> {
  if (allBuiltIn(roles)) return permissionsOfRoles(BUILT_IN_CATALOG, roles);
  const catalog = await db.withTenant({ dealershipId }, (em) => loadCatalog(em));
  return permissionsOfRoles(catalog, roles);
}

export class RoleAdmin {
  constructor(private readonly db: Database) {}

  async list(principal: Principal): Promise<RoleView[]> {
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const catalog = await loadCatalog(em);
      const counts = await roleHolderCounts(em);
      return [...catalog.values()].map((r) => view(catalog, r, counts.get(r.name) ?? 0));
    });
  }

  async create(
    admin: Principal,
    input: RoleInput & { name: string },
    meta: RequestMeta,
  ): Promise<RoleView> {
    const name = (input.name ?? '').trim().toLowerCase();
    if (!ROLE_NAME.test(name))
      throw badInput(
        'input.name',
        'Use 2–40 lower-case letters, digits, dashes or underscores, starting with a letter.',
      );
    if (BUILT_IN_CATALOG.has(name)) throw badInput('input.name', `${name} is a built-in role.`);
    const fields = checkFields(input);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const current = await loadCatalog(em, 'update');
      if (current.has(name)) throw badInput('input.name', `There is already a role named ${name}.`);
      const role: CatalogRole = { name, ...fields, system: false, version: 1 };
      const next = checkAgainst(current, role, admin);
      await insertRole(em, admin.dealershipId, { name, ...fields });
      await recordAudit(em, {
        source: 'auth',
        entityType: 'Role',
        entityId: name,
        action: 'create',
        changes: changesOf(null, audited(role)),
      });
      await audit(em, subjectOfAdmin(admin), 'role-changed', meta, {
        role: name,
        action: 'create',
      });
      return view(next, role, 0);
    });
  }

  async update(
    admin: Principal,
    name: string,
    input: RoleInput & { version: number },
    meta: RequestMeta,
  ): Promise<RoleView> {
    const fields = checkFields(input, true);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const current = await loadCatalog(em, 'update');
      const before = current.get(name);
      if (!before) throw notFound(`No role named ${name} in your dealership.`);
      if (before.system)
        throw badInput('name', `${name} is a built-in role: it cannot be changed.`);
      if (before.version !== input.version)
        throw conflict('Someone changed this role since you read it. Reload and try again.');
      const role: CatalogRole = {
        ...before,
        description: fields.description ?? before.description,
        permissions: input.permissions == null ? before.permissions : fields.permissions,
        inherits: input.inherits == null ? before.inherits : fields.inherits,
        version: before.version + 1,
      };
      const next = checkAgainst(current, role, admin, before);
      const stored = {
        description: role.description,
        permissions: [...role.permissions],
        inherits: [...role.inherits],
      };
      if (!(await updateRoleRow(em, name, input.version, stored)))
        throw conflict('Someone changed this role since you read it. Reload and try again.');
      // Everyone whose effective permissions may have moved signs in again (their tokens stop).
      const affected = dependents(next, name);
      const ended = await revokeSessionsOfRoles(em, affected, 'role changed');
      await recordAudit(em, {
        source: 'auth',
        entityType: 'Role',
        entityId: name,
        action: 'update',
        changes: changesOf(audited(before), audited(role)),
      });
      await audit(em, subjectOfAdmin(admin), 'role-changed', meta, {
        role: name,
        action: 'update',
        sessionsEnded: ended.length,
      });
      const counts = await roleHolderCounts(em);
      return view(next, role, counts.get(name) ?? 0);
    });
  }

  /** Refused for a built-in role, while users hold it, or while another role inherits it. */
  async delete(admin: Principal, name: string, meta: RequestMeta): Promise<boolean> {
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const current = await loadCatalog(em, 'update');
      const role = current.get(name);
      if (!role) throw notFound(`No role named ${name} in your dealership.`);
      if (role.system) throw badInput('name', `${name} is a built-in role: it cannot be deleted.`);
      const holders = (await roleHolderCounts(em)).get(name) ?? 0;
      if (holders > 0)
        throw badInput('name', `${holders} user(s) hold ${name}: give them another role first.`, {
          userCount: holders,
        });
      const heirs = [...current.values()]
        .filter((r) => r.inherits.includes(name))
        .map((r) => r.name);
      if (heirs.length)
        throw badInput('name', `${heirs.join(', ')} inherit(s) from ${name}: change them first.`);
      await deleteRoleRow(em, name);
      await recordAudit(em, {
        source: 'auth',
        entityType: 'Role',
        entityId: name,
        action: 'delete',
        changes: changesOf(audited(role), null),
      });
      await audit(em, subjectOfAdmin(admin), 'role-changed', meta, {
        role: name,
        action: 'delete',
      });
      return true;
    });
  }
}

function checkFields(input: RoleInput, partial = false) {
  const description =
    parse.text('input.description', input.description, 300) ?? (partial ? null : '');
  const permissions = [...new Set((input.permissions ?? []).map((p) => p.trim()))].sort();
  const unknown = permissions.filter((p) => !isGrantable(p));
  if (unknown.length)
    throw badInput('input.permissions', `Unknown permission(s): ${unknown.join(', ')}.`, {
      unknown,
    });
  const inherits = [...new Set((input.inherits ?? []).map((r) => r.trim()))].sort();
  return { description: description as string, permissions, inherits };
}

/**
 * The catalog with `role` in it, once its inherited roles exist, it makes no cycle, and the
 * administrator holds every permission it would grant (beyond what it granted before).
 */
function checkAgainst(
  current: RoleCatalog,
  role: CatalogRole,
  admin: Principal,
  before?: CatalogRole,
): RoleCatalog {
  const missing = role.inherits.filter((r) => !current.has(r) || r === role.name);
  if (missing.length)
    throw badInput('input.inherits', `Unknown role(s) to inherit from: ${missing.join(', ')}.`);
  const next = new Map(current);
  next.set(role.name, role);
  const { cycle } = ancestry(next, role.name);
  if (cycle)
    throw badInput('input.inherits', `That would make a cycle: ${cycle.join(' → ')}.`, { cycle });
  const granted = effectivePermissionsOf(next, role.name);
  const already = new Set(before ? effectivePermissionsOf(current, role.name) : []);
  const held = new Set(admin.permissions);
  const beyond = granted.filter((p) => !already.has(p) && !held.has(p));
  if (beyond.length)
    throw forbidden(`You cannot grant permissions you do not hold: ${beyond.join(', ')}.`, {
      field: 'input.permissions',
      permissions: beyond,
    });
  return next;
}

function view(catalog: RoleCatalog, role: CatalogRole, userCount: number): RoleView {
  return {
    ...role,
    permissions: [...role.permissions].sort(),
    inherits: [...role.inherits],
    effectivePermissions: effectivePermissionsOf(catalog, role.name),
    userCount,
  };
}

const audited = (r: CatalogRole) => ({
  description: r.description,
  permissions: [...r.permissions].sort().join(', '),
  inherits: [...r.inherits].sort().join(', '),
});

const subjectOfAdmin = (p: Principal) => ({
  dealershipId: p.dealershipId,
  userId: p.userId,
  username: p.username,
});
