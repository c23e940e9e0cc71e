// Sign-in attempts for usernames that exist nowhere (issue 13: every auth event audited, unknown
// usernames included, without an oracle). They belong to no dealership, so they cannot go to
// auth.auth_events (tenant rows under RLS); they go here, readable by the platform operator only
// (the owner): RLS forced, no policy for the application role, written only through the SECURITY
// DEFINER function below — which the login path calls in one transaction, as it writes a known
// user's failure, so both answers cost the same. The name is kept as a SHA-256 digest (a password
// typed into the username box is not stored in clear; the same name tried many times still groups).
import { Migration } from '@autolytiq/kit';

export class Migration0110UnknownSignIns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table auth.unknown_sign_ins (
        id uuid primary key default gen_random_uuid(),
        at timestamptz not null default now(),
        name_digest text not null check (name_digest ~ '^[0-9a-f]{64}$'),
        event text not null check (event in ('sign-in-failed', 'sign-in-refused')),
        ip_address text check (length(ip_address) <= 64),
        user_agent text check (length(user_agent) <= 512),
        request_id text check (length(request_id) <= 200)
      )`);
    this.addSql('create index unknown_sign_ins_by_name on auth.unknown_sign_ins (name_digest, at)');
    this.addSql('create index unknown_sign_ins_by_time on auth.unknown_sign_ins (at)');
    this.addSql('alter table auth.unknown_sign_ins enable row level security');
    this.addSql('alter table auth.unknown_sign_ins force row level security');
    this.addSql(
      'create policy definer_access on auth.unknown_sign_ins to current_user using (true) with check (true)',
    );
    // Kept 90 days: each call forgets this name's older rows (an index range, cheap).
    this.addSql(`
      create function auth.record_unknown_sign_in(
        p_digest text, p_event text, p_ip text, p_user_agent text, p_request_id text)
      returns void
      language sql security definer set search_path = pg_catalog, auth as $$
        delete from auth.unknown_sign_ins
         where name_digest = p_digest and at < now() - interval '90 days';
        insert into auth.unknown_sign_ins (name_digest, event, ip_address, user_agent, request_id)
        values (p_digest, p_event, left(p_ip, 64), left(p_user_agent, 512), left(p_request_id, 200));
      $$`);
    const fn = 'auth.record_unknown_sign_in(text, text, text, text, text)';
    this.addSql(`revoke all on function ${fn} from public`);
    this.addSql(`grant execute on function ${fn} to autolytiq_app`);
  }
}
