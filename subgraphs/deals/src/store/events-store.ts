// deals.events (the deal's history), deals.settings (with the deal-number counter's first number)
// and deals.outbox, inside tenant transactions.
import { isUuid, uuidArray, type EntityManager } from '@autolytiq/kit';
import { Decimal } from 'decimal.js';
import { dealActivityAfterCommit } from '../domain/deal-activity.ts';
import {
  DEFAULT_FIRST_DEAL_NUMBER,
  type DealChangeRecord,
  type DealEventKind,
  type DealEventRecord,
  type DealSettingsRecord,
  type DealStatus,
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

export const DEFAULT_SETTINGS: DealSettingsRecord = {
  defaultDocFee: new Decimal(0),
  lowGrossThreshold: new Decimal(0),
  reserveShare: new Decimal('0.75'),
  maxTermMonths: 96,
  maxDocFee: new Decimal(1500),
  firstDealNumber: DEFAULT_FIRST_DEAL_NUMBER,
  lastDealNumber: null,
  updatedAt: null,
  version: 0,
};

interface SettingsRow {
  default_doc_fee: string | null;
  low_gross_threshold: string | null;
  reserve_share: string | null;
  max_term_months: number | null;
  max_doc_fee: string | null;
  updated_at: Date | null;
  version: number | null;
  first_number: number | null;
  last_number: number | null;
}

/**
 * The dealership's settings; the defaults (version 0) until an admin saves some. The deal-number
 * counter (one row, RLS) comes in the same statement.
 */
export async function readSettings(em: EntityManager): Promise<DealSettingsRecord> {
  const rows = await em.execute<SettingsRow[]>(
    `select s.default_doc_fee::text as default_doc_fee,
       s.low_gross_threshold::text as low_gross_threshold, s.reserve_share::text as reserve_share,
       s.max_term_months, s.max_doc_fee::text as max_doc_fee, s.updated_at, s.version, c.first_number, c.last_number
     from (select) one
     left join deals.settings s on true
     left join deals.deal_counters c on true`,
  );
  const r = rows[0];
  const numbering = {
    firstDealNumber: r?.first_number ?? DEFAULT_FIRST_DEAL_NUMBER,
    lastDealNumber: r?.last_number ?? null,
  };
  if (!r || r.version === null) return { ...DEFAULT_SETTINGS, ...numbering };
  return {
    defaultDocFee: new Decimal(r.default_doc_fee!),
    lowGrossThreshold: new Decimal(r.low_gross_threshold!),
    reserveShare: new Decimal(r.reserve_share!),
    maxTermMonths: r.max_term_months!,
    maxDocFee: new Decimal(r.max_doc_fee!),
    ...numbering,
    updatedAt: new Date(r.updated_at!),
    version: r.version,
  };
}

/**
 * Sets the number the dealership's first deal gets; false once it has deals (the counter row is
 * locked meanwhile, so a deal being created concurrently either comes first or uses the new value).
 */
export async function writeFirstDealNumber(em: EntityManager, dealershipId: string, first: number) {
  const rows = await em.execute<{ first_number: number }[]>(
    `insert into deals.deal_counters as c (dealership_id, first_number) values (?, ?)
     on conflict (dealership_id) do update
       set first_number = excluded.first_number, updated_at = now()
       where c.last_number is null
     returning first_number`,
    [dealershipId, first],
  );
  return rows.length > 0;
}

/** Writes the settings if `expectedVersion` is current (0 = none saved yet); false otherwise. */
export async function writeSettings(
  em: EntityManager,
  dealershipId: string,
  s: DealSettingsRecord,
  expectedVersion: number,
): Promise<boolean> {
  const values = [
    s.defaultDocFee.toFixed(2),
    s.lowGrossThreshold.toFixed(2),
    s.reserveShare.toFixed(4),
    s.maxTermMonths,
    s.maxDocFee.toFixed(2),
  ];
  if (expectedVersion === 0) {
    const rows = await em.execute<{ version: number }[]>(
      `insert into deals.settings (dealership_id, default_doc_fee, low_gross_threshold, reserve_share,
         max_term_months, max_doc_fee)
       values (?, ?, ?, ?, ?, ?) on conflict (dealership_id) do nothing returning version`,
      [dealershipId, ...values],
    );
    return rows.length > 0;
  }
  const rows = await em.execute<{ version: number }[]>(
    `update deals.settings set default_doc_fee = ?, low_gross_threshold = ?, reserve_share = ?,
       max_term_months = ?, max_doc_fee = ?, version = version + 1, updated_at = now() where version = ? returning version`,
    [...values, expectedVersion],
  );
  return rows.length > 0;
}

export async function insertOutbox(
  em: EntityManager,
  dealershipId: string,
  dealId: string,
  vehicleId: string,
  vehicleStatus: 'ON_HOLD' | 'SOLD' | 'AVAILABLE',
): Promise<void> {
  await em.execute(
    `insert into deals.outbox (dealership_id, deal_id, vehicle_id, vehicle_status) values (?, ?, ?, ?)`,
    [dealershipId, dealId, vehicleId, vehicleStatus],
  );
}

export interface OutboxItem {
  id: string;
  dealershipId: string;
  dealId: string;
  vehicleId: string;
  vehicleStatus: 'ON_HOLD' | 'SOLD' | 'AVAILABLE';
  attempts: number;
}

export async function claimOutbox(
  em: EntityManager,
  limit: number,
  leaseSeconds: number,
): Promise<OutboxItem[]> {
  const rows = await em.execute<
    {
      id: string;
      dealership_id: string;
      deal_id: string;
      vehicle_id: string;
      vehicle_status: OutboxItem['vehicleStatus'];
      attempts: number;
    }[]
  >('select * from deals.claim_outbox(?, ?)', [limit, leaseSeconds]);
  return rows.map((r) => ({
    id: r.id,
    dealershipId: r.dealership_id,
    dealId: r.deal_id,
    vehicleId: r.vehicle_id,
    vehicleStatus: r.vehicle_status,
    attempts: r.attempts,
  }));
}

export async function markDelivered(em: EntityManager, id: string): Promise<void> {
  await em.execute('select deals.outbox_delivered(?)', [id]);
}

/** Inventory refused the change for good: settled, but kept as refused with the reason. */
export async function markRefused(em: EntityManager, id: string, error: string): Promise<void> {
  await em.execute('select deals.outbox_refused(?, ?)', [id, error]);
}

export async function markFailed(em: EntityManager, id: string, error: string): Promise<void> {
  await em.execute('select deals.outbox_failed(?, ?)', [id, error]);
}

/** Who holds the vehicle, as far as this dealership's deals know: the latest status sent for it. */
export async function vehicleHolder(em: EntityManager, vehicleId: string) {
  const rows = await em.execute<{ deal_id: string; vehicle_status: string }[]>(
    'select deal_id, vehicle_status from deals.outbox where vehicle_id = ? order by seq desc limit 1',
    [vehicleId],
  );
  return rows[0] ?? null;
}
