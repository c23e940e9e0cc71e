// Account recovery and email verification. Reset and verification tokens are random, stored as
// SHA-256 only, single use, and looked up before the tenant is known through SECURITY DEFINER
// functions that return only whose token it is. An address an administrator set at creation counts
// as verified (existing addresses too: they were all set that way); addresses changed later are
// not, until their owner follows the verification link. Resets go only to verified addresses.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0008Recovery extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table auth.users add column email_verified_at timestamptz');
    this.addSql('update auth.users set email_verified_at = created_at where email is not null');
    this.addSql(
      'create index users_email_idx on auth.users (lower(email)) where email_verified_at is not null',
    );
    this.addSql(`
      create table auth.password_resets (
        token_hash text primary key,
        dealership_id uuid not null,
        user_id uuid not null references auth.users (id) on delete cascade,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index password_resets_user on auth.password_resets (user_id)');
    this.addSql(`
      create table auth.email_verifications (
        token_hash text primary key,
        dealership_id uuid not null,
        user_id uuid not null references auth.users (id) on delete cascade,
        email text not null,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index email_verifications_user on auth.email_verifications (user_id)');
    for (const table of ['auth.password_resets', 'auth.email_verifications']) {
      for (const sql of tenantTableSql(table)) this.addSql(sql);
      this.addSql(
        `create policy definer_access on ${table} to current_user using (true) with check (true)`,
      );
    }
    // By username or verified email; at most a few rows (one address may serve several logins).
    this.addSql(`
      create function auth.reset_candidates(p_login text)
      returns table (user_id uuid, dealership_id uuid)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select u.id, u.dealership_id from auth.users u
         where u.active and u.email is not null and u.email_verified_at is not null
           and (u.username = lower(p_login) or lower(u.email) = lower(p_login))
         limit 5
      $$`);
    this.addSql(`
      create function auth.password_reset_owner(p_hash text)
      returns table (user_id uuid, dealership_id uuid)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select r.user_id, r.dealership_id from auth.password_resets r
         where r.token_hash = p_hash and r.used_at is null and r.expires_at > now()
      $$`);
    this.addSql(`
      create function auth.email_verification_owner(p_hash text)
      returns table (user_id uuid, dealership_id uuid)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select v.user_id, v.dealership_id from auth.email_verifications v
         where v.token_hash = p_hash and v.used_at is null and v.expires_at > now()
      $$`);
    for (const fn of [
      'auth.reset_candidates(text)',
      'auth.password_reset_owner(text)',
      'auth.email_verification_owner(text)',
    ]) {
      this.addSql(`revoke all on function ${fn} from public`);
      this.addSql(`grant execute on function ${fn} to autolytiq_app`);
    }
  }
}
