// Failed sign-ins per username, to slow down password guessing against one account whatever address
// the guesses come from (the router's per-address limit cannot see through proxies or botnets).
// Usernames are counted whether or not they exist, so the limit does not reveal which do.
// The table is read and written only through the SECURITY DEFINER functions below: RLS is forced and
// only the owner's definer_access policy matches, so the application role sees and writes nothing.
import { Migration } from '@autolytiq/kit';

export class Migration0003LoginFailures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table auth.login_failures (
        username text not null,
        failed_at timestamptz not null default now()
      )`);
    this.addSql('create index login_failures_by_name on auth.login_failures (username, failed_at)');
    this.addSql('alter table auth.login_failures enable row level security');
    this.addSql('alter table auth.login_failures force row level security');
    this.addSql(
      'create policy definer_access on auth.login_failures to current_user using (true) with check (true)',
    );
    this.addSql(`
      create function auth.login_failures_since(p_username text, p_since timestamptz)
      returns table (failures integer, oldest timestamptz)
      language sql stable security definer set search_path = pg_catalog, auth as $$
        select count(*)::integer, min(failed_at) from auth.login_failures
         where username = p_username and failed_at > p_since
      $$`);
    // Also forgets this username's failures older than a day, so the table stays small.
    this.addSql(`
      create function auth.record_login_failure(p_username text)
      returns void
      language sql security definer set search_path = pg_catalog, auth as $$
        delete from auth.login_failures
         where username = p_username and failed_at < now() - interval '1 day';
        insert into auth.login_failures (username) values (p_username);
      $$`);
    this.addSql(`
      create function auth.clear_login_failures(p_username text)
      returns void
      language sql security definer set search_path = pg_catalog, auth as $$
        delete from auth.login_failures where username = p_username;
      $$`);
    for (const fn of [
      'auth.login_failures_since(text, timestamptz)',
      'auth.record_login_failure(text)',
      'auth.clear_login_failures(text)',
    ]) {
      this.addSql(`revoke all on function ${fn} from public`);
      this.addSql(`grant execute on function ${fn} to autolytiq_app`);
    }
  }
}
