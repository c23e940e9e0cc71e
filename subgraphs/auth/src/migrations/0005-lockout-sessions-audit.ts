// Lockout that a stranger cannot use against someone, and the auth audit trail.
//
// Failures are counted per username AND client address: a few from one address lock the username for
// that address only, so someone typing wrong passwords for `admin` locks out themselves, not the
// admin. Many across addresses lock the username everywhere (and the user is mailed an unlock link:
// auth.unlock_tokens). Usernames are counted whether or not they exist. All of it through SECURITY
// DEFINER functions; the tables have RLS forced and no policy for the application role.
//
// auth.auth_events is append-only: the app role may insert and read its tenant's rows (RLS), and a
// trigger refuses UPDATE and DELETE for everyone, the owner included.
import { Migration, tenantTableSql } from '@autolytiq/kit';

const FUNCTIONS = [
  'auth.login_failure_counts(text, text, timestamptz)',
  'auth.record_login_failure(text, text)',
  'auth.clear_login_failures(text)',
  'auth.clear_login_failures_at(text, text)',
  'auth.create_unlock_token(text, text, timestamptz)',
  'auth.use_unlock_token(text)',
];

export class Migration0005LockoutSessionsAudit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table auth.login_failures add column ip_address text not null default ''`);
    this.addSql('drop index auth.login_failures_by_name');
    this.addSql(
      'create index login_failures_by_name on auth.login_failures (username, failed_at, ip_address)',
    );
    this.addSql('drop function auth.login_failures_since(text, timestamptz)');
    this.addSql('drop function auth.record_login_failure(text)');
    this.addSql(`
      create function auth.login_failure_counts(p_username text, p_ip text, p_since timestamptz)
      returns table (at_address integer, oldest_at_address timestamptz, everywhere integer, oldest timestamptz)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select count(*) filter (where ip_address = p_ip)::integer,
               min(failed_at) filter (where ip_address = p_ip),
               count(*)::integer, min(failed_at)
          from auth.login_failures
         where username = p_username and failed_at > p_since
      $$`);
    // Also forgets this username's failures older than a day, so the table stays small.
    this.addSql(`
      create function auth.record_login_failure(p_username text, p_ip text)
      returns void
      language sql security definer set search_path = pg_catalog, auth as $$
        delete from auth.login_failures
         where username = p_username and failed_at < now() - interval '1 day';
        insert into auth.login_failures (username, ip_address) values (p_username, p_ip);
      $$`);
    this.addSql(`
      create function auth.clear_login_failures_at(p_username text, p_ip text)
      returns void
      language sql security definer set search_path = pg_catalog, auth as $$
        delete from auth.login_failures where username = p_username and ip_address = p_ip;
      $$`);
    this.addSql(`
      create table auth.unlock_tokens (
        token_hash text primary key,
        username text not null,
        expires_at timestamptz not null,
        used_at timestamptz
      )`);
    this.addSql('alter table auth.unlock_tokens enable row level security');
    this.addSql('alter table auth.unlock_tokens force row level security');
    this.addSql(
      'create policy definer_access on auth.unlock_tokens to current_user using (true) with check (true)',
    );
    this.addSql(`
      create function auth.create_unlock_token(p_username text, p_hash text, p_expires timestamptz)
      returns void
      language sql security definer set search_path = pg_catalog, auth as $$
        delete from auth.unlock_tokens where username = p_username;
        insert into auth.unlock_tokens (token_hash, username, expires_at) values (p_hash, p_username, p_expires);
      $$`);
    // Single use: returns the username it unlocked, or nothing for an unknown/used/expired token.
    this.addSql(`
      create function auth.use_unlock_token(p_hash text)
      returns text
      language plpgsql security definer set search_path = pg_catalog, auth as $$
      declare v_username text;
      begin
        update auth.unlock_tokens set used_at = now()
         where token_hash = p_hash and used_at is null and expires_at > now()
        returning username into v_username;
        if v_username is not null then
          delete from auth.login_failures where username = v_username;
        end if;
        return v_username;
      end $$`);
    for (const fn of FUNCTIONS) {
      this.addSql(`revoke all on function ${fn} from public`);
      this.addSql(`grant execute on function ${fn} to autolytiq_app`);
    }

    this.addSql(`
      create table auth.auth_events (
        id bigint generated always as identity primary key,
        dealership_id uuid not null,
        user_id uuid references auth.users (id) on delete set null,
        username text not null,
        event text not null,
        ip_address text,
        user_agent text,
        request_id text,
        detail jsonb not null default '{}',
        occurred_at timestamptz not null default now()
      )`);
    this.addSql(
      'create index auth_events_by_dealership on auth.auth_events (dealership_id, occurred_at desc)',
    );
    for (const sql of tenantTableSql('auth.auth_events')) this.addSql(sql);
    this.addSql(`
      create function auth.auth_events_append_only() returns trigger
      language plpgsql as $$
      begin
        raise exception 'auth.auth_events is append-only' using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`
      create trigger auth_events_append_only before update or delete or truncate on auth.auth_events
      for each statement execute function auth.auth_events_append_only()`);
  }
}

/**
 * Per-dealership identity settings and the dealership's own copies of mail templates (defaults are
 * in code: src/domain/mail-templates.ts). The dealership name is kept here for mail, because auth
 * renders messages without asking another subgraph.
 */
export class Migration0006IdentitySettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table auth.dealership_settings (
        dealership_id uuid primary key,
        dealership_name text not null default '' check (length(dealership_name) <= 200),
        mfa_required_roles text[] not null default '{}',
        version integer not null default 1,
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table auth.mail_templates (
        dealership_id uuid not null,
        kind text not null,
        subject text not null check (length(subject) <= 300),
        text_body text not null check (length(text_body) <= 20000),
        html_body text not null check (length(html_body) <= 50000),
        updated_at timestamptz not null default now(),
        primary key (dealership_id, kind)
      )`);
    for (const table of ['auth.dealership_settings', 'auth.mail_templates'])
      for (const sql of tenantTableSql(table)) this.addSql(sql);
  }
}
