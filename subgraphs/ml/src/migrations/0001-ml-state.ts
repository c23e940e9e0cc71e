// The ml subgraph's own tables. Everything is per dealership (RLS forced): what each engine learned,
// the deal facts it learned from (read through the graph, never from another subgraph's tables), the
// customers' segments, the deal outcomes Prime learned (once per deal: the primary key says so), the
// background jobs, and the dealerships whose deals are followed.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0001MlState extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table ml.models (
        dealership_id uuid not null,
        engine text not null check (engine in ('WHACO', 'PRIME', 'OSCILLATOR')),
        version integer not null default 1,
        samples integer not null default 0,
        state jsonb,
        trained_at timestamptz,
        updated_at timestamptz not null default now(),
        primary key (dealership_id, engine)
      )`);
    this.addSql(`
      create table ml.deal_facts (
        dealership_id uuid not null,
        deal_id uuid not null,
        deal_number integer not null,
        customer_id uuid not null,
        salesperson_id uuid,
        status text not null,
        strategy text,
        facts jsonb not null,
        deal_created_at timestamptz not null,
        deal_updated_at timestamptz not null,
        synced_at timestamptz not null default now(),
        primary key (dealership_id, deal_id)
      )`);
    this.addSql(
      'create index deal_facts_customer on ml.deal_facts (dealership_id, customer_id, deal_created_at desc)',
    );
    this.addSql(`
      create table ml.customer_segments (
        dealership_id uuid not null,
        customer_id uuid not null,
        deal_id uuid not null,
        segment integer not null,
        confidence double precision not null,
        score double precision not null,
        model_version integer not null,
        primary key (dealership_id, customer_id)
      )`);
    this.addSql(
      'create index customer_segments_outliers on ml.customer_segments (dealership_id, score desc) where segment = -1',
    );
    this.addSql(`
      create table ml.prime_outcomes (
        dealership_id uuid not null,
        deal_id uuid not null,
        strategy text not null,
        success boolean not null,
        recommended text,
        recorded_at timestamptz not null default now(),
        primary key (dealership_id, deal_id)
      )`);
    this.addSql(`
      create table ml.jobs (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        engine text not null,
        status text not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
        progress double precision not null default 0,
        message text not null,
        requested_by uuid,
        started_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        finished_at timestamptz
      )`);
    this.addSql('create index jobs_recent on ml.jobs (dealership_id, started_at desc)');
    this.addSql(`
      create table ml.dealerships (
        dealership_id uuid primary key,
        synced_through timestamptz,
        last_sync_at timestamptz,
        last_error text,
        registered_at timestamptz not null default now()
      )`);
    for (const t of [
      'models',
      'deal_facts',
      'customer_segments',
      'prime_outcomes',
      'jobs',
      'dealerships',
    ]) {
      for (const sql of tenantTableSql(`ml.${t}`)) this.addSql(sql);
    }
    // The one cross-tenant read: which dealerships to follow after a restart (ids only).
    this.addSql(`
      create function ml.followed_dealerships() returns setof uuid
      language sql stable security definer set search_path = pg_catalog, ml as $$
        select dealership_id from ml.dealerships order by registered_at
      $$`);
  }
}
