// inventory.vehicles: one row per vehicle, tenant-owned (RLS), VIN unique per dealership, money as
// numeric(12,2). Indexes follow the search: every sort key leads with dealership_id and ends with id
// (keyset pagination), and a full-text column covers the free-text box.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0001Vehicles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table inventory.vehicles (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        vin char(17) not null check (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
        stock_number text not null check (length(stock_number) between 1 and 40),
        year integer not null check (year between 1900 and 2100),
        make text not null,
        model text not null,
        trim text,
        body text,
        drivetrain text,
        engine text,
        exterior_color text,
        interior_color text,
        mileage integer not null check (mileage >= 0),
        condition text not null check (condition in ('NEW', 'USED', 'CPO')),
        msrp numeric(12, 2) check (msrp >= 0),
        invoice numeric(12, 2) check (invoice >= 0),
        cost numeric(12, 2) check (cost >= 0),
        list_price numeric(12, 2) check (list_price >= 0),
        status text not null check (status in ('AVAILABLE', 'ON_HOLD', 'SOLD', 'IN_TRANSIT')),
        in_stock_date date not null default current_date,
        photos text[] not null default '{}',
        options text[] not null default '{}',
        search tsvector generated always as (
          to_tsvector('simple',
            coalesce(make, '') || ' ' || coalesce(model, '') || ' ' || coalesce(trim, '') || ' ' ||
            coalesce(body, '') || ' ' || coalesce(exterior_color, '') || ' ' ||
            coalesce(interior_color, '') || ' ' || stock_number || ' ' || vin || ' ' ||
            right(vin, 8) || ' ' || right(vin, 6))
        ) stored,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint vehicles_vin_per_dealership unique (dealership_id, vin)
      )`);
    for (const sql of tenantTableSql('inventory.vehicles')) this.addSql(sql);
    this.addSql(
      'create index vehicles_by_in_stock on inventory.vehicles (dealership_id, in_stock_date, id)',
    );
    this.addSql(
      'create index vehicles_by_price on inventory.vehicles (dealership_id, (coalesce(list_price, 0)), id)',
    );
    this.addSql('create index vehicles_by_year on inventory.vehicles (dealership_id, year, id)');
    this.addSql(
      'create index vehicles_by_make_model on inventory.vehicles (dealership_id, lower(make), lower(model))',
    );
    this.addSql('create index vehicles_search on inventory.vehicles using gin (search)');
    this.addSql(
      'create index vehicles_by_stock_number on inventory.vehicles (dealership_id, stock_number)',
    );
  }
}
