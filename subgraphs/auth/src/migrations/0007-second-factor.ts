// Second factor (TOTP, RFC 6238): the user's factor (secret encrypted with AUTH_KEY_SECRET, the last
// accepted time step for replay protection), single-use backup codes (keyed hashes only), and the
// short-lived challenges that sit between the password step and the code step. Challenges are looked
// up before the tenant is known (the caller has no token yet), through one SECURITY DEFINER function
// that returns only whose challenge it is.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0007SecondFactor extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table auth.totp_factors (
        user_id uuid primary key references auth.users (id) on delete cascade,
        dealership_id uuid not null,
        secret_encrypted text not null,
        confirmed_at timestamptz,
        last_time_step bigint,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table auth.backup_codes (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        user_id uuid not null references auth.users (id) on delete cascade,
        code_hash text not null,
        used_at timestamptz,
        created_at timestamptz not null default now(),
        unique (user_id, code_hash)
      )`);
    this.addSql(`
      create table auth.mfa_challenges (
        token_hash text primary key,
        dealership_id uuid not null,
        user_id uuid not null references auth.users (id) on delete cascade,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index mfa_challenges_user on auth.mfa_challenges (user_id)');
    for (const table of ['auth.totp_factors', 'auth.backup_codes', 'auth.mfa_challenges']) {
      for (const sql of tenantTableSql(table)) this.addSql(sql);
    }
    this.addSql(
      'create policy definer_access on auth.mfa_challenges to current_user using (true) with check (true)',
    );
    this.addSql(`
      create function auth.mfa_challenge_owner(p_hash text)
      returns table (user_id uuid, dealership_id uuid)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select c.user_id, c.dealership_id from auth.mfa_challenges c
         where c.token_hash = p_hash and c.used_at is null and c.expires_at > now()
      $$`);
    this.addSql('revoke all on function auth.mfa_challenge_owner(text) from public');
    this.addSql('grant execute on function auth.mfa_challenge_owner(text) to autolytiq_app');
  }
}
