// deals.events: the deal's history, written in the transaction of the change it records.
import { isUuid, uuidArray, type EntityManager } from '@autolytiq/kit';
import { dealActivityAfterCommit } from '../domain/deal-activity.ts';
import type {
  DealChangeRecord,
  DealEventKind,
  DealEventRecord,
  DealStatus,
} from '../domain/records.ts';

interface EventRow {
  id: string;
  deal_id: string;
  kind: string;
  actor_id: string | null;
  at: Date;
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
  // Subscribers hear of it once the transaction commits (deal-activity.ts).
  dealActivityAfterCommit(em, dealershipId, { dealId, eventId: rows[0]!.id, kind: e.kind });
}

export async function eventsOf(
  em: EntityManager,
  dealIds: readonly string[],
): Promise<Map<string, DealEventRecord[]>> {
  const valid = dealIds.filter(isUuid);
  const out = new Map<string, DealEventRecord[]>(valid.map((id) => [id, []]));
  if (valid.length === 0) return out;
  const rows = await em.execute<EventRow[]>(
    `select id, deal_id, kind, actor_id, at, from_status, to_status, changes, note
     from deals.events where deal_id = any(?::uuid[]) order by deal_id, seq`,
    [uuidArray(valid)],
  );
  for (const r of rows) {
    out.get(r.deal_id)?.push({
      id: r.id,
      dealId: r.deal_id,
      kind: r.kind as DealEventKind,
      actorId: r.actor_id,
      at: new Date(r.at),
      fromStatus: r.from_status as DealStatus | null,
      toStatus: r.to_status as DealStatus | null,
      changes: r.changes,
      note: r.note,
    });
  }
  return out;
}
