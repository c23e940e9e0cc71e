// deals.events: the deal's history, written in the transaction of the change it records.
import {
  auditValue,
  isUuid,
  recordAudit,
  uuidArray,
  type EntityManager,
  type SqlReader,
} from '@autolytiq/kit';
import { dealActivityAfterCommit } from '../domain/deal-activity.ts';
import type {
  DealChangeRecord,
  DealEventKind,
  DealEventRecord,
  DealStatus,
} from '../domain/records.ts';

export interface EventRow {
  id: string;
  deal_id: string;
  kind: string;
  actor_id: string | null;
  /** A Date from a column; ISO text inside JSON (findDealWithEvents). */
  at: Date | string;
  from_status: string | null;
  to_status: string | null;
  changes: DealChangeRecord[];
  note: string | null;
}

export interface NewEvent {
  kind: DealEventKind;
  actorId: string | null;
  fromStatus: DealStatus | null;
  toStatus: DealStatus | null;
  changes: DealChangeRecord[];
  note?: string | null;
}

export async function insertEvent(
  em: EntityManager,
  dealershipId: string,
  dealId: string,
  e: NewEvent,
): Promise<void> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into deals.events (dealership_id, deal_id, kind, actor_id, from_status, to_status, changes, note)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) returning id`,
    [
      dealershipId,
      dealId,
      e.kind,
      e.actorId,
      e.fromStatus,
      e.toStatus,
      JSON.stringify(e.changes),
      e.note ?? null,
    ],
  );
  // The platform audit trail gets the same change (one place to look across subgraphs); the deal's
  // own history stays here for the deal screen.
  await recordAudit(em, {
    source: 'deals',
    entityType: 'Deal',
    entityId: dealId,
    action: auditAction(e),
    changes: e.changes.map((c) => ({ field: c.field, from: plain(c.from), to: plain(c.to) })),
    ...(e.actorId ? { actor: { userId: e.actorId } } : {}),
  });
  // Subscribers hear of it once the transaction commits (deal-activity.ts).
  dealActivityAfterCommit(em, dealershipId, { dealId, eventId: rows[0]!.id, kind: e.kind });
}

// Deal history keeps values as JSON text ('"29500"'); the audit trail shows them plainly (29500).
function plain(value: string | null): string | null {
  if (value === null) return null;
  try {
    return auditValue(JSON.parse(value));
  } catch {
    return value;
  }
}

/** The audit trail's action for a deal event: create, update, scenario.add…, status:CONTRACTED. */
export function auditAction(e: Pick<NewEvent, 'kind' | 'toStatus'>): string {
  switch (e.kind) {
    case 'CREATED':
      return 'create';
    case 'EDITED':
      return 'update';
    case 'TRANSITION':
      return `status:${e.toStatus ?? 'unknown'}`;
    default:
      return e.kind.toLowerCase().replace(/_/g, '.');
  }
}

export async function eventsOf(
  em: SqlReader,
  dealIds: readonly string[],
): Promise<Map<string, DealEventRecord[]>> {
  const valid = dealIds.filter(isUuid);
  const out = new Map<string, DealEventRecord[]>(valid.map((id) => [id, []]));
  if (valid.length === 0) return out;
  const rows = await em.execute<EventRow[]>(
    `select ${EVENT_COLUMNS} from deals.events where deal_id = any(?::uuid[]) order by deal_id, seq`,
    [uuidArray(valid)],
  );
  for (const r of rows) out.get(r.deal_id)?.push(toEvent(r));
  return out;
}

/** The columns eventsOf reads, as SQL (findDealWithEvents aggregates the same). */
export const EVENT_COLUMNS =
  'id, deal_id, kind, actor_id, at, from_status, to_status, changes, note';

export function toEvent(r: EventRow): DealEventRecord {
  return {
    id: r.id,
    dealId: r.deal_id,
    kind: r.kind as DealEventKind,
    actorId: r.actor_id,
    at: new Date(r.at),
    fromStatus: r.from_status as DealStatus | null,
    toStatus: r.to_status as DealStatus | null,
    changes: r.changes,
    note: r.note,
  };
}
