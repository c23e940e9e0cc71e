// Users, sessions, refresh tokens and signing keys. Users, sessions and refresh tokens are
// tenant-owned (RLS); signing keys belong to the installation, not to a dealership.
import { Migration } from '@mikro-orm/migrations';
import { tenantTableSql } from '@autolytiq/kit';

export class Migration0001Identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table auth.users (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        username text not null check (username ~ '^[a-z0-9._-]{2,64}$'),
        display_name text not null,
        email text,
        password_hash text not null,
        roles text[] not null default '{}',
        active boolean not null default true,
        last_login_at timestamptz,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    // Sign-in names are unique across dealerships: login carries no dealership.
    this.addSql('create unique index users_username_key on auth.users (username)');
    this.addSql('create index users_dealership_idx on auth.users (dealership_id)');
    this.addSql(`
      create table auth.sessions (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        user_id uuid not null references auth.users (id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        last_refreshed_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        user_agent text,
        ip_address text
      )`);
    this.addSql('create index sessions_user_idx on auth.sessions (user_id)');
    this.addSql(`
      create table auth.refresh_tokens (
        token_hash text primary key,
        session_id uuid not null references auth.sessions (id) on delete cascade,
        dealership_id uuid not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz
      )`);
    this.addSql('create index refresh_tokens_session_idx on auth.refresh_tokens (session_id)');
    this.addSql(`
      create table auth.signing_keys (
        kid text primary key,
        private_key_encrypted text not null,
        public_jwk jsonb not null,
        created_at timestamptz not null default now(),
        retired_at timestamptz
      )`);
    for (const table of ['auth.users', 'auth.sessions', 'auth.refresh_tokens']) {
      for (const sql of tenantTableSql(table)) this.addSql(sql);
      // The migration owner (who owns the SECURITY DEFINER functions below) may read across tenants
      // so that sign-in and refresh can find a row before the tenant is known. The application role
      // is not the owner, so this policy never applies to application queries.
      this.addSql(
        `create policy definer_access on ${table} to current_user using (true) with check (true)`,
      );
    }
    this.addSql(LOGIN_CANDIDATE);
    this.addSql(ROTATE_REFRESH_TOKEN);
    for (const fn of [
      'auth.login_candidate(text)',
      'auth.rotate_refresh_token(text, text, timestamptz)',
    ]) {
      this.addSql(`revoke all on function ${fn} from public`);
      this.addSql(`grant execute on function ${fn} to autolytiq_app`);
    }
  }
}

// Only what sign-in needs, for one username.
const LOGIN_CANDIDATE = `
create function auth.login_candidate(p_username text)
returns table (user_id uuid, dealership_id uuid, username text, password_hash text, roles text[], active boolean)
language sql stable security definer set search_path = pg_catalog, auth as $$
  select u.id, u.dealership_id, u.username, u.password_hash, u.roles, u.active
  from auth.users u where u.username = lower(p_username)
$$`;

// Refresh-token rotation in one atomic step. A token presented twice means it was stolen (or the
// client raced itself): the whole session is revoked, and that revocation commits even though the
// caller then refuses the request.
const ROTATE_REFRESH_TOKEN = `
create function auth.rotate_refresh_token(p_old_hash text, p_new_hash text, p_new_expires timestamptz)
returns table (outcome text, session_id uuid, user_id uuid, dealership_id uuid)
language plpgsql security definer set search_path = pg_catalog, auth as $$
declare
  t auth.refresh_tokens%rowtype;
  s auth.sessions%rowtype;
begin
  select * into t from auth.refresh_tokens r where r.token_hash = p_old_hash for update;
  if not found then
    return query select 'unknown'::text, null::uuid, null::uuid, null::uuid;
    return;
  end if;
  select * into s from auth.sessions x where x.id = t.session_id for update;
  if s.revoked_at is not null then
    return query select 'revoked'::text, s.id, s.user_id, s.dealership_id;
    return;
  end if;
  if t.used_at is not null then
    update auth.sessions x set revoked_at = now(), revoked_reason = 'refresh token reused'
      where x.id = s.id;
    return query select 'reused'::text, s.id, s.user_id, s.dealership_id;
    return;
  end if;
  if t.expires_at <= now() then
    return query select 'expired'::text, s.id, s.user_id, s.dealership_id;
    return;
  end if;
  update auth.refresh_tokens r set used_at = now() where r.token_hash = p_old_hash;
  insert into auth.refresh_tokens (token_hash, session_id, dealership_id, expires_at)
    values (p_new_hash, s.id, s.dealership_id, p_new_expires);
  update auth.sessions x set last_refreshed_at = now(), expires_at = p_new_expires where x.id = s.id;
  return query select 'rotated'::text, s.id, s.user_id, s.dealership_id;
end $$`;
