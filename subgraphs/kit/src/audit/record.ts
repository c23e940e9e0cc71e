// One call for a subgraph to record a write in the audit trail, inside the transaction of the write:
//
//   await recordAudit(em, { source: 'deals', entityType: 'Deal', entityId: deal.id,
//                           action: 'update', changes: changesOf(before, after, { sealed: ['ssn'] }) });
//
// Who, when, which dealership, request id, address and user agent are filled in here: the tenant and
// user from the transaction (withTenant), the rest from the request scope (scope.ts). A sealed or
// secret field is recorded by name only — its values never reach the table.
import type { EntityManager } from '@mikro-orm/postgresql';
import { CURRENT_DEALERSHIP_SQL } from '../db/sql.ts';
import { currentRequestScope } from './scope.ts';
import { isUuid } from '../ids.ts';

/** One changed field. `sealed`: a secret or sealed value, recorded by name only (from/to null). */
export interface AuditChange {
  field: string;
  from: string | null;
  to: string | null;
  sealed?: boolean;
}

export interface AuditRecord {
  /** The subgraph writing the row ('deals', 'customers', …). */
  source: string;
  /** Dealer-language entity name as the graph calls it: 'Deal', 'Customer', 'Vehicle', 'User'. */
  entityType: string;
  entityId: string;
  /** What happened, lower-case verb or state change: 'create', 'update', 'delete', 'reveal', 'status:SOLD'. */
  action: string;
  changes?: readonly AuditChange[];
  /**
   * Only for code running with no tenant (asSystem): the dealership the entry belongs to. Inside
   * withTenant leave it out — the transaction's tenant is used and RLS checks it.
   */
  dealershipId?: string;
  /** Overrides the request scope's actor (a job acting for the user who started it). */
  actor?: { userId?: string | null; username?: string | null; clientId?: string | null };
}

const MAX_VALUE = 2000;

/** A value as the audit trail shows it: text (dates ISO, decimals as written, objects as JSON). */
export function auditValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    text = String(value);
  else if (typeof (value as { toFixed?: unknown }).toFixed === 'function')
    text = String(value); // decimal.js: its own exact text
  else text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

export interface ChangesOptions {
  /** Only these fields (default: every key of either side). */
  fields?: readonly string[];
  /** Fields recorded by name only (sealed PII, password hashes, secrets). */
  sealed?: readonly string[];
  /** Fields never recorded at all (bookkeeping: version, updatedAt). */
  ignore?: readonly string[];
}

/**
 * The fields that differ between `before` and `after` (a create: `before` null; a delete: `after`
 * null), compared by their audit text, in a stable order.
 */
export function changesOf(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  options: ChangesOptions = {},
): AuditChange[] {
  const ignore = new Set(options.ignore ?? ['version', 'updatedAt', 'createdAt']);
  const sealed = new Set(options.sealed ?? []);
  const fields = options.fields ?? [
    ...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]),
  ];
  const changes: AuditChange[] = [];
  for (const field of fields) {
    if (ignore.has(field)) continue;
    const from = auditValue(before?.[field]);
    const to = auditValue(after?.[field]);
    if (from === to) continue;
    changes.push(
      sealed.has(field) ? { field, from: null, to: null, sealed: true } : { field, from, to },
    );
  }
  return changes;
}

// Stored compactly: [{ f, a, b, s? }] — field, from (a), to (b), sealed.
function changesJson(changes: readonly AuditChange[]): string {
  return JSON.stringify(
    changes.map((c) =>
      c.sealed
        ? { f: c.field, a: null, b: null, s: true }
        : { f: c.field, a: auditValue(c.from), b: auditValue(c.to) },
    ),
  );
}

/** Reads the stored `changes` column back into AuditChange records. */
export function parseAuditChanges(stored: unknown): AuditChange[] {
  const list = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  if (!Array.isArray(list)) return [];
  return list.map((c: { f: string; a: string | null; b: string | null; s?: boolean }) => ({
    field: c.f,
    from: c.a,
    to: c.b,
    sealed: c.s === true,
  }));
}

const clip = (value: string | undefined, max: number) =>
  value === undefined ? null : value.slice(0, max);

/**
 * Appends one audit entry in `em`'s transaction (a withTenant one, or asSystem with `dealershipId`).
 * If the transaction rolls back, so does the entry; if the entry cannot be written, the write fails.
 */
export async function recordAudit(em: EntityManager, record: AuditRecord): Promise<void> {
  const scope = currentRequestScope();
  const principal = scope?.principal;
  const clientId = record.actor?.clientId ?? principal?.clientId ?? null;
  const subject =
    record.actor?.userId !== undefined ? record.actor.userId : clientId ? null : principal?.userId;
  // A service identity's subject ("service:deals") is not a user: kept as the name, not the id.
  const userId = subject && isUuid(subject) ? subject : null;
  const username =
    record.actor?.username !== undefined
      ? record.actor.username
      : (principal?.username ?? (subject && !userId ? subject : null));
  const values = [
    userId ?? null,
    username,
    clientId,
    record.source,
    record.entityType,
    record.entityId,
    record.action,
    changesJson(record.changes ?? []),
    clip(scope?.requestId, 200),
    clip(scope?.address, 64),
    clip(scope?.userAgent, 512),
  ];
  if (record.dealershipId) {
    await em.execute(
      'select audit.append_system(?::uuid, ?::uuid, ?, ?::uuid, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)',
      [record.dealershipId, ...values],
    );
    return;
  }
  // The tenant comes from the transaction (never from the caller) and the actor defaults to the
  // transaction's user: a job without a request scope is still attributed.
  await em.execute(
    `insert into audit.entries (dealership_id, actor_user_id, actor_username, client_id, source,
       entity_type, entity_id, action, changes, request_id, address, user_agent)
     values (${CURRENT_DEALERSHIP_SQL},
       coalesce(?::uuid, case when ?::boolean then nullif(current_setting('app.user_id', true), '')::uuid end),
       ?, ?::uuid, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`,
    // Fall back to the transaction's user only when no client or service identity is acting.
    [values[0], !clientId && !(subject && !userId), ...values.slice(1)],
  );
}
