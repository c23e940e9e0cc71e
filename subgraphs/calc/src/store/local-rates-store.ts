// calc.local_tax_rates, always inside the caller's tenant transaction (RLS-scoped). Rates travel as
// strings between PostgreSQL numeric and decimal.js, never through floating point.
import { Decimal } from 'decimal.js';
import { textArray, type EntityManager } from '@autolytiq/kit';
import type { LocalRateRow } from '../engine/index.ts';

export interface StoredLocalRate extends LocalRateRow {
  updatedAt: Date;
}

interface Row {
  state: string;
  zip: string;
  region: string | null;
  combined_rate: string;
  state_rate: string | null;
  county_rate: string | null;
  city_rate: string | null;
  special_rate: string | null;
  updated_at: Date | string;
}

const COLUMNS =
  'state, zip, region, combined_rate::text, state_rate::text, county_rate::text, city_rate::text, special_rate::text, updated_at';

const dec = (v: string | null) => (v === null ? undefined : new Decimal(v));
const str = (v: Decimal | undefined) => (v === undefined ? null : v.toFixed());

function toRate(r: Row): StoredLocalRate {
  return {
    state: r.state,
    zip: r.zip,
    region: r.region ?? undefined,
    combinedRate: new Decimal(r.combined_rate),
    stateRate: dec(r.state_rate),
    countyRate: dec(r.county_rate),
    cityRate: dec(r.city_rate),
    specialRate: dec(r.special_rate),
    updatedAt: new Date(r.updated_at),
  };
}

export async function findRate(
  em: EntityManager,
  state: string,
  zip: string,
): Promise<StoredLocalRate | undefined> {
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from calc.local_tax_rates where state = ? and zip = ?`,
    [state, zip],
  );
  return rows[0] ? toRate(rows[0]) : undefined;
}

export async function listRates(
  em: EntityManager,
  filter: { state?: string | null; after?: { state: string; zip: string }; limit: number },
): Promise<{ rates: StoredLocalRate[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.state) {
    where.push('state = ?');
    params.push(filter.state);
  }
  const total = await em.execute<Array<{ n: string }>>(
    `select count(*)::text as n from calc.local_tax_rates ${where.length ? `where ${where.join(' and ')}` : ''}`,
    params,
  );
  if (filter.after) {
    where.push('(state, zip) > (?, ?)');
    params.push(filter.after.state, filter.after.zip);
  }
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from calc.local_tax_rates ${where.length ? `where ${where.join(' and ')}` : ''}
     order by state, zip limit ?`,
    [...params, filter.limit],
  );
  return { rates: rows.map(toRate), total: Number(total[0]!.n) };
}

export async function upsertRate(
  em: EntityManager,
  dealershipId: string,
  userId: string | null,
  rate: LocalRateRow,
): Promise<StoredLocalRate> {
  const rows = await em.execute<Row[]>(
    `insert into calc.local_tax_rates (dealership_id, state, zip, region, combined_rate, state_rate,
       county_rate, city_rate, special_rate, updated_by)
     values (?, ?, ?, ?, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?)
     on conflict (dealership_id, state, zip) do update set region = excluded.region,
       combined_rate = excluded.combined_rate, state_rate = excluded.state_rate,
       county_rate = excluded.county_rate, city_rate = excluded.city_rate,
       special_rate = excluded.special_rate, updated_by = excluded.updated_by, updated_at = now()
     returning ${COLUMNS}`,
    [
      dealershipId,
      rate.state,
      rate.zip,
      rate.region ?? null,
      rate.combinedRate.toFixed(),
      str(rate.stateRate),
      str(rate.countyRate),
      str(rate.cityRate),
      str(rate.specialRate),
      userId,
    ],
  );
  return toRate(rows[0]!);
}

export async function deleteRate(em: EntityManager, state: string, zip: string): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    'delete from calc.local_tax_rates where state = ? and zip = ? returning id',
    [state, zip],
  );
  return rows.length > 0;
}

/**
 * Saves many rows in one statement per batch (an imported table can hold every ZIP of a state); rows
 * of the same state and ZIP replace the stored ones. Runs inside the caller's transaction.
 */
export async function upsertRates(
  em: EntityManager,
  dealershipId: string,
  userId: string | null,
  rates: readonly LocalRateRow[],
  batchSize = 2000,
): Promise<number> {
  let saved = 0;
  for (let i = 0; i < rates.length; i += batchSize) {
    const batch = rates.slice(i, i + batchSize);
    const col = (f: (r: LocalRateRow) => string | null) => textArray(batch.map(f));
    const rows = await em.execute<Array<{ n: string }>>(
      `with incoming as (
         select * from unnest(?::text[], ?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::numeric[],
           ?::numeric[], ?::numeric[]) as t(state, zip, region, combined_rate, state_rate, county_rate,
           city_rate, special_rate)
       ), saved as (
         insert into calc.local_tax_rates (dealership_id, state, zip, region, combined_rate, state_rate,
           county_rate, city_rate, special_rate, updated_by)
         select ?, state, zip, region, combined_rate, state_rate, county_rate, city_rate, special_rate, ?
         from incoming
         on conflict (dealership_id, state, zip) do update set region = excluded.region,
           combined_rate = excluded.combined_rate, state_rate = excluded.state_rate,
           county_rate = excluded.county_rate, city_rate = excluded.city_rate,
           special_rate = excluded.special_rate, updated_by = excluded.updated_by, updated_at = now()
         returning 1
       ) select count(*)::text as n from saved`,
      [
        col((r) => r.state),
        col((r) => r.zip),
        col((r) => r.region ?? null),
        col((r) => r.combinedRate.toFixed()),
        col((r) => str(r.stateRate)),
        col((r) => str(r.countyRate)),
        col((r) => str(r.cityRate)),
        col((r) => str(r.specialRate)),
        dealershipId,
        userId,
      ],
    );
    saved += Number(rows[0]!.n);
  }
  return saved;
}
