// User administration: a user is ACTIVE, INVITED (created without a password; waits for the mailed
// invitation link) or DEACTIVATED (sign-in refused, sessions ended). `status` is the one source;
// `active` stays as a column generated from it, so every existing reader (login_candidate,
// reset_candidates, the session check) keeps its meaning without being rewritten.
//
// Invitations: 32 random bytes, SHA-256 stored, single use, 7 days, looked up before the tenant is
// known through a SECURITY DEFINER function that returns only whose invitation it is.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0010UserAdmin extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table auth.users add column status text not null default 'active'
      check (status in ('active', 'invited', 'deactivated'))`);
    this.addSql(
      `update auth.users set status = case when active then 'active' else 'deactivated' end`,
    );
    this.addSql('alter table auth.users drop column active');
    this.addSql(
      `alter table auth.users add column active boolean generated always as (status = 'active') stored`,
    );
    // An invited user has no password until the invitation is accepted.
    this.addSql('alter table auth.users alter column password_hash drop not null');
    this.addSql(`alter table auth.users add constraint users_password_unless_invited
      check (password_hash is not null or status <> 'active')`);
    this.addSql('alter table auth.users add column status_changed_at timestamptz');
    // The administration list pages by username within a dealership.
    this.addSql('create index users_dealership_username on auth.users (dealership_id, username)');
    this.addSql(`
      create table auth.invitations (
        token_hash text primary key,
        dealership_id uuid not null,
        user_id uuid not null references auth.users (id) on delete cascade,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index invitations_user on auth.invitations (user_id)');
    for (const sql of tenantTableSql('auth.invitations')) this.addSql(sql);
    this.addSql(
      'create policy definer_access on auth.invitations to current_user using (true) with check (true)',
    );
    this.addSql(`
      create function auth.invitation_owner(p_hash text)
      returns table (user_id uuid, dealership_id uuid)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select i.user_id, i.dealership_id from auth.invitations i
         where i.token_hash = p_hash and i.used_at is null and i.expires_at > now()
      $$`);
    this.addSql('revoke all on function auth.invitation_owner(text) from public');
    this.addSql('grant execute on function auth.invitation_owner(text) to autolytiq_app');
  }
}
