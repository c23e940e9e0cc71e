// Writing to and reading from a subgraph's mail outbox, always inside the caller's transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ident } from '../db/sql.ts';

export interface OutgoingMail {
  dealershipId: string;
  /** What the message is (template kind, e.g. "password-reset"): for status pages and filters. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

export type MailStatus = 'pending' | 'sent' | 'failed';

export interface MailRecord {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * Queues a message in `<schema>.mail_outbox` using the caller's transaction (`em` from withTenant):
 * it is sent only if that transaction commits, and then at least once and normally exactly once.
 * Returns the message id.
 */
export async function enqueueMail(
  em: EntityManager,
  schema: string,
  mail: OutgoingMail,
): Promise<string> {
  const rows = await em.execute<Array<{ id: string }>>(
    `insert into ${ident(schema)}.mail_outbox (dealership_id, kind, to_address, subject, text_body, html_body)
     values (?, ?, ?, ?, ?, ?) returning id`,
    [mail.dealershipId, mail.kind, mail.to, mail.subject, mail.text, mail.html ?? null],
  );
  return rows[0]!.id;
}

interface MailRow {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
}

/** Delivery status of the tenant's messages, newest first (RLS: only the caller's dealership). */
export async function listMail(
  em: EntityManager,
  schema: string,
  options: { kind?: string; limit?: number } = {},
): Promise<MailRecord[]> {
  const rows = await em.execute<MailRow[]>(
    `select id, kind, to_address, subject, status, attempts, last_error, created_at, sent_at
       from ${ident(schema)}.mail_outbox
      where (?::text is null or kind = ?)
      order by created_at desc limit ?`,
    [options.kind ?? null, options.kind ?? null, Math.min(options.limit ?? 100, 1000)],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
  }));
}
