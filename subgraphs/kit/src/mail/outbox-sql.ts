// The mail outbox a subgraph keeps in its own schema. A message is a row written in the same
// transaction as the change that causes it (so it exists exactly when the change committed), and the
// relay (relay.ts) delivers it later. Tenant-owned like any other row (RLS forced); the relay works
// across dealerships only through the SECURITY DEFINER functions below, which return or change
// nothing but the outbox itself.
import { ident, tenantTableSql } from '../db/sql.ts';

/** Statements for a subgraph's migration: `<schema>.mail_outbox` and the relay's functions. */
export function mailOutboxSql(schema: string): string[] {
  const s = ident(schema);
  const grant = (fn: string) => [
    `revoke all on function ${s}.${fn} from public`,
    `grant execute on function ${s}.${fn} to autolytiq_app`,
  ];
  return [
    `create table ${s}.mail_outbox (
      id uuid primary key default gen_random_uuid(),
      dealership_id uuid not null,
      kind text not null check (length(kind) between 1 and 64),
      to_address text not null check (length(to_address) between 3 and 320),
      subject text not null check (length(subject) <= 998),
      text_body text not null,
      html_body text,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      smtp_message_id text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`,
    `create index mail_outbox_due on ${s}.mail_outbox (next_attempt_at) where status = 'pending'`,
    `create index mail_outbox_dealership on ${s}.mail_outbox (dealership_id, created_at)`,
    ...tenantTableSql(`${schema}.mail_outbox`),
    // The owner (who owns the functions) reads across tenants; the app role never matches this.
    `create policy definer_access on ${s}.mail_outbox to current_user using (true) with check (true)`,
    // One due message, row-locked until the caller's transaction ends. SKIP LOCKED: a message another
    // relay (replica) is sending is passed over, not waited for and never sent twice.
    `create function ${s}.mail_claim()
     returns table (id uuid, dealership_id uuid, kind text, to_address text, subject text,
                    text_body text, html_body text, attempts integer)
     language sql security definer set search_path = pg_catalog, ${s} as $$
       select m.id, m.dealership_id, m.kind, m.to_address, m.subject, m.text_body, m.html_body, m.attempts
         from ${s}.mail_outbox m
        where m.status = 'pending' and m.next_attempt_at <= now()
        order by m.next_attempt_at
        limit 1
        for update skip locked
     $$`,
    `create function ${s}.mail_delivered(p_id uuid, p_message_id text)
     returns void language sql security definer set search_path = pg_catalog, ${s} as $$
       update ${s}.mail_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1,
              smtp_message_id = p_message_id, last_error = null
        where id = p_id and status = 'pending'
     $$`,
    // p_next_attempt NULL = give up (permanent refusal or too many attempts): status 'failed'.
    `create function ${s}.mail_attempt_failed(p_id uuid, p_error text, p_next_attempt timestamptz)
     returns void language sql security definer set search_path = pg_catalog, ${s} as $$
       update ${s}.mail_outbox
          set attempts = attempts + 1, last_error = left(p_error, 1000),
              status = case when p_next_attempt is null then 'failed' else 'pending' end,
              next_attempt_at = coalesce(p_next_attempt, next_attempt_at)
        where id = p_id and status = 'pending'
     $$`,
    ...grant('mail_claim()'),
    ...grant('mail_delivered(uuid, text)'),
    ...grant('mail_attempt_failed(uuid, text, timestamptz)'),
  ];
}
