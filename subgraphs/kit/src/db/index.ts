// The kit's database API. Subgraphs import everything database-related from here (via the kit index),
// so MikroORM's version-specific imports stay in one place.
export {
  openDatabase,
  afterCommit,
  APP_ROLE,
  appRoleFor,
  type Database,
  type SqlReader,
  type OpenDatabaseOptions,
  type TenantContext,
} from './database.ts';
export {
  MIGRATIONS_TABLE,
  createRoleSql,
  searchRoleFor,
  searchRoleSql,
  type MigrationList,
} from './migrate.ts';
export { tenantTableSql, ident, qualified, CURRENT_DEALERSHIP_SQL } from './sql.ts';
export { Migration } from '@mikro-orm/migrations';
export { defineEntity, p, type InferEntity } from '@mikro-orm/core';
export type { EntityManager } from '@mikro-orm/postgresql';
