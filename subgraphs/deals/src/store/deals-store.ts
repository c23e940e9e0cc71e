// deals.deals and deals.scenarios, always inside a tenant transaction (RLS shows the caller's
// dealership only). Trade-ins, rebates and products are JSON owned by the deal row.
import { isUuid, uuidArray, type EntityManager, type SqlReader } from '@autolytiq/kit';
import { Decimal } from 'decimal.js';
import type { DealLocalRate } from '@autolytiq/calc';
import { EVENT_COLUMNS, toEvent, type EventRow } from './deal-events-store.ts';
import {
  DEFAULT_FIRST_DEAL_NUMBER,
  type ContractRecord,
  type DealEventRecord,
  type DealRecord,
  type DealStatus,
  type DealTerms,
  type FinanceTermsRecord,
  type LeaseTermsRecord,
  type LocalRateAcknowledgementRecord,
  type ProductRecord,
  type RebateRecord,
  type ScenarioKind,
  type ScenarioRecord,
  type StoredJson,
  type TradeInRecord,
  type VehicleCondition,
} from '../domain/records.ts';

interface DealRow {
  id: string;
  dealership_id: string;
  deal_number: number;
  status: string;
  buyer_id: string;
  co_buyer_id: string | null;
  vehicle_id: string;
  salesperson_id: string | null;
  sales_manager_id: string | null;
  deal_date: string;
  buyer_state: string;
  buyer_zip: string | null;
  dealer_zip: string | null;
  vehicle_condition: string;
  msrp: string | null;
  selling_price: string;
  accessories: string;
  dealer_discount: string;
  rebates: JsonMoney[];
  doc_fee: string;
  title_fee: string | null;
  registration_fee: string | null;
  trade_ins: JsonMoney[];
  products: JsonMoney[];
  reconditioning: string;
  vehicle_cost: string | null;
  local_rate: DealLocalRate | null;
  rejection_reason: string | null;
  cancellation_reason: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  approved_by: string | null;
  delivered_at: Date | null;
  contract: ContractRecord | null;
  local_rate_acknowledgement: LocalRateAcknowledgementRecord | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

type JsonMoney = Record<string, string | number | null>;

interface ScenarioRow {
  id: string;
  deal_id: string;
  kind: string;
  name: string | null;
  position: number;
  selected: boolean;
  terms: JsonMoney | null;
  calc_input: StoredJson;
  result: StoredJson;
  reserve: string;
  calculated_at: Date;
}

const DEAL_COLUMNS = `id, dealership_id, deal_number, status, buyer_id, co_buyer_id, vehicle_id,
  salesperson_id, sales_manager_id, deal_date::text as deal_date, buyer_state, buyer_zip, dealer_zip, vehicle_condition,
  msrp::text as msrp, selling_price::text as selling_price, accessories::text as accessories,
  dealer_discount::text as dealer_discount, rebates, doc_fee::text as doc_fee,
  title_fee::text as title_fee, registration_fee::text as registration_fee, trade_ins, products,
  reconditioning::text as reconditioning, vehicle_cost::text as vehicle_cost, local_rate, rejection_reason,
  cancellation_reason, submitted_at, approved_at, approved_by, delivered_at, contract,
  local_rate_acknowledgement, created_by, created_at, updated_at, version`;

const SCENARIO_COLUMNS = `id, deal_id, kind, name, position, selected, terms, calc_input, result,
  reserve::text as reserve, calculated_at`;

const dec = (v: string | number | null | undefined) =>
  v === null || v === undefined ? null : new Decimal(v);
const req = (v: string | number | null | undefined) => new Decimal(v ?? 0);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const money = (d: Decimal | null) => (d === null ? null : d.toFixed(2));

function toTradeIn(j: JsonMoney): TradeInRecord {
  return {
    id: String(j.id),
    vin: str(j.vin),
    year: int(j.year),
    make: str(j.make),
    model: str(j.model),
    mileage: int(j.mileage),
    allowance: req(j.allowance),
    actualCashValue: dec(j.actualCashValue),
    payoff: req(j.payoff),
    lienholder: str(j.lienholder),
  };
}

function toProduct(j: JsonMoney): ProductRecord {
  return {
    id: String(j.id),
    kind: String(j.kind) as ProductRecord['kind'],
    name: String(j.name),
    price: req(j.price),
    cost: dec(j.cost),
    termMonths: int(j.termMonths),
    termMiles: int(j.termMiles),
  };
}

function toRebate(j: JsonMoney): RebateRecord {
  return { code: String(j.code), description: str(j.description), amount: req(j.amount) };
}

function toFinance(j: JsonMoney): FinanceTermsRecord {
  return {
    lender: str(j.lender),
    apr: req(j.apr),
    buyRate: dec(j.buyRate),
    rateMarkup: dec(j.rateMarkup),
    termMonths: Number(j.termMonths),
    downPayment: req(j.downPayment),
    firstPaymentDate: str(j.firstPaymentDate),
  };
}

function toLease(j: JsonMoney): LeaseTermsRecord {
  return {
    lender: str(j.lender),
    moneyFactor: req(j.moneyFactor),
    residualPercent: dec(j.residualPercent),
    residualValue: dec(j.residualValue),
    termMonths: Number(j.termMonths),
    milesPerYear: int(j.milesPerYear),
    cashDown: req(j.cashDown),
    acquisitionFee: req(j.acquisitionFee),
  };
}

function toScenario(r: ScenarioRow): ScenarioRecord {
  const kind = r.kind as ScenarioKind;
  return {
    id: r.id,
    dealId: r.deal_id,
    kind,
    name: r.name,
    selected: r.selected,
    finance: kind === 'FINANCE' && r.terms ? toFinance(r.terms) : null,
    lease: kind === 'LEASE' && r.terms ? toLease(r.terms) : null,
    calcInput: r.calc_input,
    result: r.result,
    reserve: new Decimal(r.reserve),
    calculatedAt: new Date(r.calculated_at),
    position: r.position,
  };
}

function toDeal(r: DealRow, scenarios: ScenarioRecord[]): DealRecord {
  return {
    id: r.id,
    dealershipId: r.dealership_id,
    dealNumber: r.deal_number,
    status: r.status as DealStatus,
    buyerId: r.buyer_id,
    coBuyerId: r.co_buyer_id,
    vehicleId: r.vehicle_id,
    salespersonId: r.salesperson_id,
    salesManagerId: r.sales_manager_id,
    dealDate: r.deal_date,
    buyerState: r.buyer_state,
    buyerZip: r.buyer_zip,
    dealerZip: r.dealer_zip,
    vehicleCondition: r.vehicle_condition as VehicleCondition,
    msrp: dec(r.msrp),
    sellingPrice: new Decimal(r.selling_price),
    accessories: new Decimal(r.accessories),
    dealerDiscount: new Decimal(r.dealer_discount),
    rebates: r.rebates.map(toRebate),
    docFee: new Decimal(r.doc_fee),
    titleFee: dec(r.title_fee),
    registrationFee: dec(r.registration_fee),
    tradeIns: r.trade_ins.map(toTradeIn),
    products: r.products.map(toProduct),
    reconditioning: new Decimal(r.reconditioning),
    vehicleCost: dec(r.vehicle_cost),
    localRate: r.local_rate ?? null,
    scenarios,
    rejectionReason: r.rejection_reason,
    cancellationReason: r.cancellation_reason,
    submittedAt: r.submitted_at,
    approvedAt: r.approved_at,
    approvedById: r.approved_by,
    deliveredAt: r.delivered_at,
    contract: r.contract ?? null,
    localRateAcknowledgement: r.local_rate_acknowledgement ?? null,
    createdById: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: r.version,
  };
}

/** Scenario terms as stored (Decimals as strings). */
export function termsJson(s: Pick<ScenarioRecord, 'finance' | 'lease'>): string | null {
  const t = s.finance ?? s.lease;
  return t === null ? null : JSON.stringify(t);
}

async function withScenarios(em: EntityManager, rows: DealRow[]): Promise<DealRecord[]> {
  if (rows.length === 0) return [];
  const scenarios = await em.execute<ScenarioRow[]>(
    `select ${SCENARIO_COLUMNS} from deals.scenarios where deal_id = any(?::uuid[]) order by deal_id, position`,
    [uuidArray(rows.map((r) => r.id))],
  );
  const byDeal = new Map<string, ScenarioRecord[]>();
  for (const s of scenarios) {
    const list = byDeal.get(s.deal_id) ?? [];
    list.push(toScenario(s));
    byDeal.set(s.deal_id, list);
  }
  return rows.map((r) => toDeal(r, byDeal.get(r.id) ?? []));
}

// The deal's scenarios as one JSON array in the same statement (one round trip for a whole deal).
// Reads leave out the payment schedule (up to 120 rows per scenario): `payments` loads it when asked
// (scheduleOf). Writes lock and load the whole row (lockDeal).
const SCENARIOS_JSON = `coalesce((select json_agg(json_build_object('id', s.id, 'deal_id', s.deal_id,
  'kind', s.kind, 'name', s.name, 'position', s.position, 'selected', s.selected, 'terms', s.terms,
  'calc_input', s.calc_input, 'result', s.result - 'schedule', 'reserve', s.reserve::text,
  'calculated_at', s.calculated_at) order by s.position)
  from deals.scenarios s where s.deal_id = d.id), '[]'::json) as scenarios_json`;

export async function findDeals(em: SqlReader, ids: readonly string[]): Promise<DealRecord[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await em.execute<(DealRow & { scenarios_json: ScenarioRow[] })[]>(
    `select ${DEAL_COLUMNS}, ${SCENARIOS_JSON} from deals.deals d where d.id = any(?::uuid[])`,
    [uuidArray(valid)],
  );
  return rows.map((r) => toDeal(r, r.scenarios_json.map(toScenario)));
}

/**
 * A deal and its history in one statement (the deal screen's fetch: one round trip with db.read).
 */
export async function findDealWithEvents(
  em: SqlReader,
  id: string,
): Promise<{ deal: DealRecord; events: DealEventRecord[] } | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<
    (DealRow & { scenarios_json: ScenarioRow[]; events_json: EventRow[] })[]
  >(
    `select ${DEAL_COLUMNS}, ${SCENARIOS_JSON},
       coalesce((select json_agg(e order by e.seq) from (select ${EVENT_COLUMNS}, seq
         from deals.events where deal_id = d.id) e), '[]'::json) as events_json
       from deals.deals d where d.id = ?`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return { deal: toDeal(r, r.scenarios_json.map(toScenario)), events: r.events_json.map(toEvent) };
}

/** The deal with this number in the caller's dealership (RLS), if any. */
export async function findDealByNumber(
  em: EntityManager,
  dealNumber: number,
): Promise<DealRecord | undefined> {
  if (!Number.isInteger(dealNumber) || dealNumber < 1) return undefined;
  const rows = await em.execute<(DealRow & { scenarios_json: ScenarioRow[] })[]>(
    `select ${DEAL_COLUMNS}, ${SCENARIOS_JSON} from deals.deals d where d.deal_number = ?`,
    [dealNumber],
  );
  const r = rows[0];
  return r ? toDeal(r, r.scenarios_json.map(toScenario)) : undefined;
}

/** The deal, locked for the rest of the transaction (edits and transitions serialize on it). */
export async function lockDeal(em: EntityManager, id: string): Promise<DealRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await em.execute<DealRow[]>(
    `select ${DEAL_COLUMNS} from deals.deals where id = ? for update`,
    [id],
  );
  return (await withScenarios(em, rows))[0];
}

function termValues(t: DealTerms): unknown[] {
  return [
    t.buyerId,
    t.coBuyerId,
    t.vehicleId,
    t.salespersonId,
    t.salesManagerId,
    t.dealDate,
    t.buyerState,
    t.buyerZip,
    t.vehicleCondition,
    money(t.msrp),
    money(t.sellingPrice),
    money(t.accessories),
    money(t.dealerDiscount),
    JSON.stringify(t.rebates),
    money(t.docFee),
    money(t.titleFee),
    money(t.registrationFee),
    JSON.stringify(t.tradeIns),
    JSON.stringify(t.products),
    money(t.reconditioning),
    money(t.vehicleCost),
    t.localRate ? JSON.stringify(t.localRate) : null,
    t.dealerZip ?? null,
  ];
}

/**
 * Takes the dealership's next deal number: bumps its counter row (created at the first deal, from
 * `first_number`), which stays locked until the transaction ends. Concurrent creates queue here; a
 * rolled-back create gives its number back, so committed numbers have no gaps.
 */
export async function nextDealNumber(em: EntityManager, dealershipId: string): Promise<number> {
  const rows = await em.execute<{ last_number: number }[]>(
    `insert into deals.deal_counters as c (dealership_id, last_number)
     values (?, ${DEFAULT_FIRST_DEAL_NUMBER})
     on conflict (dealership_id) do update
       set last_number = coalesce(c.last_number + 1, c.first_number), updated_at = now()
     returning last_number`,
    [dealershipId],
  );
  return rows[0]!.last_number;
}

/** Inserts the deal; returns it as stored (with `scenarios` as given, not read back). */
export async function insertDeal(
  em: EntityManager,
  dealershipId: string,
  createdBy: string,
  t: DealTerms,
  id: string,
  dealNumber: number,
  scenarios: ScenarioRecord[],
): Promise<DealRecord> {
  const rows = await em.execute<DealRow[]>(
    `insert into deals.deals (dealership_id, created_by, buyer_id, co_buyer_id, vehicle_id,
       salesperson_id, sales_manager_id, deal_date, buyer_state, buyer_zip, vehicle_condition, msrp,
       selling_price, accessories, dealer_discount, rebates, doc_fee, title_fee, registration_fee,
       trade_ins, products, reconditioning, vehicle_cost, local_rate, dealer_zip, id, deal_number)
     values (?, ?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?)
     returning ${DEAL_COLUMNS}`,
    [dealershipId, createdBy, ...termValues(t), id, dealNumber],
  );
  return toDeal(rows[0]!, scenarios);
}

/** What a save changes besides the terms. */
export interface DealStateFields {
  status: DealStatus;
  rejectionReason: string | null;
  cancellationReason: string | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  approvedById: string | null;
  deliveredAt: Date | null;
}

/** Writes the whole row and bumps the version; the caller holds the row lock and checked the version. */
export async function saveDealRow(em: EntityManager, d: DealRecord): Promise<void> {
  await em.execute(
    `update deals.deals set buyer_id = ?, co_buyer_id = ?, vehicle_id = ?, salesperson_id = ?,
       sales_manager_id = ?, deal_date = ?::date, buyer_state = ?, buyer_zip = ?,
       vehicle_condition = ?, msrp = ?, selling_price = ?, accessories = ?, dealer_discount = ?,
       rebates = ?::jsonb, doc_fee = ?, title_fee = ?, registration_fee = ?, trade_ins = ?::jsonb,
       products = ?::jsonb, reconditioning = ?, vehicle_cost = ?, local_rate = ?::jsonb, dealer_zip = ?, status = ?, rejection_reason = ?,
       cancellation_reason = ?, submitted_at = ?, approved_at = ?, approved_by = ?, delivered_at = ?,
       contract = ?::jsonb, local_rate_acknowledgement = ?::jsonb,
       version = version + 1, updated_at = now()
     where id = ?`,
    [
      ...termValues(d),
      d.status,
      d.rejectionReason,
      d.cancellationReason,
      d.submittedAt,
      d.approvedAt,
      d.approvedById,
      d.deliveredAt,
      d.contract ? JSON.stringify(d.contract) : null,
      d.localRateAcknowledgement ? JSON.stringify(d.localRateAcknowledgement) : null,
      d.id,
    ],
  );
}

/** Makes the stored scenarios equal `scenarios` (by id: update, insert, delete the rest). */
export async function saveScenarios(
  em: EntityManager,
  dealershipId: string,
  dealId: string,
  before: readonly ScenarioRecord[],
  scenarios: readonly ScenarioRecord[],
): Promise<void> {
  const keep = new Set(scenarios.map((s) => s.id));
  const gone = before.filter((s) => !keep.has(s.id)).map((s) => s.id);
  if (gone.length > 0) {
    await em.execute('delete from deals.scenarios where id = any(?::uuid[])', [uuidArray(gone)]);
  }
  // Clear the selection first: the one-selected-per-deal index is checked row by row.
  if (before.length > 0) {
    await em.execute('update deals.scenarios set selected = false where deal_id = ? and selected', [
      dealId,
    ]);
  }
  const existing = new Set(before.map((s) => s.id));
  for (const s of scenarios) {
    const values = [
      s.kind,
      s.name,
      s.position,
      s.selected,
      termsJson(s),
      JSON.stringify(s.calcInput),
      JSON.stringify(s.result),
      s.reserve.toFixed(2),
      s.calculatedAt,
    ];
    if (existing.has(s.id)) {
      await em.execute(
        `update deals.scenarios set kind = ?, name = ?, position = ?, selected = ?, terms = ?::jsonb,
           calc_input = ?::jsonb, result = ?::jsonb, reserve = ?, calculated_at = ? where id = ?`,
        [...values, s.id],
      );
    } else {
      await em.execute(
        `insert into deals.scenarios (kind, name, position, selected, terms, calc_input, result,
           reserve, calculated_at, id, dealership_id, deal_id)
         values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)`,
        [...values, s.id, dealershipId, dealId],
      );
    }
  }
}

export interface DealListQuery {
  dealNumber?: number | null;
  status?: readonly DealStatus[] | null;
  salespersonId?: string | null;
  customerId?: string | null;
  vehicleId?: string | null;
  dealDateFrom?: string | null;
  dealDateTo?: string | null;
}

export type DealSortKey = 'DEAL_DATE_DESC' | 'DEAL_DATE_ASC' | 'UPDATED_DESC' | 'CREATED_DESC';

const SORTS: Record<DealSortKey, { column: string; dir: 'asc' | 'desc'; cast: string }> = {
  DEAL_DATE_DESC: { column: 'deal_date', dir: 'desc', cast: 'date' },
  DEAL_DATE_ASC: { column: 'deal_date', dir: 'asc', cast: 'date' },
  UPDATED_DESC: { column: 'updated_at', dir: 'desc', cast: 'timestamptz' },
  CREATED_DESC: { column: 'created_at', dir: 'desc', cast: 'timestamptz' },
};

export interface Cursor {
  key: string;
  /** The deal number: the tie-breaker within one sort key (newest deal first on a busy day). */
  number: number;
}

/**
 * Keyset page: rows after `after` in (sort key, deal number) order — deals of one day in the order
 * they were numbered; returns one extra to tell if more exist.
 */
export async function listDeals(
  em: EntityManager,
  q: DealListQuery,
  sort: DealSortKey,
  limit: number,
  after: Cursor | null,
): Promise<{ deal: DealRecord; key: string }[]> {
  const where: string[] = ['true'];
  const params: unknown[] = [];
  if (q.dealNumber !== null && q.dealNumber !== undefined) {
    where.push('deal_number = ?');
    params.push(q.dealNumber);
  }
  if (q.status && q.status.length > 0) {
    where.push('status = any(?::text[])');
    params.push(`{${q.status.join(',')}}`);
  }
  if (q.salespersonId) {
    where.push('salesperson_id = ?');
    params.push(q.salespersonId);
  }
  if (q.customerId) {
    where.push('(buyer_id = ? or co_buyer_id = ?)');
    params.push(q.customerId, q.customerId);
  }
  if (q.vehicleId) {
    where.push('vehicle_id = ?');
    params.push(q.vehicleId);
  }
  if (q.dealDateFrom) {
    where.push('deal_date >= ?::date');
    params.push(q.dealDateFrom);
  }
  if (q.dealDateTo) {
    where.push('deal_date <= ?::date');
    params.push(q.dealDateTo);
  }
  const s = SORTS[sort];
  if (after) {
    where.push(`(${s.column}, deal_number) ${s.dir === 'desc' ? '<' : '>'} (?::${s.cast}, ?::int)`);
    params.push(after.key, after.number);
  }
  const rows = await em.execute<(DealRow & { sort_key: string })[]>(
    `select ${DEAL_COLUMNS}, ${s.column}::text as sort_key from deals.deals
     where ${where.join(' and ')}
     order by ${s.column} ${s.dir}, deal_number ${s.dir} limit ?`,
    [...params, limit],
  );
  const deals = await withScenarios(em, rows);
  return deals.map((deal, i) => ({ deal, key: rows[i]!.sort_key }));
}

/** Deals of many customers (buyer or co-buyer) or vehicles at once, newest first, `limit` each. */
export async function dealsFor(
  em: EntityManager,
  column: 'customer' | 'vehicle',
  ids: readonly string[],
  limit: number,
): Promise<Map<string, DealRecord[]>> {
  const valid = ids.filter(isUuid);
  const out = new Map<string, DealRecord[]>(valid.map((id) => [id, []]));
  if (valid.length === 0) return out;
  const match =
    column === 'customer' ? 'd.buyer_id = k.id or d.co_buyer_id = k.id' : 'd.vehicle_id = k.id';
  const rows = await em.execute<(DealRow & { key_id: string })[]>(
    `select k.id as key_id, d.* from unnest(?::uuid[]) as k(id)
     cross join lateral (
       select ${DEAL_COLUMNS} from deals.deals d where ${match}
       order by d.deal_date desc, d.deal_number desc limit ?) d`,
    [uuidArray(valid), limit],
  );
  const deals = await withScenarios(em, rows);
  deals.forEach((deal, i) => out.get(rows[i]!.key_id)?.push(deal));
  return out;
}

/** The stored payment schedules of these scenarios (what reads leave out of `result`). */
export async function schedulesOf(
  em: EntityManager,
  scenarioIds: readonly string[],
): Promise<Map<string, unknown[]>> {
  const valid = scenarioIds.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await em.execute<{ id: string; schedule: unknown[] | null }[]>(
    `select id, result->'schedule' as schedule from deals.scenarios where id = any(?::uuid[])`,
    [uuidArray(valid)],
  );
  return new Map(rows.map((r) => [r.id, r.schedule ?? []]));
}
