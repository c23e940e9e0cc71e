// Reads of the platform audit trail (audit.entries, written by every subgraph through the kit's
// recordAudit). Runs inside a withTenant transaction: RLS limits every read to the caller's
// dealership, so nothing here filters by tenant in memory.
import {
  parseAuditChanges,
  uuidArray,
  type AuditChange,
  type EntityManager,
  type SqlReader,
} from '@autolytiq/kit';

export interface AuditFilterValues {
  actorId: string | null;
  entityType: string | null;
  entityId: string | null;
  action: string | null;
  from: Date | null;
  to: Date | null;
}

export interface AuditEntryRecord {
  id: string;
  at: Date;
  /** PostgreSQL's own text of `at` (microseconds): the cursor keeps it exact. */
  atText: string;
  actorUserId: string | null;
  actorUsername: string | null;
  clientId: string | null;
  source: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChange[];
  requestId: string | null;
  address: string | null;
  userAgent: string | null;
}

interface Row {
  id: string;
  at: Date;
  at_text: string;
  actor_user_id: string | null;
  actor_username: string | null;
  client_id: string | null;
  source: string;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: unknown;
  request_id: string | null;
  address: string | null;
  user_agent: string | null;
}

/**
 * Newest first, `limit` rows after the cursor position (at, id). Each filter combination walks one
 * of audit.entries' per-dealership indexes in order (see the kit's audit migration).
 */
export async function listAuditEntries(
  em: SqlReader,
  filter: AuditFilterValues,
  limit: number,
  after: { at: string; id: string } | null,
): Promise<AuditEntryRecord[]> {
  const where: string[] = ['true'];
  const params: unknown[] = [];
  if (filter.actorId) {
    // An actor is a user or an integration client; both are UUIDs and never collide.
    where.push('(actor_user_id = ?::uuid or client_id = ?::uuid)');
    params.push(filter.actorId, filter.actorId);
  }
  if (filter.entityType) {
    where.push('entity_type = ?');
    params.push(filter.entityType);
  }
  if (filter.entityId) {
    where.push('entity_id = ?');
    params.push(filter.entityId);
  }
  if (filter.action) {
    where.push('action = ?');
    params.push(filter.action);
  }
  if (filter.from) {
    where.push('at >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('at < ?');
    params.push(filter.to);
  }
  if (after) {
    where.push('(at, id) < (?::timestamptz, ?::uuid)');
    params.push(after.at, after.id);
  }
  const rows = await em.execute<Row[]>(
    `select id, at, at::text as at_text, actor_user_id, actor_username, client_id, source, action,
            entity_type, entity_id, changes, request_id, address, user_agent
       from audit.entries
      where ${where.join(' and ')}
      order by at desc, id desc
      limit ?`,
    [...params, limit],
  );
  return rows.map(toRecord);
}

/** Entries by id (another dealership's ids yield nothing: RLS). */
export async function findAuditEntries(
  em: EntityManager,
  ids: readonly string[],
): Promise<AuditEntryRecord[]> {
  const rows = await em.execute<Row[]>(
    `select id, at, at::text as at_text, actor_user_id, actor_username, client_id, source, action,
            entity_type, entity_id, changes, request_id, address, user_agent
       from audit.entries where id = any(?::uuid[])`,
    [uuidArray(ids)],
  );
  return rows.map(toRecord);
}

/** Deletes the dealership's entries older than `before` (the retention setting); returns how many. */
export async function purgeAuditEntries(
  em: EntityManager,
  dealershipId: string,
  before: Date,
): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>(
    'select audit.purge_before(?::uuid, ?::timestamptz) as n',
    [dealershipId, before],
  );
  return Number(row?.n ?? 0);
}

function toRecord(r: Row): AuditEntryRecord {
  return {
    id: r.id,
    at: new Date(r.at),
    atText: r.at_text,
    actorUserId: r.actor_user_id,
    actorUsername: r.actor_username,
    clientId: r.client_id,
    source: r.source,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    changes: parseAuditChanges(r.changes),
    requestId: r.request_id,
    address: r.address,
    userAgent: r.user_agent,
  };
}
