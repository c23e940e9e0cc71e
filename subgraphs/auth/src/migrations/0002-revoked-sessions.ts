// The router polls for recently revoked sessions every few seconds (GET /internal/revoked-sessions).
// The feed spans dealerships, so it reads through a SECURITY DEFINER function returning only session
// ids and times (the definer_access policy of 0001 lets the owner read across tenants), and an index
// covers exactly the revoked rows.
import { Migration } from '@autolytiq/kit';

export class Migration0002RevokedSessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index sessions_revoked_at_idx on auth.sessions (revoked_at) where revoked_at is not null',
    );
    this.addSql(`
      create function auth.revoked_sessions_since(p_from timestamptz)
      returns table (id uuid, revoked_at timestamptz)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select s.id, s.revoked_at from auth.sessions s
         where s.revoked_at > p_from
         order by s.revoked_at
         limit 10000
      $$`);
    this.addSql('revoke all on function auth.revoked_sessions_since(timestamptz) from public');
    this.addSql(
      'grant execute on function auth.revoked_sessions_since(timestamptz) to autolytiq_app',
    );
  }
}
