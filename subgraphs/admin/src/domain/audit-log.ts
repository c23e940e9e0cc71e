// The dealership's audit log: one place to see every recorded write of every subgraph (the kit's
// audit.entries), newest first, filtered, paged, and exported as CSV.
import {
  badInput,
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  pageSize,
  parse,
  tenantOf,
  type Connection,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import {
  listAuditEntries,
  type AuditEntryRecord,
  type AuditFilterValues,
} from '../store/audit-store.ts';

export interface AuditLogFilterInput {
  actorId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  action?: string | null;
  /** The DateTime scalar gives a Date; a string is accepted for callers outside GraphQL. */
  from?: Date | string | null;
  to?: Date | string | null;
}

function optTime(field: string, value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(field, `${field} is not a date-time.`);
  return date;
}

const CURSOR_KIND = 'audit:at';
/** Rows one CSV export holds at most (a narrower filter or a date range gets the rest). */
export const CSV_EXPORT_LIMIT = 10_000;

export function parseAuditFilter(input: AuditLogFilterInput | null | undefined): AuditFilterValues {
  const f = input ?? {};
  const values: AuditFilterValues = {
    actorId: parse.optId('filter.actorId', f.actorId),
    entityType: parse.text('filter.entityType', f.entityType, 60),
    entityId: parse.text('filter.entityId', f.entityId, 200),
    action: parse.text('filter.action', f.action, 60),
    from: optTime('filter.from', f.from),
    to: optTime('filter.to', f.to),
  };
  if (values.from && values.to && values.from >= values.to) {
    throw badInput('filter.to', 'filter.to must be after filter.from.');
  }
  return values;
}

export class AuditLogService {
  constructor(private readonly db: Database) {}

  async page(
    principal: Principal,
    filterInput: AuditLogFilterInput | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<AuditEntryRecord>> {
    const filter = parseAuditFilter(filterInput);
    const limit = pageSize(first);
    const position = after
      ? decodeCursor(after, CURSOR_KIND, [cursorValue.timestamp, cursorValue.uuid])
      : null;
    // One statement, one round trip (kit db.read).
    const rows = await this.db.read(tenantOf(principal), (sql) =>
      listAuditEntries(
        sql,
        filter,
        limit + 1,
        position ? { at: position[0], id: position[1] } : null,
      ),
    );
    return connectionOf(rows, limit, (r) => encodeCursor(CURSOR_KIND, [r.atText, r.id]));
  }

  /** The filtered log as CSV (newest first, at most CSV_EXPORT_LIMIT rows). */
  async csv(
    principal: Principal,
    filterInput: AuditLogFilterInput | null | undefined,
  ): Promise<{ csv: string; rows: number; truncated: boolean }> {
    const filter = parseAuditFilter(filterInput);
    const rows = await this.db.withTenant(tenantOf(principal), (em) =>
      listAuditEntries(em, filter, CSV_EXPORT_LIMIT + 1, null),
    );
    const kept = rows.slice(0, CSV_EXPORT_LIMIT);
    return { csv: auditCsv(kept), rows: kept.length, truncated: rows.length > CSV_EXPORT_LIMIT };
  }
}

const HEADER = [
  'at',
  'actor_id',
  'actor',
  'client_id',
  'action',
  'entity_type',
  'entity_id',
  'changes',
  'request_id',
  'address',
  'user_agent',
];

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so spreadsheets do not run it. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(rows: readonly AuditEntryRecord[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    const changes = r.changes
      .map((c) =>
        c.sealed ? `${c.field}: (sealed)` : `${c.field}: ${c.from ?? '∅'} → ${c.to ?? '∅'}`,
      )
      .join('; ');
    lines.push(
      [
        r.at.toISOString(),
        r.actorUserId ?? r.clientId,
        r.actorUsername,
        r.clientId,
        r.action,
        r.entityType,
        r.entityId,
        changes,
        r.requestId,
        r.address,
        r.userAgent,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
