// deals.settings: the dealership's desking defaults, with the deal-number counter's first number.
import type { EntityManager } from '@autolytiq/kit';
import { Decimal } from 'decimal.js';
import { DEFAULT_FIRST_DEAL_NUMBER, type DealSettingsRecord } from '../domain/records.ts';

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
