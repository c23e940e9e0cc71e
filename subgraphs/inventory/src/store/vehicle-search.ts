// Runs a SearchQuery (domain/search.ts) against inventory.vehicles.
import type { EntityManager } from '@autolytiq/kit';
import { prefixRange, type SearchQuery } from '../domain/search.ts';
import type { VehicleRecord } from '../domain/vehicles.ts';
import { COLUMNS, toRecord } from './vehicles-store.ts';

/** The one statement a search runs (exported so the benchmark can EXPLAIN exactly it). */
/** Above this many text matches, walking the sort index beats fetching and sorting every match. */
export const COMMON_TEXT_MATCHES = 1000;

function wordsSql(dealershipId: string, words: readonly string[]) {
  const params: unknown[] = [];
  const parts = words.map((word) => {
    params.push(dealershipId, ...prefixRange(word));
    return 'select vehicle_id from inventory.vehicle_words where dealership_id = ?::uuid and word >= ? and word < ?';
  });
  return { sql: parts.join(' intersect '), params };
}

/**
 * The one statement a search runs (exported so the benchmark can EXPLAIN exactly it). `commonText`:
 * the words match at least COMMON_TEXT_MATCHES vehicles (see searchVehicles).
 */
export function searchSql(
  dealershipId: string,
  q: SearchQuery,
  commonText = false,
): { sql: string; params: unknown[] } {
  // dealership_id is repeated in the WHERE (RLS enforces it anyway) so the planner can use the
  // (dealership_id, sort key, id) indexes.
  const where = ['vehicles.dealership_id = ?::uuid', ...q.where];
  const params: unknown[] = [];
  const afterParams: unknown[] = []; // for conditions placed after q.where
  let cte = '';
  if (q.textSearch) {
    // Rare words: matches first (materialized: one range scan of the (dealership_id, word,
    // vehicle_id) key per word, intersected), then filters and sort on those rows only. Common words
    // (≥ COMMON_TEXT_MATCHES): reading and sorting thousands of matches cost 30-40 ms at 50k
    // vehicles ("camry"); walking the sort index with a per-row probe is 4-6 ms, and 5-13 ms in the
    // bench's worst cases (a common word with filters that leave few or no rows).
    if (commonText) {
      // Many matches: walk the sort index and keep the vehicles that have every word (a probe of
      // vehicle_words_by_vehicle each); a page is found long before all matches would be read.
      for (const word of q.textSearch) {
        where.push(
          `exists (select 1 from inventory.vehicle_words w where w.vehicle_id = vehicles.id
             and w.dealership_id = vehicles.dealership_id and w.word >= ? and w.word < ?)`,
        );
        afterParams.push(...prefixRange(word));
      }
    } else {
      const words = wordsSql(dealershipId, q.textSearch);
      params.push(...words.params);
      cte = `with matched as materialized (${words.sql})\n`;
      where.push('vehicles.id in (select vehicle_id from matched)');
    }
  }
  params.push(dealershipId, ...q.params, ...afterParams);
  return {
    sql: `${cte}select ${COLUMNS}, ${q.sortColumn} as sort_value from inventory.vehicles
     where ${where.join(' and ')} order by ${q.orderBy} limit ${q.limit}`,
    params,
  };
}

export async function searchVehicles(
  em: EntityManager,
  dealershipId: string,
  q: SearchQuery,
): Promise<Array<{ record: VehicleRecord; sortValue: string }>> {
  let common = false;
  if (q.textSearch) {
    const words = wordsSql(dealershipId, q.textSearch);
    const [row] = await em.execute<Array<{ n: number }>>(
      `select count(*)::int as n from (${words.sql} limit ${COMMON_TEXT_MATCHES}) m`,
      words.params,
    );
    common = (row?.n ?? 0) >= COMMON_TEXT_MATCHES;
  }
  const { sql, params } = searchSql(dealershipId, q, common);
  const rows = await em.execute<Array<Parameters<typeof toRecord>[0] & { sort_value: string }>>(
    sql,
    params,
  );
  return rows.map((r) => ({ record: toRecord(r), sortValue: r.sort_value }));
}
