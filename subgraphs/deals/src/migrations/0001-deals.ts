// The deals schema: deals (price structure, trade-ins, rebates and products as JSON owned by the
// deal), scenarios (calc input + full result), the event log, per-dealership settings and the
// outbox of vehicle-status changes for inventory. Every table is tenant-owned (RLS).
import { Migration, tenantTableSql } from '@autolytiq/kit';

const STATUSES = `'DRAFT','SUBMITTED','APPROVED','IN_FINANCE','CONTRACTED','DELIVERED','REJECTED','CANCELLED','UNWOUND'`;

export class Migration0001Deals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table deals.deals (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        status text not null default 'DRAFT' check (status in (${STATUSES})),
        buyer_id uuid not null,
        co_buyer_id uuid,
        vehicle_id uuid not null,
        salesperson_id uuid,
        sales_manager_id uuid,
        deal_date date not null,
        buyer_state char(2) not null,
        buyer_zip text,
        vehicle_condition text not null check (vehicle_condition in ('NEW', 'USED')),
        msrp numeric(12, 2),
        selling_price numeric(12, 2) not null check (selling_price > 0),
        accessories numeric(12, 2) not null default 0,
        dealer_discount numeric(12, 2) not null default 0,
        rebates jsonb not null default '[]',
        doc_fee numeric(12, 2) not null default 0,
        title_fee numeric(12, 2),
        registration_fee numeric(12, 2),
        trade_ins jsonb not null default '[]',
        products jsonb not null default '[]',
        reconditioning numeric(12, 2) not null default 0,
        vehicle_cost numeric(12, 2),
        rejection_reason text,
        cancellation_reason text,
        submitted_at timestamptz,
        approved_at timestamptz,
        approved_by uuid,
        delivered_at timestamptz,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    this.addSql(`
      create table deals.scenarios (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        deal_id uuid not null references deals.deals (id) on delete cascade,
        kind text not null check (kind in ('CASH', 'FINANCE', 'LEASE')),
        name text,
        position integer not null,
        selected boolean not null default false,
        terms jsonb,
        calc_input jsonb not null,
        result jsonb not null,
        reserve numeric(12, 2) not null default 0,
        calculated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table deals.events (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        deal_id uuid not null references deals.deals (id) on delete cascade,
        seq bigserial not null,
        kind text not null,
        actor_id uuid,
        at timestamptz not null default now(),
        from_status text,
        to_status text,
        changes jsonb not null default '[]',
        note text
      )`);
    this.addSql(`
      create table deals.settings (
        dealership_id uuid primary key,
        default_doc_fee numeric(12, 2) not null default 0 check (default_doc_fee >= 0),
        low_gross_threshold numeric(12, 2) not null default 0,
        reserve_share numeric(6, 4) not null default 0.75 check (reserve_share between 0 and 1),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    // One row per vehicle-status change inventory must apply; id is the idempotency key it records.
    this.addSql(`
      create table deals.outbox (
        id uuid primary key default gen_random_uuid(),
        seq bigserial not null,
        dealership_id uuid not null,
        deal_id uuid not null,
        vehicle_id uuid not null,
        vehicle_status text not null check (vehicle_status in ('AVAILABLE', 'ON_HOLD', 'SOLD')),
        created_at timestamptz not null default now(),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        delivered_at timestamptz,
        last_error text
      )`);
    for (const t of [
      'deals.deals',
      'deals.scenarios',
      'deals.events',
      'deals.settings',
      'deals.outbox',
    ]) {
      for (const sql of tenantTableSql(t)) this.addSql(sql);
    }
    // The relay works for every dealership before it knows which: only the owner-defined functions
    // below read across tenants, and the app role is not the owner.
    this.addSql(
      'create policy definer_access on deals.outbox to current_user using (true) with check (true)',
    );
    this.addSql(
      'create index deals_by_date on deals.deals (dealership_id, deal_date desc, id desc)',
    );
    this.addSql(
      'create index deals_by_updated on deals.deals (dealership_id, updated_at desc, id desc)',
    );
    this.addSql(
      'create index deals_by_created on deals.deals (dealership_id, created_at desc, id desc)',
    );
    this.addSql('create index deals_by_buyer on deals.deals (dealership_id, buyer_id)');
    this.addSql('create index deals_by_co_buyer on deals.deals (dealership_id, co_buyer_id)');
    this.addSql('create index deals_by_vehicle on deals.deals (dealership_id, vehicle_id)');
    this.addSql(
      'create index deals_by_salesperson on deals.deals (dealership_id, salesperson_id, deal_date desc)',
    );
    this.addSql('create index scenarios_by_deal on deals.scenarios (deal_id, position)');
    this.addSql(
      'create unique index scenarios_one_selected on deals.scenarios (deal_id) where selected',
    );
    this.addSql('create index events_by_deal on deals.events (deal_id, seq)');
    this.addSql(
      'create index outbox_pending on deals.outbox (next_attempt_at, seq) where delivered_at is null',
    );
    this.addSql(CLAIM_OUTBOX);
    this.addSql(OUTBOX_DONE);
    this.addSql(OUTBOX_FAILED);
    for (const fn of [
      'deals.claim_outbox(integer, integer)',
      'deals.outbox_delivered(uuid)',
      'deals.outbox_failed(uuid, text)',
    ]) {
      this.addSql(`revoke all on function ${fn} from public`);
      this.addSql(`grant execute on function ${fn} to autolytiq_app`);
    }
  }
}

// Claims up to p_limit due rows for p_lease_seconds (another replica skips them meanwhile). A row
// waits while an earlier change for the same vehicle is undelivered, so inventory sees them in order.
const CLAIM_OUTBOX = `
create function deals.claim_outbox(p_limit integer, p_lease_seconds integer)
returns table (id uuid, dealership_id uuid, deal_id uuid, vehicle_id uuid, vehicle_status text, attempts integer)
language sql volatile security definer set search_path = pg_catalog, deals as $$
  with due as (
    select o.id from deals.outbox o
    where o.delivered_at is null and o.next_attempt_at <= now()
      and not exists (
        select 1 from deals.outbox e
        where e.vehicle_id = o.vehicle_id and e.delivered_at is null and e.seq < o.seq)
    order by o.seq
    limit p_limit
    for update skip locked
  )
  update deals.outbox o
     set attempts = o.attempts + 1,
         next_attempt_at = now() + make_interval(secs => p_lease_seconds)
    from due where o.id = due.id
  returning o.id, o.dealership_id, o.deal_id, o.vehicle_id, o.vehicle_status, o.attempts
$$`;

const OUTBOX_DONE = `
create function deals.outbox_delivered(p_id uuid) returns void
language sql volatile security definer set search_path = pg_catalog, deals as $$
  update deals.outbox set delivered_at = now(), last_error = null where id = p_id
$$`;

// Exponential backoff: 1 s, 2 s, 4 s … capped at 5 minutes.
const OUTBOX_FAILED = `
create function deals.outbox_failed(p_id uuid, p_error text) returns void
language sql volatile security definer set search_path = pg_catalog, deals as $$
  update deals.outbox
     set last_error = left(p_error, 500),
         next_attempt_at = now() + make_interval(secs => least(300, power(2, least(attempts, 9)) / 2.0))
   where id = p_id
$$`;
