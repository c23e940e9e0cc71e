// Customers, their notes and activity timeline, and the ids merged away.
//
// Search: pg_trgm GIN indexes on two derived columns the store keeps up to date, search_name
// (lower-case names) and search_contact (emails and phone digits). PostgreSQL will not use an index
// for a non-LEAKPROOF operator (the trigram %>, LIKE) on a table whose row-level security applies to
// the caller: it must run the policy first, which means a scan of the whole dealership. So the search
// columns are mirrored (by trigger) into customers.customer_search, whose RLS is enabled but not
// forced, and read through the view customers.customer_search_v, owned by the schema owner, which
// applies the same tenant predicate as the policies itself. The planner can then combine the tenant
// predicate and the trigram index. A search picks its page of ids there (in a MATERIALIZED CTE, so
// it is planned apart from the forced-RLS table) and only then joins customers.customers, whose
// forced RLS still applies.
import { CURRENT_DEALERSHIP_SQL, Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0001Customers extends Migration {
  override async up(): Promise<void> {
    // Trusted extension: the database owner may create it. Kept in public and referenced qualified.
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql(`
      create table customers.customers (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        kind text not null check (kind in ('INDIVIDUAL', 'BUSINESS')),
        first_name text,
        middle_name text,
        last_name text,
        business_name text,
        emails text[] not null default '{}',
        phones jsonb not null default '[]',
        phone_numbers text[] not null default '{}',
        addresses jsonb not null default '[]',
        date_of_birth date,
        preferred_contact text,
        marketing_consent boolean not null default false,
        do_not_contact boolean not null default false,
        source text not null,
        assigned_salesperson_id uuid,
        search_name text not null default '',
        search_contact text not null default '',
        created_by uuid,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('customers.customers')) this.addSql(sql);
    this.addSql(
      'create index customers_created_idx on customers.customers (dealership_id, created_at desc, id desc)',
    );
    this.addSql(
      'create index customers_salesperson_idx on customers.customers (dealership_id, assigned_salesperson_id, created_at desc)',
    );

    this.addSql(`
      create table customers.customer_search (
        id uuid primary key references customers.customers (id) on delete cascade,
        dealership_id uuid not null,
        search_name text not null,
        search_contact text not null,
        -- the list filters, so a search never joins a forced-RLS table before its LIMIT
        source text not null,
        assigned_salesperson_id uuid,
        created_at timestamptz not null,
        -- exact contact points, for duplicate detection (array overlap is not leakproof either)
        emails text[] not null,
        phone_numbers text[] not null
      )`);
    // Enabled, not forced: the application role is filtered; the owner (the view below) is not.
    this.addSql('alter table customers.customer_search enable row level security');
    this.addSql(
      `create policy tenant_isolation on customers.customer_search
         using (dealership_id = ${CURRENT_DEALERSHIP_SQL}) with check (dealership_id = ${CURRENT_DEALERSHIP_SQL})`,
    );
    this.addSql(
      'create index customer_search_name_trgm on customers.customer_search using gin (search_name public.gin_trgm_ops) with (fastupdate = off)',
    );
    this.addSql(
      'create index customer_search_contact_trgm on customers.customer_search using gin (search_contact public.gin_trgm_ops) with (fastupdate = off)',
    );
    this.addSql(
      'create index customer_search_dealership_idx on customers.customer_search (dealership_id)',
    );
    this.addSql(
      'create index customer_search_emails_idx on customers.customer_search using gin (emails)',
    );
    this.addSql(
      'create index customer_search_phones_idx on customers.customer_search using gin (phone_numbers)',
    );
    // fastupdate off: a customer write pays a little more, but a search never scans a pending list
    // (which, after a burst of inserts, also makes the planner give up on the index).
    // Not a security barrier, so trigram conditions reach the indexes; the tenant predicate is the
    // view's own. The check option stops writes through the view into another dealership.
    this.addSql(`
      create view customers.customer_search_v as
        select id, search_name, search_contact, source, assigned_salesperson_id, created_at, emails,
               phone_numbers
          from customers.customer_search
         where dealership_id = ${CURRENT_DEALERSHIP_SQL}
        with local check option`);
    this.addSql(`
      create function customers.sync_customer_search() returns trigger
      language plpgsql as $$
      begin
        insert into customers.customer_search (id, dealership_id, search_name, search_contact,
          source, assigned_salesperson_id, created_at, emails, phone_numbers)
        values (new.id, new.dealership_id, new.search_name, new.search_contact, new.source,
          new.assigned_salesperson_id, new.created_at, new.emails, new.phone_numbers)
        on conflict (id) do update
          set search_name = excluded.search_name, search_contact = excluded.search_contact,
            source = excluded.source, assigned_salesperson_id = excluded.assigned_salesperson_id,
            emails = excluded.emails, phone_numbers = excluded.phone_numbers;
        return null;
      end $$`);
    this.addSql(`
      create trigger customers_search_sync
        after insert or update of search_name, search_contact, source, assigned_salesperson_id,
          emails, phone_numbers on customers.customers
        for each row execute function customers.sync_customer_search()`);
    this.addSql(
      'create index customers_name_dob_idx on customers.customers (dealership_id, date_of_birth)',
    );

    this.addSql(`
      create table customers.notes (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        customer_id uuid not null references customers.customers (id),
        body text not null check (length(body) between 1 and 10000),
        author_id uuid,
        created_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('customers.notes')) this.addSql(sql);
    this.addSql(
      'create index notes_customer_idx on customers.notes (customer_id, created_at desc)',
    );

    this.addSql(`
      create table customers.activities (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        customer_id uuid not null references customers.customers (id),
        kind text not null,
        occurred_at timestamptz not null default now(),
        summary text not null check (length(summary) between 1 and 10000),
        actor_id uuid,
        created_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('customers.activities')) this.addSql(sql);
    this.addSql(
      'create index activities_customer_idx on customers.activities (customer_id, occurred_at desc)',
    );

    // A merged-away id keeps resolving (to its survivor) for whoever still references it.
    this.addSql(`
      create table customers.merged_customers (
        merged_id uuid primary key,
        dealership_id uuid not null,
        survivor_id uuid not null references customers.customers (id),
        merged_by uuid,
        merged_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('customers.merged_customers')) this.addSql(sql);
    this.addSql('create index merged_survivor_idx on customers.merged_customers (survivor_id)');
  }
}
