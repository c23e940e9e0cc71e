// ml.deal_facts: what ml knows of each deal (read through the graph), the customers' segments, and
// the dealerships followed. All under RLS: the caller's transaction sees its dealership only.
import type { EntityManager } from '@autolytiq/kit';
import type { DealFacts } from '../domain/features.ts';

export interface StoredDeal {
  dealId: string;
  customerId: string;
  salespersonId: string | null;
  status: string;
  strategy: string | null;
  facts: DealFacts;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  deal_id: string;
  customer_id: string;
  salesperson_id: string | null;
  status: string;
  strategy: string | null;
  facts: DealFacts;
  deal_created_at: string | Date;
  deal_updated_at: string | Date;
}

const toDeal = (r: Row): StoredDeal => ({
  dealId: r.deal_id,
  customerId: r.customer_id,
  salespersonId: r.salesperson_id,
  status: r.status,
  strategy: r.strategy,
  facts: r.facts,
  createdAt: new Date(r.deal_created_at),
  updatedAt: new Date(r.deal_updated_at),
});

const COLUMNS =
  'deal_id, customer_id, salesperson_id, status, strategy, facts, deal_created_at, deal_updated_at';

export async function upsertDeal(
  em: EntityManager,
  dealershipId: string,
  d: StoredDeal,
): Promise<void> {
  await em.execute(
    `insert into ml.deal_facts (dealership_id, deal_id, deal_number, customer_id, salesperson_id,
       status, strategy, facts, deal_created_at, deal_updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
     on conflict (dealership_id, deal_id) do update set customer_id = excluded.customer_id,
       salesperson_id = excluded.salesperson_id, status = excluded.status,
       strategy = excluded.strategy, facts = excluded.facts,
       deal_updated_at = excluded.deal_updated_at, synced_at = now()`,
    [
      dealershipId,
      d.dealId,
      d.facts.dealNumber,
      d.customerId,
      d.salespersonId,
      d.status,
      d.strategy,
      JSON.stringify(d.facts),
      d.createdAt.toISOString(),
      d.updatedAt.toISOString(),
    ],
  );
}

/** Each customer's latest deal (by when it was opened). */
export async function latestDealPerCustomer(em: EntityManager): Promise<StoredDeal[]> {
  const rows = await em.execute<Row[]>(
    `select distinct on (customer_id) ${COLUMNS} from ml.deal_facts
     order by customer_id, deal_created_at desc, deal_id`,
  );
  return rows.map(toDeal);
}

export async function dealsByIds(em: EntityManager, ids: string[]): Promise<StoredDeal[]> {
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from ml.deal_facts where deal_id = any(?::uuid[])`,
    [`{${ids.join(',')}}`],
  );
  return rows.map(toDeal);
}

export async function countDeals(em: EntityManager): Promise<number> {
  const rows = await em.execute<Array<{ n: string }>>('select count(*) as n from ml.deal_facts');
  return Number(rows[0]!.n);
}

export interface SegmentRow {
  customerId: string;
  dealId: string;
  segment: number;
  confidence: number;
  score: number;
  modelVersion: number;
}

/** Replaces every customer's segment with those of a new model (one transaction). */
export async function replaceSegments(em: EntityManager, dealershipId: string, rows: SegmentRow[]) {
  await em.execute('delete from ml.customer_segments');
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await em.execute(
      `insert into ml.customer_segments
         (dealership_id, customer_id, deal_id, segment, confidence, score, model_version)
       select ?, * from unnest(?::uuid[], ?::uuid[], ?::int[], ?::float8[], ?::float8[], ?::int[])`,
      [
        dealershipId,
        `{${chunk.map((r) => r.customerId).join(',')}}`,
        `{${chunk.map((r) => r.dealId).join(',')}}`,
        `{${chunk.map((r) => r.segment).join(',')}}`,
        `{${chunk.map((r) => r.confidence).join(',')}}`,
        `{${chunk.map((r) => r.score).join(',')}}`,
        `{${chunk.map((r) => r.modelVersion).join(',')}}`,
      ],
    );
  }
}

export async function upsertSegment(em: EntityManager, dealershipId: string, r: SegmentRow) {
  await em.execute(
    `insert into ml.customer_segments
       (dealership_id, customer_id, deal_id, segment, confidence, score, model_version)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (dealership_id, customer_id) do update set deal_id = excluded.deal_id,
       segment = excluded.segment, confidence = excluded.confidence, score = excluded.score,
       model_version = excluded.model_version`,
    [dealershipId, r.customerId, r.dealId, r.segment, r.confidence, r.score, r.modelVersion],
  );
}

interface SegRow {
  customer_id: string;
  deal_id: string;
  segment: number;
  confidence: number;
  score: number;
  model_version: number;
}
const toSegment = (r: SegRow): SegmentRow => ({
  customerId: r.customer_id,
  dealId: r.deal_id,
  segment: r.segment,
  confidence: r.confidence,
  score: r.score,
  modelVersion: r.model_version,
});

export async function segmentsOf(em: EntityManager, customerIds: string[]): Promise<SegmentRow[]> {
  const rows = await em.execute<SegRow[]>(
    `select customer_id, deal_id, segment, confidence, score, model_version
     from ml.customer_segments where customer_id = any(?::uuid[])`,
    [`{${customerIds.join(',')}}`],
  );
  return rows.map(toSegment);
}

/** Outliers, most unusual first, after (score, customer) of the cursor. */
export async function outlierPage(
  em: EntityManager,
  limit: number,
  after: { score: number; customerId: string } | null,
): Promise<SegmentRow[]> {
  const rows = await em.execute<SegRow[]>(
    `select customer_id, deal_id, segment, confidence, score, model_version
     from ml.customer_segments where segment = -1
       ${after ? 'and (score, customer_id) < (?, ?::uuid)' : ''}
     order by score desc, customer_id desc limit ?`,
    after ? [after.score, after.customerId, limit] : [limit],
  );
  return rows.map(toSegment);
}

export async function countOutliers(em: EntityManager): Promise<number> {
  const rows = await em.execute<Array<{ n: string }>>(
    'select count(*) as n from ml.customer_segments where segment = -1',
  );
  return Number(rows[0]!.n);
}

export async function clearSegments(em: EntityManager): Promise<void> {
  await em.execute('delete from ml.customer_segments');
}

// ---- dealerships followed ----

export async function followDealership(em: EntityManager, dealershipId: string): Promise<boolean> {
  const rows = await em.execute<Array<{ dealership_id: string }>>(
    `insert into ml.dealerships (dealership_id) values (?) on conflict do nothing
     returning dealership_id`,
    [dealershipId],
  );
  return rows.length > 0;
}

export async function followedDealerships(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<Array<{ id: string }>>('select ml.followed_dealerships() as id');
  return rows.map((r) => r.id);
}

export interface SyncState {
  syncedThrough: Date | null;
  lastSyncAt: Date | null;
  lastError: string | null;
}

export async function syncState(em: EntityManager): Promise<SyncState | null> {
  const rows = await em.execute<
    Array<{
      synced_through: string | Date | null;
      last_sync_at: string | Date | null;
      last_error: string | null;
    }>
  >('select synced_through, last_sync_at, last_error from ml.dealerships');
  const r = rows[0];
  if (!r) return null;
  return {
    syncedThrough: r.synced_through === null ? null : new Date(r.synced_through),
    lastSyncAt: r.last_sync_at === null ? null : new Date(r.last_sync_at),
    lastError: r.last_error,
  };
}

export async function recordSync(
  em: EntityManager,
  change: { syncedThrough: Date | null; error: string | null },
): Promise<void> {
  await em.execute(
    `update ml.dealerships set last_sync_at = now(), last_error = ?,
       synced_through = coalesce(?, synced_through)`,
    [change.error, change.syncedThrough?.toISOString() ?? null],
  );
}

/** Deals changed since `since` (the team's window). */
export async function dealsChangedSince(em: EntityManager, since: Date): Promise<StoredDeal[]> {
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from ml.deal_facts where deal_updated_at >= ? order by deal_id`,
    [since.toISOString()],
  );
  return rows.map(toDeal);
}

/** The customer's latest deal, if ml has read one. */
export async function latestDealOf(
  em: EntityManager,
  customerId: string,
): Promise<StoredDeal | null> {
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from ml.deal_facts where customer_id = ?
     order by deal_created_at desc, deal_id limit 1`,
    [customerId],
  );
  return rows[0] ? toDeal(rows[0]) : null;
}
