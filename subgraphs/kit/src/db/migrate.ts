// Schema migrations for one subgraph: MikroORM's migrator, with its tracking table inside the
// subgraph's schema, serialised across replicas by a PostgreSQL advisory lock, followed by the grants
// that let the application role use what the migrations created.
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { ident } from './sql.ts';

/**
 * The role every subgraph's own role is a member of. It holds only EXECUTE on the SECURITY DEFINER
 * functions migrations grant to it by name, never a schema (database.ts: appRoleFor).
 */
export const SHARED_APP_ROLE = 'autolytiq_app';

export type MigrationList = readonly (MigrationObject | Constructor<Migration>)[];

export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

export interface MigrateOptions {
  /** MikroORM options shared with the application ORM (url, schema, entities). */
  base: Options;
  schema: string;
  migrations: MigrationList;
  appRole: string;
  /** What the app role may do on the schema's tables. Default select, insert, update, delete. */
  appPrivileges?: string;
}

/** Runs pending migrations as the connecting (owner) role; returns the names it executed. */
export async function runMigrations({
  base,
  schema,
  migrations,
  appRole,
  appPrivileges = 'select, insert, update, delete',
}: MigrateOptions): Promise<string[]> {
  // A short-lived ORM of its own: the application ORM switches every connection to the app role,
  // but DDL must run as the owner.
  const orm = await MikroORM.init({
    ...base,
    extensions: [Migrator],
    pool: { min: 0, max: 3 },
    migrations: {
      migrationsList: [...migrations],
      schema, // search_path = the subgraph's schema while a migration runs; tracking table lives there
      tableName: MIGRATIONS_TABLE,
      snapshot: false, // no schema snapshot files: migrations are hand-written and live in code
      transactional: true,
      allOrNothing: true, // one transaction for the whole batch: a failing migration leaves nothing behind
      silent: true,
    },
  });
  const conn = orm.em.getConnection();
  try {
    // The lock is held by a transaction on one pooled connection while the migrator works on the
    // others: it serialises replicas, and PostgreSQL releases it if this process dies mid-way.
    // (Running the migrator inside this transaction instead would deadlock: the migrator creates its
    // tracking table on another connection before it uses the transaction it is given.)
    return await conn.transactional(async (lock) => {
      await conn.execute(
        'select pg_advisory_xact_lock(hashtext(?), hashtext(?))',
        ['autolytiq.migrate', schema],
        'run',
        lock,
      );
      await ensureAppRole(conn, appRole);
      await conn.execute(`create schema if not exists ${ident(schema)}`);
      const done = await orm.migrator.up();
      await grantToAppRole(conn, schema, appRole, appPrivileges);
      return done.map((m) => m.name);
    });
  } finally {
    await orm.close();
  }
}

type Connection = ReturnType<MikroORM['em']['getConnection']>;

// Roles are cluster-wide while the advisory lock is per database, so two databases on one server
// (parallel test files, or two environments) may race here: a duplicate is simply fine.
async function ensureAppRole(conn: Connection, role: string): Promise<void> {
  await conn.execute(createRoleSql(SHARED_APP_ROLE));
  if (role !== SHARED_APP_ROLE) {
    await conn.execute(createRoleSql(role));
    // Migrations grant EXECUTE on their SECURITY DEFINER functions to the shared role (text written
    // before roles were per subgraph); a subgraph's role inherits those grants, but calling another
    // schema's function still needs USAGE on that schema, which only its own role has.
    // Only when missing: a non-superuser owner (roles made for it beforehand) may lack ADMIN on them.
    await conn.execute(`do $$ begin
      if not pg_has_role('${role}', '${SHARED_APP_ROLE}', 'member') then
        execute format('grant %I to %I', '${SHARED_APP_ROLE}', '${role}');
      end if;
    end $$`);
  }
  // A non-superuser owner must be a member of the role to `SET ROLE` to it.
  await conn.execute(`do $$ begin
    if not (select rolsuper from pg_roles where rolname = current_user) then
      execute format('grant %I to %I', '${role}', current_user);
    end if;
  end $$`);
}

/** Idempotent CREATE ROLE of a no-login, unprivileged role. */
export function createRoleSql(role: string): string {
  ident(role);
  return `do $$ begin
    if not exists (select from pg_roles where rolname = '${role}') then
      create role ${ident(role)} nologin nosuperuser nocreatedb nocreaterole nobypassrls;
    end if;
  exception when duplicate_object or unique_violation then null;
  end $$`;
}

/**
 * The role that owns a schema's search functions (`autolytiq_search_<schema>`). Trigram and LIKE
 * operators are not leakproof, so PostgreSQL will not use their indexes under a forced RLS policy
 * and scans the whole dealership instead. A SECURITY DEFINER function owned by this role reads the
 * search table through a policy of its own (`using (true)`, SELECT only) and states the tenant
 * condition itself, from the same setting the policies read: the index serves the search and the
 * function still returns only the caller's dealership. The role cannot log in, bypasses nothing,
 * and nobody but the migrating owner is a member of it (tests/rls-catalog.test.ts checks).
 */
export function searchRoleFor(schema: string): string {
  ident(schema);
  return `autolytiq_search_${schema}`;
}

/** Creates the search role of `schema` (idempotent) with USAGE on it; grants and policies are the migration's. */
export function searchRoleSql(schema: string): string[] {
  const role = searchRoleFor(schema);
  return [
    createRoleSql(role),
    // A non-superuser owner must be a member to make the role own functions (ALTER … OWNER TO).
    `do $$ begin
      if not (select rolsuper from pg_roles where rolname = current_user)
         and not pg_has_role(current_user, '${role}', 'member') then
        execute format('grant %I to %I', '${role}', current_user);
      end if;
    end $$`,
    `grant usage on schema ${ident(schema)} to ${ident(role)}`,
  ];
}

async function grantToAppRole(
  conn: Connection,
  schema: string,
  role: string,
  dml: string,
): Promise<void> {
  if (!/^[a-z, ]+$/.test(dml)) throw new Error(`invalid privileges: ${dml}`);
  const s = ident(schema);
  const r = ident(role);
  await conn.execute(`
    grant usage on schema ${s} to ${r};
    grant ${dml} on all tables in schema ${s} to ${r};
    grant usage, select on all sequences in schema ${s} to ${r};
    alter default privileges in schema ${s} grant ${dml} on tables to ${r};
    alter default privileges in schema ${s} grant usage, select on sequences to ${r};
    revoke all on ${s}.${ident(MIGRATIONS_TABLE)} from ${r};
  `);
  if (role === SHARED_APP_ROLE) return;
  // Databases made before roles were per subgraph granted every schema to the shared role, which
  // every subgraph's role now inherits: take the schema back from it.
  const shared = ident(SHARED_APP_ROLE);
  await conn.execute(`
    revoke all on all tables in schema ${s} from ${shared};
    revoke all on all sequences in schema ${s} from ${shared};
    revoke usage on schema ${s} from ${shared};
    alter default privileges in schema ${s} revoke all on tables from ${shared};
    alter default privileges in schema ${s} revoke all on sequences from ${shared};
  `);
}
