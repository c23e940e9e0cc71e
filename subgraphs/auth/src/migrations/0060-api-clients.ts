// Integration clients (third-party DMS, CRM, lead providers) authenticating with OAuth 2.0 client
// credentials. A client belongs to one dealership and holds a fixed set of permissions; its secrets
// are 32 random bytes stored as SHA-256 only (nothing to guess, so a fast hash is right, as for
// refresh tokens). Each secret row's id is the `sessionId` of every token issued with it, so ending
// a secret (rotation, revocation) feeds the router's revocation list like an ended session does:
// those tokens stop within a poll interval instead of at expiry.
//
// The token endpoint knows only a client id before the tenant is known: it reads through a SECURITY
// DEFINER function that answers for that one client id and nothing else.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0060ApiClients extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table auth.api_clients (
        id uuid primary key,
        dealership_id uuid not null,
        name text not null check (length(name) between 2 and 80),
        permissions text[] not null default '{}',
        created_by uuid,
        created_by_username text not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    this.addSql(
      'create index api_clients_dealership on auth.api_clients (dealership_id, created_at)',
    );
    this.addSql(`
      create table auth.api_client_secrets (
        id uuid primary key,
        dealership_id uuid not null,
        client_id uuid not null references auth.api_clients (id) on delete cascade,
        secret_hash text not null,
        created_at timestamptz not null default now(),
        ended_at timestamptz
      )`);
    this.addSql(
      'create index api_client_secrets_live on auth.api_client_secrets (client_id) where ended_at is null',
    );
    this.addSql(
      'create index api_client_secrets_ended on auth.api_client_secrets (ended_at) where ended_at is not null',
    );
    for (const table of ['auth.api_clients', 'auth.api_client_secrets']) {
      for (const sql of tenantTableSql(table)) this.addSql(sql);
      // The definer functions below run as the owner; only they cross tenants.
      this.addSql(
        `create policy definer_access on ${table} to current_user using (true) with check (true)`,
      );
    }
    this.addSql(`
      create function auth.api_client_credentials(p_client uuid)
      returns table (secret_id uuid, secret_hash text, dealership_id uuid, name text, permissions text[])
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select s.id, s.secret_hash, c.dealership_id, c.name, c.permissions
          from auth.api_clients c join auth.api_client_secrets s on s.client_id = c.id
         where c.id = p_client and c.revoked_at is null and s.ended_at is null
      $$`);
    this.addSql('revoke all on function auth.api_client_credentials(uuid) from public');
    this.addSql('grant execute on function auth.api_client_credentials(uuid) to autolytiq_app');
    // The revocation feed now also names ended client secrets (the sessionId of their tokens).
    this.addSql(`
      create or replace function auth.revoked_sessions_since(p_from timestamptz)
      returns table (id uuid, revoked_at timestamptz)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        (select s.id, s.revoked_at from auth.sessions s
          where s.revoked_at > p_from
          order by s.revoked_at limit 10000)
        union all
        (select k.id, k.ended_at from auth.api_client_secrets k
          where k.ended_at > p_from
          order by k.ended_at limit 1000)
      $$`);
  }
}
