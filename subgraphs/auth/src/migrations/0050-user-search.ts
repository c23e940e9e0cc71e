// The administration's user search reaches an index under forced RLS (issue 14 budget, issue 18).
// `userAccounts(filter: { search })` matched username, display name and email with ILIKE, which is
// not leakproof: under the forced policy PostgreSQL filtered every user of the dealership with it,
// twice per request (page and total). Now a trigram index covers the three columns (search_text) and
// two SECURITY DEFINER functions, owned by autolytiq_search_auth (kit: searchRoleFor), use it: that
// role may read the listed columns only (never password hashes), under a SELECT policy of its own; the
// functions state the tenant from the transaction's app.dealership_id (set by the kit from the
// verified token, never an argument). With no tenant set they return nothing.
//
// The page is chosen inside the function (filters, keyset, order, limit), so PostgreSQL can pick per
// search: the trigram index for a narrow one, the (dealership_id, username) index read in order and
// stopped at the page for a broad one ("son", "@example") or one too short for trigrams.
import { CURRENT_DEALERSHIP_SQL, Migration, searchRoleFor, searchRoleSql } from '@autolytiq/kit';

const ROLE = searchRoleFor('auth');
// The searched columns lower-case, in one stored column, apart by a character the search never holds
// (the store removes control characters from it): a LIKE '%term%' on it matches exactly when one of
// the columns matches ILIKE '%term%', as before, with one cheap condition per row and one index.
const SEARCH_TEXT = `lower(username) || E'\\x01' || lower(display_name) || E'\\x01' || lower(coalesce(email, ''))`;
const MATCHES = `u.dealership_id = ${CURRENT_DEALERSHIP_SQL}
           and u.search_text like lower(p_pattern)
           and (p_role is null or p_role = any(u.roles))
           and (p_status is null or u.status = p_status)`;
const SETTINGS = 'set search_path = pg_catalog, public set plan_cache_mode = force_custom_plan';

export const USER_SEARCH_FUNCTIONS = [
  'auth.user_search_page(text, text, text, text, integer)',
  'auth.user_search_count(text, text, text)',
];

export class Migration0050UserSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql(
      `alter table auth.users add column search_text text generated always as (${SEARCH_TEXT}) stored`,
    );
    this.addSql(
      'create index users_search_trgm on auth.users using gin (search_text public.gin_trgm_ops)',
    );
    this.addSql('analyze auth.users'); // the planner's picture of the new column
    for (const sql of searchRoleSql('auth')) this.addSql(sql);
    this.addSql(
      `grant select (id, dealership_id, username, roles, status, search_text) on auth.users to ${ROLE}`,
    );
    this.addSql(`create policy search_functions on auth.users for select to ${ROLE} using (true)`);
    // Ids of one page by username after `p_after` (null: from the start).
    this.addSql(`
      create function auth.user_search_page(p_pattern text, p_role text, p_status text,
        p_after text, p_limit integer)
      returns table (id uuid, username text)
      language sql stable security definer rows 25 ${SETTINGS} as $$
        select u.id, u.username from auth.users u
         where ${MATCHES}
           and (p_after is null or u.username > p_after)
         order by u.username limit p_limit
      $$`);
    this.addSql(`
      create function auth.user_search_count(p_pattern text, p_role text, p_status text)
      returns bigint
      language sql stable security definer ${SETTINGS} as $$
        select count(*) from auth.users u where ${MATCHES}
      $$`);
    // A new owner needs CREATE on the schema (unless the migrating owner is a superuser): only
    // for the hand-over.
    this.addSql(`grant create on schema auth to ${ROLE}`);
    for (const fn of USER_SEARCH_FUNCTIONS) {
      this.addSql(`alter function ${fn} owner to ${ROLE}`);
      this.addSql(`revoke all on function ${fn} from public`);
      this.addSql(`grant execute on function ${fn} to autolytiq_app`);
    }
    this.addSql(`revoke create on schema auth from ${ROLE}`);
  }
}
