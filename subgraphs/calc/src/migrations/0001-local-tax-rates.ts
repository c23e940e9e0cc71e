// A dealership's own local tax rates (imported CSV rows or hand-entered overrides), one per state
// and ZIP. They win over the rates the engine ships.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0001LocalTaxRates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table calc.local_tax_rates (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        state char(2) not null,
        zip char(5) not null check (zip ~ '^[0-9]{5}$'),
        region text,
        combined_rate numeric(8, 6) not null check (combined_rate >= 0 and combined_rate < 0.3),
        state_rate numeric(8, 6) check (state_rate >= 0),
        county_rate numeric(8, 6) check (county_rate >= 0),
        city_rate numeric(8, 6) check (city_rate >= 0),
        special_rate numeric(8, 6) check (special_rate >= 0),
        updated_by uuid,
        updated_at timestamptz not null default now(),
        unique (dealership_id, state, zip)
      )`);
    for (const sql of tenantTableSql('calc.local_tax_rates')) this.addSql(sql);
  }
}
