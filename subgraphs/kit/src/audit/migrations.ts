// The platform's one audit trail: `audit.entries`, a schema the kit owns (not any one subgraph), in
// the database every subgraph already shares, so each subgraph appends its rows in the SAME
// transaction as the change they describe (no change without its record, no record without its
// change), and there is one place to read them.
//
// Append-only three ways over: the application role is granted only SELECT and INSERT (see
// AUDIT_APP_PRIVILEGES), RLS has no UPDATE/DELETE path, and a trigger refuses UPDATE, DELETE and
// TRUNCATE for everyone — the table owner included — except inside `audit.purge_before`, the
// retention function, which marks its own transaction.
import { Migration } from '@mikro-orm/migrations';
import { CURRENT_DEALERSHIP_SQL, tenantTableSql } from '../db/sql.ts';

export const AUDIT_SCHEMA = 'audit';
/** What the application role may do on the audit schema's tables (never UPDATE/DELETE/TRUNCATE). */
export const AUDIT_APP_PRIVILEGES = 'select, insert';

class Migration0020AuditEntries extends Migration {
  override up(): void {
    this.addSql(`
      create table audit.entries (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        -- clock_timestamp: several entries of one transaction keep their order.
        at timestamptz not null default clock_timestamp(),
        actor_user_id uuid,
        actor_username text,
        client_id uuid,
        source text not null check (length(source) between 1 and 40),
        entity_type text not null check (length(entity_type) between 1 and 60),
        entity_id text not null check (length(entity_id) between 1 and 200),
        action text not null check (length(action) between 1 and 60),
        changes jsonb not null default '[]'::jsonb check (jsonb_typeof(changes) = 'array'),
        request_id text check (length(request_id) <= 200),
        address text check (length(address) <= 64),
        user_agent text check (length(user_agent) <= 512)
      )`);
    for (const sql of tenantTableSql('audit.entries')) this.addSql(sql);
    // Newest first within a dealership, and within one entity / one actor / one action: every
    // filter of auditLog walks one of these in order and stops after a page.
    this.addSql('create index entries_recent on audit.entries (dealership_id, at desc, id desc)');
    this.addSql(
      'create index entries_entity on audit.entries (dealership_id, entity_type, entity_id, at desc, id desc)',
    );
    this.addSql(
      'create index entries_actor on audit.entries (dealership_id, actor_user_id, at desc, id desc) where actor_user_id is not null',
    );
    this.addSql(
      'create index entries_client on audit.entries (dealership_id, client_id, at desc, id desc) where client_id is not null',
    );
    this.addSql(
      'create index entries_action on audit.entries (dealership_id, action, at desc, id desc)',
    );
    this.addSql(`
      create function audit.refuse_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('audit.purging', true) = 'on' then
          return old;
        end if;
        raise exception 'audit.entries is append-only (% refused)', tg_op
          using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`create trigger entries_append_only before update or delete on audit.entries
      for each row execute function audit.refuse_change()`);
    this.addSql(`create trigger entries_no_truncate before truncate on audit.entries
      for each statement execute function audit.refuse_change()`);
    // The owner (who owns the functions below) works across tenants; the app role never matches.
    this.addSql(
      'create policy definer_access on audit.entries to current_user using (true) with check (true)',
    );
    // Retention: deletes one dealership's entries older than a time, in the caller's tenant only
    // when one is set (an admin's own dealership), or any dealership from a system job.
    this.addSql(`
      create function audit.purge_before(p_dealership uuid, p_before timestamptz) returns bigint
      language plpgsql security definer set search_path = pg_catalog, audit as $$
      declare
        tenant uuid := ${CURRENT_DEALERSHIP_SQL};
        n bigint;
      begin
        if tenant is not null and tenant <> p_dealership then
          raise exception 'audit.purge_before: not this tenant' using errcode = 'insufficient_privilege';
        end if;
        perform set_config('audit.purging', 'on', true);
        delete from audit.entries where dealership_id = p_dealership and at < p_before;
        get diagnostics n = row_count;
        perform set_config('audit.purging', 'off', true);
        return n;
      end $$`);
    // An entry for a dealership from code that runs with no tenant (asSystem: sign-in, jobs). With a
    // tenant set, only that tenant's dealership is accepted, as RLS would.
    this.addSql(`
      create function audit.append_system(p_dealership uuid, p_actor uuid, p_username text,
        p_client uuid, p_source text, p_entity_type text, p_entity_id text, p_action text,
        p_changes jsonb, p_request_id text, p_address text, p_user_agent text) returns uuid
      language plpgsql security definer set search_path = pg_catalog, audit as $$
      declare
        tenant uuid := ${CURRENT_DEALERSHIP_SQL};
        new_id uuid;
      begin
        if tenant is not null and tenant <> p_dealership then
          raise exception 'audit.append_system: not this tenant' using errcode = 'insufficient_privilege';
        end if;
        insert into audit.entries (dealership_id, actor_user_id, actor_username, client_id, source,
          entity_type, entity_id, action, changes, request_id, address, user_agent)
        values (p_dealership, p_actor, p_username, p_client, p_source, p_entity_type, p_entity_id,
          p_action, p_changes, p_request_id, p_address, p_user_agent)
        returning id into new_id;
        return new_id;
      end $$`);
    for (const fn of [
      'purge_before(uuid, timestamptz)',
      'append_system(uuid, uuid, text, uuid, text, text, text, text, jsonb, text, text, text)',
    ]) {
      this.addSql(`revoke all on function audit.${fn} from public`);
      this.addSql(`grant execute on function audit.${fn} to autolytiq_app`);
    }
  }
}

export const AUDIT_MIGRATIONS = [{ name: '0020-audit-entries', class: Migration0020AuditEntries }];
