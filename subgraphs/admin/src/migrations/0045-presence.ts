// Team presence kept in PostgreSQL, so every admin replica agrees on who is online. One row per open
// teamPresence subscription (presence_connections, refreshed by the replica holding it) and one per
// online member (presence). A member is online while they hold a connection row; a replica that
// dies stops refreshing its rows, and any replica's sweep (presence_sweep) ends them.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0045Presence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table admin.presence_connections (
        id uuid primary key,
        dealership_id uuid not null,
        user_id uuid not null,
        seen_at timestamptz not null default now()
      )`);
    this.addSql(
      'create index presence_connections_by_user on admin.presence_connections (dealership_id, user_id)',
    );
    this.addSql('create index presence_connections_seen on admin.presence_connections (seen_at)');
    this.addSql(`
      create table admin.presence (
        dealership_id uuid not null,
        user_id uuid not null,
        username text not null,
        status text not null check (status in ('AVAILABLE', 'WITH_CUSTOMER', 'BUSY', 'AWAY')),
        note text check (length(note) <= 140),
        viewing_kind text check (viewing_kind in ('DEAL', 'CUSTOMER', 'VEHICLE')),
        viewing_id uuid,
        since timestamptz not null,
        primary key (dealership_id, user_id)
      )`);
    for (const t of ['admin.presence_connections', 'admin.presence']) {
      for (const sql of tenantTableSql(t)) this.addSql(sql);
    }
    this.addSql(SWEEP);
    this.addSql('revoke all on function admin.presence_sweep(integer) from public');
    this.addSql('grant execute on function admin.presence_sweep(integer) to autolytiq_app');
  }
}

// Across dealerships (the caller has no tenant): drops connections not refreshed for p_stale_seconds
// and the presence of members left with none, returning those members so the caller can tell their
// teams. Two replicas sweeping at once each get a member at most once (DELETE … RETURNING).
const SWEEP = `
create function admin.presence_sweep(p_stale_seconds integer)
returns table (dealership_id uuid, user_id uuid, username text, status text, note text,
               viewing_kind text, viewing_id uuid, since timestamptz)
language sql volatile security definer set search_path = pg_catalog, admin as $$
  with stale as (
    delete from admin.presence_connections
     where seen_at < now() - make_interval(secs => p_stale_seconds)
    returning id
  )
  delete from admin.presence p
   where not exists (
     select 1 from admin.presence_connections c
      where c.dealership_id = p.dealership_id and c.user_id = p.user_id
        and c.id not in (select id from stale))
  returning p.dealership_id, p.user_id, p.username, p.status, p.note, p.viewing_kind, p.viewing_id,
            p.since
$$`;
