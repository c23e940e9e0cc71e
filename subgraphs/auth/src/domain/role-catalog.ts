// A dealership's roles as one catalog: the built-in roles (code, system) and its custom roles
// (auth.roles). Inheritance is transitive; effective permissions are a role's own plus those of every
// role it inherits from, directly or not. Pure functions: the store loads, this resolves.
import {
  BUILT_IN_ROLES,
  PERMISSIONS,
  SERVICE_ONLY,
  type Permission,
  type RoleDefinition,
} from './permissions.ts';

export interface CatalogRole {
  name: string;
  description: string;
  permissions: readonly string[];
  inherits: readonly string[];
  system: boolean;
  version: number;
}

export type RoleCatalog = ReadonlyMap<string, CatalogRole>;

const builtIn = (r: RoleDefinition): CatalogRole => ({
  name: r.name,
  description: r.description,
  permissions: r.permissions,
  inherits: [],
  system: true,
  version: 1,
});

export const BUILT_IN_CATALOG: RoleCatalog = new Map(
  BUILT_IN_ROLES.map((r) => [r.name, builtIn(r)]),
);

export function catalogOf(custom: readonly CatalogRole[]): RoleCatalog {
  const all = new Map(BUILT_IN_CATALOG);
  for (const role of custom) if (!all.has(role.name)) all.set(role.name, role);
  return all;
}

/** A permission a role may hold: in the catalog and not reserved for internal services. */
export const isGrantable = (p: string): p is Permission =>
  Object.hasOwn(PERMISSIONS, p) && !SERVICE_ONLY.includes(p as Permission);

/**
 * The roles `name` inherits from, transitively, or the path of a cycle (['a', 'b', 'a']). Unknown
 * inherited names are skipped here (checked when a role is written).
 */
export function ancestry(
  catalog: RoleCatalog,
  name: string,
): { roles: string[]; cycle?: string[] } {
  const seen = new Set<string>();
  const roles: string[] = [];
  const walk = (current: string, path: string[]): string[] | undefined => {
    for (const parent of catalog.get(current)?.inherits ?? []) {
      if (path.includes(parent)) return [...path, parent];
      if (seen.has(parent)) continue;
      seen.add(parent);
      roles.push(parent);
      const cycle = walk(parent, [...path, parent]);
      if (cycle) return cycle;
    }
    return undefined;
  };
  const cycle = walk(name, [name]);
  return cycle ? { roles, cycle } : { roles };
}

/** The effective permissions of one role: its own and every inherited role's, sorted. */
export function effectivePermissionsOf(catalog: RoleCatalog, name: string): string[] {
  const set = new Set<string>(catalog.get(name)?.permissions ?? []);
  for (const parent of ancestry(catalog, name).roles)
    for (const p of catalog.get(parent)?.permissions ?? []) set.add(p);
  return [...set].filter(isGrantable).sort();
}

/** The union of the roles' effective permissions, sorted so tokens are stable. */
export function permissionsOfRoles(catalog: RoleCatalog, roles: readonly string[]): string[] {
  const set = new Set<string>();
  for (const role of roles) for (const p of effectivePermissionsOf(catalog, role)) set.add(p);
  return [...set].sort();
}

/** The roles whose effective permissions depend on `name`: itself and every role inheriting it. */
export function dependents(catalog: RoleCatalog, name: string): string[] {
  return [...catalog.keys()].filter((r) => r === name || ancestry(catalog, r).roles.includes(name));
}

/** Whether every role is built in: the token path then needs no database read. */
export const allBuiltIn = (roles: readonly string[]) => roles.every((r) => BUILT_IN_CATALOG.has(r));
