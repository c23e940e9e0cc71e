// A subgraph's handle on PostgreSQL: one MikroORM instance for application queries (always as the
// unprivileged app role, so row-level security applies) plus migrations run as the owner.
import type { AnyEntity, EntityClass, EntitySchema } from '@mikro-orm/core';
import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { SHARED_APP_ROLE, runMigrations, type MigrationList } from './migrate.ts';
import { isUuid } from '../ids.ts';
import { ident } from './sql.ts';
import { AUDIT_APP_PRIVILEGES, AUDIT_MIGRATIONS, AUDIT_SCHEMA } from '../audit/migrations.ts';

export const APP_ROLE = SHARED_APP_ROLE;

/**
 * The role a subgraph's application queries run as: its own (`autolytiq_app_<schema>`), with USAGE
 * and DML on its schema and the shared audit trail only — deals' pool cannot read auth's password
 * hashes or signing keys. A member of APP_ROLE (function grants, never a schema).
 */
export function appRoleFor(schema: string): string {
  return `${APP_ROLE}_${schema}`;
}

export interface OpenDatabaseOptions {
  /** Connection URL of the schema owner (migrations run as this user; queries switch to `appRole`). */
  url: string;
  /** The subgraph's PostgreSQL schema: entities without their own schema and the migrations table live here. */
  schema: string;
  entities?: readonly (EntityClass<AnyEntity> | EntitySchema)[];
  /** Ordered migrations, applied by `migrate()`. Names must be stable: they are recorded in the database. */
  migrations?: MigrationList;
  /** Role that application queries run as. Default `appRoleFor(schema)` (`autolytiq_app_<schema>`). */
  appRole?: string;
  /**
   * Optional separate login for application queries (a user that is, or is a member of, `appRole`).
   * Default: `url`, with every connection switched to `appRole` by `SET ROLE`.
   */
  appUrl?: string;
  /** Maximum pooled connections for application queries. Default 10. */
  poolSize?: number;
  /** Log every SQL statement (MikroORM debug). */
  debug?: boolean;
}

export interface TenantContext {
  dealershipId: string;
  userId?: string | null;
  /**
   * The dealership's IANA time zone: the transaction's TimeZone, so `current_date` (days in stock,
   * column defaults) is the dealership's date, not the server's. Absent: the server's (UTC).
   */
  timezone?: string;
}

export interface Database {
  readonly schema: string;
  /** True once `migrate()` has completed in this process. */
  readonly migrated: boolean;
  /** Creates the schema and app role if missing, runs pending migrations; returns the names it ran. */
  migrate(): Promise<string[]>;
  /** Runs `fn` in one transaction scoped to a dealership; rolls back if it throws. */
  withTenant<T>(tenant: TenantContext, fn: (em: EntityManager) => Promise<T>): Promise<T>;
  /**
   * Read-only work scoped to a dealership in the fewest round trips: each `execute` of `fn` sends the
   * tenant settings and its statement together as ONE simple query, which PostgreSQL runs as one
   * implicit transaction — the settings (local to it) hold for exactly that statement, and no
   * BEGIN/COMMIT round trips are needed (a deal fetch went from 13 statements to 4 round trips). The
   * statements of one `read` do not share a snapshot: for hot reads (entity references, one deal);
   * writes and reads that must agree with each other use withTenant.
   */
  read<T>(tenant: TenantContext, fn: (sql: SqlReader) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction with no tenant: tenant rows are invisible; SECURITY DEFINER functions work. */
  asSystem<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
  /** True when the database answers (for /ready). Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The underlying ORM, for what this API does not cover. Its connections run as the app role. */
  readonly orm: MikroORM;
}

/** What a read needs of an EntityManager: SQL with `?` parameters, answering rows. */
export type SqlReader = Pick<EntityManager, 'execute'>;

// Work to do once the transaction an EntityManager belongs to has COMMITTED (events for subscribers):
// a rolled-back transaction runs none of it.
const commitHooks = new WeakMap<EntityManager, Array<() => void>>();

/**
 * Runs `fn` after the current withTenant/asSystem transaction commits (never if it rolls back).
 * Outside such a transaction it throws: there would be nothing to wait for.
 */
export function afterCommit(em: EntityManager, fn: () => void): void {
  const hooks = commitHooks.get(em);
  if (!hooks) throw new Error('afterCommit: not inside a withTenant/asSystem transaction');
  hooks.push(fn);
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { url, schema, migrations = [] } = options;
  ident(schema); // validate early: both names end up in SQL text
  const appRole = options.appRole ?? appRoleFor(schema);
  const setRole = `set role ${ident(appRole)}`;
  const base: Options = {
    clientUrl: url,
    schema,
    entities: [...(options.entities ?? [])],
    discovery: { warnWhenNoEntities: false },
    debug: options.debug ?? false,
  };
  const orm = await MikroORM.init({
    ...base,
    clientUrl: options.appUrl ?? url,
    pool: { min: 0, max: options.poolSize ?? 10 },
    // Every physical connection of the application pool drops to the app role as soon as it opens,
    // so even a query made outside withTenant/asSystem (e.g. a lazy load after the transaction ended)
    // runs under RLS and sees no tenant rows, instead of running as the owner.
    onCreateConnection: async (connection) => {
      await (connection as RawConnection).executeQuery({ sql: setRole, parameters: [] });
    },
  });

  let migrated = false;

  // `set_config('role', …, true)` re-asserts the role for this transaction (same round trip), so a
  // pooled connection left in another role by a stray `RESET ROLE` cannot carry owner rights into it.
  // SQL inside the transaction could still `SET ROLE <owner>` (the session user is the owner): use a
  // separate login (`appUrl`) to close that door too.
  async function transaction<T>(
    tenant: TenantContext | null,
    fn: (em: EntityManager) => Promise<T>,
  ): Promise<T> {
    const hooks: Array<() => void> = [];
    const result = await orm.em.fork().transactional(async (em) => {
      commitHooks.set(em, hooks);
      await em.execute(
        tenant?.timezone
          ? "select set_config('role', ?, true), set_config('app.dealership_id', ?, true), set_config('app.user_id', ?, true), set_config('TimeZone', ?, true)"
          : "select set_config('role', ?, true), set_config('app.dealership_id', ?, true), set_config('app.user_id', ?, true)",
        [
          appRole,
          tenant?.dealershipId ?? '',
          tenant?.userId ?? '',
          ...(tenant?.timezone ? [tenant.timezone] : []),
        ],
      );
      return fn(em);
    });
    for (const hook of hooks) {
      try {
        hook();
      } catch {
        // A hook is a notification (it must not fail the committed write); hooks log their own errors.
      }
    }
    return result;
  }

  const connection = orm.em.getConnection();
  const platform = orm.em.getPlatform();
  const settingsSql = (tenant: TenantContext) =>
    platform.formatQuery(
      tenant.timezone
        ? "select set_config('role', ?, true), set_config('app.dealership_id', ?, true), set_config('app.user_id', ?, true), set_config('TimeZone', ?, true)"
        : "select set_config('role', ?, true), set_config('app.dealership_id', ?, true), set_config('app.user_id', ?, true)",
      [
        appRole,
        tenant.dealershipId,
        tenant.userId ?? '',
        ...(tenant.timezone ? [tenant.timezone] : []),
      ],
    );

  // One statement in the tenant's scope, one round trip. MikroORM inlines parameters itself (its
  // execute sends simple queries too); this sends the settings and the statement in the same one.
  async function readStatement(settings: string, sql: string, params: readonly unknown[]) {
    const statement = platform.formatQuery(sql, [...params]);
    const pool = (await connection.getNativeClient()) as NativePool;
    const client = await pool.connect();
    try {
      const results = await client.query(`${settings};\n${statement}`);
      return (Array.isArray(results) ? results[results.length - 1]! : results).rows;
    } catch (error) {
      throw orm.em
        .getPlatform()
        .getExceptionConverter()
        .convertException(error as Error);
    } finally {
      client.release();
    }
  }

  return {
    schema,
    get migrated() {
      return migrated;
    },
    orm,
    async migrate() {
      // The platform's audit trail first (its own schema and tracking table; idempotent across
      // subgraphs and replicas): every subgraph writes to it in its own transactions.
      await runMigrations({
        base: { ...base, schema: AUDIT_SCHEMA, entities: [] },
        schema: AUDIT_SCHEMA,
        migrations: AUDIT_MIGRATIONS,
        appRole,
        appPrivileges: AUDIT_APP_PRIVILEGES,
      });
      const done = await runMigrations({ base, schema, migrations, appRole });
      migrated = true;
      return done;
    },
    async withTenant(tenant, fn) {
      if (!isUuid(tenant.dealershipId)) throw new Error('withTenant: dealershipId must be a UUID');
      if (tenant.userId != null && !isUuid(tenant.userId))
        throw new Error('withTenant: userId must be a UUID');
      return transaction(tenant, fn);
    },
    async read(tenant, fn) {
      if (!isUuid(tenant.dealershipId)) throw new Error('read: dealershipId must be a UUID');
      if (tenant.userId != null && !isUuid(tenant.userId))
        throw new Error('read: userId must be a UUID');
      // KIT_DB_READS=transaction: reads as before (BEGIN, settings, statements, COMMIT), to compare.
      if (process.env.KIT_DB_READS === 'transaction') return transaction(tenant, fn);
      const settings = settingsSql(tenant);
      const reader = {
        execute: (sql: string, params: readonly unknown[] = []) =>
          readStatement(settings, sql, params),
      } as unknown as SqlReader;
      return fn(reader);
    },
    asSystem: (fn) => transaction(null, fn),
    async ping() {
      try {
        await orm.em.getConnection().execute('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => orm.close(),
  };
}

/** The part of pg's Pool that a read needs (MikroORM's own pool; pg is not a kit dependency). */
interface NativePool {
  connect(): Promise<{
    query(sql: string): Promise<{ rows: unknown[] } | Array<{ rows: unknown[] }>>;
    release(): void;
  }>;
}

/** The part of Kysely's DatabaseConnection that onCreateConnection needs (kysely is not a kit dependency). */
interface RawConnection {
  executeQuery(query: { sql: string; parameters: readonly unknown[] }): Promise<unknown>;
}
