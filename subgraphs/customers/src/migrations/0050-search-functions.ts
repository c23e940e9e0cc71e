// Search that reaches the trigram indexes again, without weakening isolation (issue 12 + scale).
// Since 0004 the search mirror's RLS is forced and its view a security barrier, so PostgreSQL ran
// the tenant predicate first and the non-leakproof trigram/LIKE conditions after it, as filters over
// every row of the dealership: a name search over 100,000 customers read them all (p95 ≈ 1 s).
//
// Now searches go through SECURITY DEFINER functions owned by autolytiq_search_customers (kit:
// searchRoleFor), which may SELECT the mirror under a policy of its own and states the tenant itself,
// from the transaction's app.dealership_id (set by the kit from the verified token, never an
// argument): the trigram index picks candidates, the tenant condition filters them. With no tenant
// set they return nothing. The mirror keeps RLS forced for everyone else, and the view is gone (no
// reader is left). Arguments are values only; no SQL text is built from them.
import { CURRENT_DEALERSHIP_SQL, Migration, searchRoleFor, searchRoleSql } from '@autolytiq/kit';

const ROLE = searchRoleFor('customers');
const TENANT = `s.dealership_id = ${CURRENT_DEALERSHIP_SQL}`;
// The list filters, in the function so a search's LIMIT applies after them. A custom plan per call
// (plan_cache_mode) drops the ones left null, and the unused token conditions, before planning.
const FILTERS = `
     and (p_salesperson is null or s.assigned_salesperson_id = p_salesperson)
     and (p_source is null or s.source = p_source)
     and (p_from is null or s.created_at >= p_from)
     and (p_to is null or s.created_at < p_to)`;
const FILTER_ARGS = 'p_salesperson uuid, p_source text, p_from timestamptz, p_to timestamptz';
const FILTER_TYPES = 'uuid, text, timestamptz, timestamptz';
const SETTINGS = 'set search_path = pg_catalog, public set plan_cache_mode = force_custom_plan';

export const SEARCH_FUNCTIONS = [
  `customers.name_hits(text[], text, ${FILTER_TYPES}, integer, integer)`,
  `customers.contact_hits(text, ${FILTER_TYPES}, integer, integer)`,
  'customers.contact_point_matches(text[], text[])',
];

export class Migration0050SearchFunctions extends Migration {
  override async up(): Promise<void> {
    for (const sql of searchRoleSql('customers')) this.addSql(sql);
    this.addSql(`grant select on customers.customer_search to ${ROLE}`);
    this.addSql(
      `create policy search_functions on customers.customer_search for select to ${ROLE} using (true)`,
    );
    // Fuzzy name: every token (at most 5, as the store sends) is a word of the name by trigram word
    // similarity (threshold 0.4); ranked by whole-word closeness plus similarity to the whole text.
    // A null limit returns every hit (for totalCount).
    this.addSql(`
      create function customers.name_hits(p_tokens text[], p_text text, ${FILTER_ARGS},
        p_limit integer, p_offset integer)
      returns table (id uuid, score double precision)
      language sql stable security definer rows 25 ${SETTINGS}
        set pg_trgm.word_similarity_threshold = 0.4 as $$
        select s.id, ((select sum(public.strict_word_similarity(t, s.search_name)) from unnest(p_tokens) t)
                     + public.similarity(p_text, s.search_name))::double precision
          from customers.customer_search s
         where ${TENANT}
           and s.search_name operator(public.%>) p_tokens[1]
           and (cardinality(p_tokens) < 2 or s.search_name operator(public.%>) p_tokens[2])
           and (cardinality(p_tokens) < 3 or s.search_name operator(public.%>) p_tokens[3])
           and (cardinality(p_tokens) < 4 or s.search_name operator(public.%>) p_tokens[4])
           and (cardinality(p_tokens) < 5 or s.search_name operator(public.%>) p_tokens[5])
           ${FILTERS}
         order by 2 desc, 1 limit p_limit offset p_offset
      $$`);
    // Email or phone digits: a LIKE pattern (the caller escapes user text with \\), newest first.
    this.addSql(`
      create function customers.contact_hits(p_pattern text, ${FILTER_ARGS},
        p_limit integer, p_offset integer)
      returns table (id uuid, score double precision)
      language sql stable security definer rows 25 ${SETTINGS} as $$
        select s.id, extract(epoch from s.created_at)::double precision
          from customers.customer_search s
         where ${TENANT} and s.search_contact like p_pattern escape '\\'
           ${FILTERS}
         order by 2 desc, 1 limit p_limit offset p_offset
      $$`);
    // Duplicate detection: customers sharing an email or a phone number (array overlap, GIN).
    this.addSql(`
      create function customers.contact_point_matches(p_emails text[], p_phones text[])
      returns setof uuid
      language sql stable security definer rows 5 ${SETTINGS} as $$
        select s.id from customers.customer_search s
         where ${TENANT} and (s.emails && p_emails or s.phone_numbers && p_phones)
      $$`);
    // A new owner needs CREATE on the schema (unless the migrating owner is a superuser): only
    // for the hand-over.
    this.addSql(`grant create on schema customers to ${ROLE}`);
    for (const fn of SEARCH_FUNCTIONS) {
      this.addSql(`alter function ${fn} owner to ${ROLE}`);
      this.addSql(`revoke all on function ${fn} from public`);
      this.addSql(`grant execute on function ${fn} to autolytiq_app`);
    }
    this.addSql(`revoke create on schema customers from ${ROLE}`);
    this.addSql('drop view customers.customer_search_v');
  }
}
