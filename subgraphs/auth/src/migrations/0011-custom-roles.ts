// Custom roles per dealership, next to the built-in ones in code (src/domain/permissions.ts, which
// are not stored and cannot be changed). A role's own permissions and the roles it inherits from
// (built-in or custom, transitively); the effective set is computed in code from the catalog.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0011CustomRoles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table auth.roles (
        dealership_id uuid not null,
        name text not null check (name ~ '^[a-z][a-z0-9_-]{1,39}$'),
        description text not null default '' check (length(description) <= 300),
        permissions text[] not null default '{}',
        inherits text[] not null default '{}',
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (dealership_id, name)
      )`);
    for (const sql of tenantTableSql('auth.roles')) this.addSql(sql);
    // Who holds a role: users are found by role when a role changes (their sessions end).
    this.addSql('create index users_roles on auth.users using gin (roles)');
  }
}
