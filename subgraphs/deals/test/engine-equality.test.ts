// Property: every number a deal stores equals what the calc engine returns when called directly with
// the same deal written out by hand as calc's API takes it — the dealership's own local tax rate for
// the place included (as taxQuote applies it). Random deals, real PostgreSQL, stored values read back.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TableLocalRateLookup,
  cashDeal,
  financeDeal,
  leaseDeal,
  type DealLocalRate,
} from '@autolytiq/calc';
import { AppError, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { DealService, type Caller } from '../src/domain/deal-service.ts';
import type { GraphClient, VehicleFacts } from '../src/domain/graph.ts';
import { migrations } from '../src/migrations/index.ts';

let database: TestDatabase;
let db: Database;
let service: DealService;

const dealer: Principal = {
  userId: randomUUID(),
  dealershipId: randomUUID(),
  sessionId: randomUUID(),
  username: 'u',
  roles: ['manager'],
  permissions: ['deals.read', 'deals.write', 'deals.gross.read'],
};
const caller: Caller = { principal: dealer, requestId: 'test', token: 't' };

/** A ZIP in each state (the deal's ZIP must lie in its tax state). */
const PLACES: [string, string][] = [
  ['TX', '78701'],
  ['CA', '90012'],
  ['OH', '43215'],
  ['IL', '60601'],
  ['NY', '10001'],
  ['FL', '33101'],
  ['AL', '35203'],
  ['WA', '98052'],
];
/** The dealership's ZIP in the run at hand: IL's and WA's local tax follows it (a Chicago or a
 *  Seattle dealer), every other state ignores it. */
const DEALER_ZIPS: Record<string, string> = { IL: '60601', WA: '98101' };
let dealerZipNow = '98101';

/** What calc's localTaxRate answers for the place in the run at hand (null: no dealership rate). */
let rateNow: DealLocalRate | null = null;
let vehicleNow: VehicleFacts;

const graph: GraphClient = {
  refs: async (_c, ids) => ({
    customers: new Map(ids.map((id) => [id, { id, addresses: [] }])),
    vehicle: vehicleNow,
  }),
  customers: () => Promise.reject(new Error('not used here')),
  vehicle: async () => vehicleNow,
  vehicleCosts: () => Promise.reject(new Error('not used here')),
  dealershipZip: async () => dealerZipNow,
  localRate: async (_c, state, zip) =>
    rateNow && rateNow.state === state && rateNow.zip === zip ? rateNow : null,
  request: () => Promise.reject(new Error('not used here')),
};

const money = (min: number, max: number) =>
  fc.integer({ min: min * 100, max: max * 100 }).map((c) => new Decimal(c).div(100).toFixed(2));
const fraction = (min: number, max: number) =>
  fc
    .integer({ min: min * 10000, max: max * 10000 })
    .map((n) => new Decimal(n).div(10000).toFixed());

const arbRate = fc.option(
  fc.record({
    combined: fraction(0.04, 0.11),
    county: fc.option(fraction(0, 0.02), { nil: null }),
  }),
  { nil: null },
);

const arbDeal = fc.record({
  place: fc.constantFrom(...PLACES),
  condition: fc.constantFrom('NEW' as const, 'USED' as const),
  msrp: money(22000, 60000),
  discountShare: fc.integer({ min: 0, max: 8 }),
  accessories: money(0, 1500),
  docFee: money(0, 150),
  rebate: fc.option(money(250, 2000), { nil: null }),
  trade: fc.option(fc.record({ allowance: money(1000, 15000), payoff: money(0, 12000) }), {
    nil: null,
  }),
  serviceContract: fc.option(money(800, 3000), { nil: null }),
  gap: fc.option(money(400, 1200), { nil: null }),
  tireAndWheel: fc.option(money(200, 900), { nil: null }),
  rate: arbRate,
  finance: fc.record({
    apr: fraction(0, 15).map((a) => new Decimal(a).toFixed(2)),
    termMonths: fc.constantFrom(36, 48, 60, 72, 84),
    down: money(0, 5000),
  }),
  lease: fc.record({
    moneyFactor: fc.integer({ min: 5, max: 30 }).map((n) => new Decimal(n).div(10000).toFixed()),
    residualRate: fraction(0.45, 0.62),
    termMonths: fc.constantFrom(24, 36, 39, 48),
    cashDown: money(0, 3000),
  }),
});
type Arb = typeof arbDeal extends fc.Arbitrary<infer T> ? T : never;

/** The deal written out by hand the way calc's API takes it (the oracle: no deals code involved). */
function directly(a: Arb, sellingPrice: string) {
  const [state, zip] = a.place;
  const localRates = a.rate ? new TableLocalRateLookup([toRow(rateNow!)]) : undefined;
  const dealDate = '2026-11-20';
  const purchase = {
    state,
    zip,
    vehicleCondition: a.condition,
    sellingPrice,
    accessories: a.accessories,
    manufacturerRebate: a.rebate ?? '0.00',
    dealerRebate: '0.00',
    tradeInAllowance: a.trade?.allowance ?? '0.00',
    tradeInPayoff: a.trade?.payoff ?? '0.00',
    docFee: a.docFee,
    serviceContract: a.serviceContract ?? '0.00',
    gap: a.gap ?? '0.00',
    ...(a.tireAndWheel
      ? { otherProducts: [{ name: 'Tire & wheel', amount: a.tireAndWheel }] }
      : {}),
    dealDate,
    dealerZip: dealerZipNow,
    ...(localRates ? { localRates } : {}),
  };
  const products = [a.serviceContract, a.gap, a.tireAndWheel].reduce(
    (s, p) => s.plus(p ?? 0),
    new Decimal(0),
  );
  return {
    cash: () => cashDeal(purchase),
    finance: () =>
      financeDeal({
        ...purchase,
        contractDate: dealDate,
        apr: a.finance.apr,
        termMonths: a.finance.termMonths,
        downPayment: a.finance.down,
      }),
    lease: () =>
      leaseDeal({
        state,
        zip,
        dealDate,
        msrp: a.msrp,
        sellingPrice: new Decimal(sellingPrice).plus(a.accessories).toFixed(2),
        capitalizedFees: new Decimal(a.docFee).plus(products).toFixed(2),
        cashDown: a.lease.cashDown,
        rebates: a.rebate ?? '0.00',
        tradeInAllowance: a.trade?.allowance ?? '0.00',
        tradeInPayoff: a.trade?.payoff ?? '0.00',
        residualPercent: a.lease.residualRate,
        moneyFactor: a.lease.moneyFactor,
        termMonths: a.lease.termMonths,
        ...(localRates ? { localRates } : {}),
      }),
  };
}

function toRow(r: DealLocalRate) {
  return {
    state: r.state,
    zip: r.zip,
    combinedRate: new Decimal(r.combinedRate),
    ...(r.countyRate ? { countyRate: new Decimal(r.countyRate) } : {}),
  };
}

/** The engine's answer as JSON, or its refusal. */
function outcome(fn: () => unknown): { json: Record<string, unknown> } | { refused: string } {
  try {
    return { json: JSON.parse(JSON.stringify(fn())) as Record<string, unknown> };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'deals', migrations });
  await db.migrate();
  service = new DealService(db, graph);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('a deal equals the engine', () => {
  it('random deals: stored cash, finance and lease numbers equal direct engine calls, local rates included', async () => {
    let withRate = 0;
    await fc.assert(
      fc.asyncProperty(arbDeal, async (a) => {
        const [state, zip] = a.place;
        dealerZipNow = DEALER_ZIPS[state] ?? '98101';
        rateNow = a.rate
          ? {
              state,
              // calc's localTaxRate is asked for the dealer's ZIP where the tax follows the dealer.
              zip: DEALER_ZIPS[state] ?? zip,
              combinedRate: a.rate.combined,
              ...(a.rate.county ? { countyRate: a.rate.county } : {}),
            }
          : null;
        if (rateNow) withRate++;
        const msrp = new Decimal(a.msrp);
        const sellingPrice = msrp
          .times(100 - a.discountShare)
          .div(100)
          .toDecimalPlaces(2);
        vehicleNow = {
          id: randomUUID(),
          status: 'AVAILABLE',
          condition: a.condition,
          msrp,
          listPrice: sellingPrice,
          cost: null,
        };
        const oracle = directly(a, sellingPrice.toFixed(2));
        const expected = {
          CASH: outcome(oracle.cash),
          FINANCE: outcome(oracle.finance),
          LEASE: outcome(oracle.lease),
        };
        const input = {
          buyerId: randomUUID(),
          vehicleId: vehicleNow.id,
          dealDate: '2026-11-20',
          buyerState: state,
          buyerZip: zip,
          accessories: a.accessories,
          docFee: a.docFee,
          ...(a.rebate ? { rebates: [{ code: 'R', amount: a.rebate }] } : {}),
          ...(a.trade ? { tradeIns: [a.trade] } : {}),
          products: [
            ...(a.serviceContract
              ? [{ kind: 'SERVICE_CONTRACT' as const, price: a.serviceContract }]
              : []),
            ...(a.gap ? [{ kind: 'GAP' as const, price: a.gap }] : []),
            ...(a.tireAndWheel
              ? [{ kind: 'TIRE_AND_WHEEL' as const, name: 'Tire & wheel', price: a.tireAndWheel }]
              : []),
          ],
        };
        const scenarios = {
          CASH: { kind: 'CASH' as const },
          FINANCE: {
            kind: 'FINANCE' as const,
            finance: {
              apr: a.finance.apr,
              termMonths: a.finance.termMonths,
              downPayment: a.finance.down,
            },
          },
          LEASE: {
            kind: 'LEASE' as const,
            lease: {
              moneyFactor: a.lease.moneyFactor,
              residualRate: a.lease.residualRate,
              termMonths: a.lease.termMonths,
              cashDown: a.lease.cashDown,
            },
          },
        };
        for (const kind of ['CASH', 'FINANCE', 'LEASE'] as const) {
          const want = expected[kind];
          // A car of its own per deal (one car, one deal).
          vehicleNow = { ...vehicleNow, id: randomUUID() };
          const made = service
            .create(caller, { ...input, vehicleId: vehicleNow.id, scenarios: [scenarios[kind]] })
            .then((d) => ({ deal: d }))
            .catch((error: unknown) => ({ error }));
          const got = await made;
          if ('refused' in want) {
            // The engine refuses these terms: the deal is refused too, as a typed input error.
            expect('error' in got && got.error instanceof AppError).toBe(true);
            continue;
          }
          if ('error' in got) throw got.error;
          const stored = (await service.byId(dealer, got.deal.id))!;
          const s = stored.scenarios[0]!;
          expect(stored.localRate).toEqual(rateNow);
          const { schedule, ...rest } = want.json;
          expect(s.result).toEqual(rest);
          if (kind === 'FINANCE') {
            expect((await service.schedulesOf(dealer, [s.id])).get(s.id)).toEqual(schedule);
          }
        }
      }),
      { numRuns: 30, seed: 20261206 },
    );
    expect(withRate).toBeGreaterThan(5);
  }, 120_000);

  it('the dealership rate changes the numbers (the property above is not vacuous)', async () => {
    const [state, zip] = ['CA', '90012'];
    vehicleNow = {
      id: randomUUID(),
      status: 'AVAILABLE',
      condition: 'NEW',
      msrp: new Decimal('30000'),
      listPrice: new Decimal('30000'),
      cost: null,
    };
    const open = () =>
      service.create(caller, {
        buyerId: randomUUID(),
        vehicleId: randomUUID(),
        buyerState: state,
        buyerZip: zip,
        docFee: '0',
        scenarios: [{ kind: 'CASH' }],
      });
    rateNow = null;
    const shipped = (await open()).scenarios[0]!.result.totalTax;
    rateNow = { state, zip, combinedRate: '0.1025', stateRate: '0.0725' };
    const own = (await open()).scenarios[0]!.result;
    expect(own.totalTax).not.toEqual(shipped);
    // 30,000 taxed at the dealership's combined 10.25 % for the ZIP.
    expect(new Decimal(own.totalTax as string).toFixed(2)).toBe('3075.00');
  });
});
