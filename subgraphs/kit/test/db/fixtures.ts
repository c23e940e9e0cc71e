// A tiny tenant-owned table, its entity and migrations, as a subgraph would write them.
import {
  Migration,
  defineEntity,
  p,
  tenantTableSql,
  type InferEntity,
} from '../../src/db/index.ts';

export const SCHEMA = 'kit_test';

export const Note = defineEntity({
  name: 'Note',
  tableName: 'note',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    dealershipId: p.uuid(),
    body: p.string(),
    createdAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
  },
});
export type Note = InferEntity<typeof Note>;

export class CreateNote extends Migration {
  override name = '0001_create_note';
  override up(): void {
    this.addSql(`create table note (
      id uuid primary key default gen_random_uuid(),
      dealership_id uuid not null,
      body text not null,
      created_at timestamptz not null default now()
    )`);
    for (const sql of tenantTableSql(`${SCHEMA}.note`)) this.addSql(sql);
  }
}

// A cross-tenant lookup that must work before a tenant is known (like login by username): owned by
// the migrating user, it reads past RLS and returns only what the caller needs.
export class CountNotesFunction extends Migration {
  override name = '0002_count_notes_function';
  override up(): void {
    this.addSql(`create function ${SCHEMA}.count_notes(p_body text) returns bigint
      language sql stable security definer set search_path = pg_catalog, ${SCHEMA}
      as $$ select count(*) from ${SCHEMA}.note where body = p_body $$`);
  }
}

export const MIGRATIONS = [CreateNote, CountNotesFunction];
