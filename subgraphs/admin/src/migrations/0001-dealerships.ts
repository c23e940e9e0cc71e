// The dealership record. Its own id is its tenant key: dealership_id mirrors id so the one RLS
// policy shape of every tenant table applies here too.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0001Dealerships extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table admin.dealerships (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null generated always as (id) stored,
        name text not null check (length(name) between 1 and 200),
        legal_name text not null check (length(legal_name) between 1 and 200),
        address_line1 text not null,
        address_line2 text,
        address_city text not null,
        address_state char(2) not null,
        address_zip text not null check (address_zip ~ '^[0-9]{5}(-[0-9]{4})?$'),
        address_county text,
        timezone text not null,
        currency char(3) not null default 'USD',
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('admin.dealerships')) this.addSql(sql);
    // A new dealership is inserted inside its own tenant scope (app.dealership_id = the new id), so
    // the policy's WITH CHECK admits it without any bypass.
  }
}
