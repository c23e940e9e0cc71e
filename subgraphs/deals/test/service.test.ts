// DealService and the outbox relay against real PostgreSQL (migrations, RLS, row locks). The graph
// (customers and inventory behind the router) is a small stub here; tests/deals.e2e.test.ts runs the
// same paths through the real router.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppError,
  createLogger,
  openDatabase,
  type Database,
  type Principal,
  type RequestContext,
} from '@autolytiq/kit';
import type { DealLocalRate } from '@autolytiq/calc';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { DealService, type Caller } from '../src/domain/deal-service.ts';
import type { CustomerFacts, GraphClient, VehicleFacts } from '../src/domain/graph.ts';
import { OutboxRelay } from '../src/domain/outbox-relay.ts';
import type { ScenarioRecord } from '../src/domain/records.ts';
import { runCalc } from '../src/domain/scenarios.ts';
import { acknowledgeMissingLocalTax } from '../src/domain/acknowledge-local-tax.ts';
import { dealActions } from '../src/domain/actions.ts';
import { createResolvers } from '../src/resolvers/index.ts';
import { missingLocalTax } from '../src/domain/local-tax-check.ts';
import { migrations } from '../src/migrations/index.ts';

let database: TestDatabase;
let db: Database;
let service: DealService;

const ALL = [
  'deals.read',
  'deals.write',
  'deals.approve',
  'deals.approve.low_gross',
  'deals.gross.read',
  'deals.finance',
  'inventory.write',
  'admin.settings',
];
function principal(dealershipId: string, roles: string[], permissions: string[]): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'u',
    roles,
    permissions,
  };
}
const A = randomUUID();
const B = randomUUID();
const managerA = principal(A, ['manager'], ALL);
const salesA = principal(A, ['salesperson'], ['deals.read', 'deals.write']);
const approverNoLowGross = principal(
  A,
  ['manager'],
  ['deals.read', 'deals.write', 'deals.approve'],
);
const adminB = principal(B, ['admin'], ALL);
const deactivatedA = randomUUID();
const caller = (p: Principal): Caller => ({ principal: p, requestId: 'test', token: 't' });

/** The graph as each dealership sees it: its own customers and vehicles only. */
const customers = new Map<string, { dealership: string; facts: CustomerFacts }>();
const vehicles = new Map<string, { dealership: string; facts: VehicleFacts }>();
const tokenOwner = new Map<string, Principal>();
/** Each dealership's own local tax rates, as calc's localTaxRate answers ("dealership|state|zip"). */
const localRates = new Map<string, DealLocalRate>();
/** Each dealership's address ZIP, as admin's myDealership answers (absent: the graph cannot say). */
const dealershipZips = new Map<string, string>();
let inventoryDown = false;
let inventoryRefuses = false;
const applied: { eventId: string; status: string }[] = [];

function addCustomer(dealership: string, state = 'TX', zip = '78701'): string {
  const id = randomUUID();
  customers.set(id, {
    dealership,
    facts: { id, addresses: [{ kind: 'HOME', state, zip, county: null }] },
  });
  return id;
}
function addVehicle(dealership: string, cost: string | null = '20000'): string {
  const id = randomUUID();
  vehicles.set(id, {
    dealership,
    facts: {
      id,
      status: 'AVAILABLE',
      condition: 'NEW',
      msrp: new Decimal('31000'),
      listPrice: new Decimal('29500'),
      cost: cost === null ? null : new Decimal(cost),
    },
  });
  return id;
}

function graphFor(): GraphClient {
  const whose = (token: string) => tokenOwner.get(token)!.dealershipId;
  const graph: GraphClient = {
    async refs(c, ids, vehicleId) {
      return {
        customers: await graph.customers(c, ids),
        vehicle: await graph.vehicle(c, vehicleId),
      };
    },
    async customers(c, ids) {
      const out = new Map<string, CustomerFacts>();
      for (const id of ids) {
        const found = customers.get(id);
        if (!found || found.dealership !== whose(c.token)) {
          throw new AppError('NOT_FOUND', `Customer ${id} not found.`);
        }
        out.set(id, found.facts);
      }
      return out;
    },
    async vehicle(c, id) {
      const found = vehicles.get(id);
      if (!found || found.dealership !== whose(c.token)) {
        throw new AppError('NOT_FOUND', `Vehicle ${id} not found.`);
      }
      const canCost = c.permissions.includes('inventory.write');
      return { ...found.facts, cost: canCost ? found.facts.cost : null };
    },
    async vehicleCosts(c, ids) {
      const costs = new Map<string, Decimal | null>();
      for (const id of ids)
        costs.set(id, (await graph.vehicle(c, id).catch(() => null))?.cost ?? null);
      return costs;
    },
    // auth's team: everyone this test signed in as, per dealership, and one deactivated user of A.
    async team(c) {
      const d = whose(c.token);
      const people = [...new Set([...tokenOwner.values(), managerA, salesA, adminB])]
        .filter((p) => p.dealershipId === d)
        .map((p) => ({ id: p.userId, active: true, roles: p.roles }));
      return d === A
        ? [...people, { id: deactivatedA, active: false, roles: ['salesperson'] }]
        : people;
    },
    async localRate(c, state, zip) {
      const rate = localRates.get(`${whose(c.token)}|${state}|${zip}`);
      return rate ?? null;
    },
    async dealershipZip(c) {
      return dealershipZips.get(whose(c.token)) ?? null;
    },
    async request<T>(_token: string, _rid: string, query: string, variables: object): Promise<T> {
      if (query.includes('validateAddress'))
        return { validateAddress: { valid: true, problems: [] } } as T;
      if (query.includes('DealBuyerAddress')) {
        const c = customers.get((variables as { id: string }).id)!;
        const addresses = c.facts.addresses.map((a) => ({
          ...a,
          line1: '1 Main',
          line2: null,
          city: 'Austin',
        }));
        return { customer: { addresses } } as T;
      }
      if (query.includes('DealSalespeople')) {
        // auth's User.displayName, as the graph resolves Deal.salesperson.
        const names = Object.keys(variables).map((k) => [
          k,
          { salesperson: { displayName: 'Morgan Lee' } },
        ]);
        return Object.fromEntries(names) as T;
      }
      if (query.includes('applyDealVehicleStatus')) {
        if (inventoryDown) throw new Error('connect ECONNREFUSED');
        if (inventoryRefuses) throw new AppError('NOT_FOUND', 'Vehicle not found.');
        const input = (
          variables as { input: { eventId: string; vehicleId: string; status: string } }
        ).input;
        if (!applied.some((a) => a.eventId === input.eventId)) {
          applied.push({ eventId: input.eventId, status: input.status });
          vehicles.get(input.vehicleId)!.facts.status = input.status as VehicleFacts['status'];
        }
        return { applyDealVehicleStatus: { id: input.vehicleId, status: input.status } } as T;
      }
      throw new Error(`unexpected query ${query}`);
    },
  };
  return graph;
}

function as(p: Principal): Caller {
  const token = randomUUID();
  tokenOwner.set(token, p);
  return { ...caller(p), token };
}

async function extensions(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions ?? { message: String(e) };
  }
  throw new Error('expected an error');
}

/** The stored result with its schedule (which reads leave out). */
async function fullResult(p: Principal, s: ScenarioRecord) {
  if (s.kind !== 'FINANCE') return s.result;
  return { ...s.result, schedule: (await service.schedulesOf(p, [s.id])).get(s.id) };
}

const finance = {
  kind: 'FINANCE' as const,
  finance: { buyRate: '5.9', rateMarkup: '1', termMonths: 72, downPayment: '2500' },
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'deals', migrations });
  await db.migrate();
  service = new DealService(db, graphFor());
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('creating and editing deals', () => {
  it('stores the calc input and result; recomputing from the stored input gives the stored result', async () => {
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
      tradeIns: [{ allowance: '8000', actualCashValue: '7500', payoff: '3000' }],
      products: [{ kind: 'SERVICE_CONTRACT', price: '1995' }], // a cost is not the salesperson's to set
      rebates: [{ code: 'CASHBACK', amount: '1000' }],
      scenarios: [finance, { kind: 'CASH' }],
    });
    expect(deal.scenarios.map((s) => [s.kind, s.selected])).toEqual([
      ['FINANCE', true],
      ['CASH', false],
    ]);
    expect(deal.vehicleCost).toBeNull(); // the salesperson may not read the cost
    // Read back from the database in a fresh transaction, then recompute.
    const stored = (await service.byId(salesA, deal.id))!;
    for (const s of stored.scenarios) {
      expect(runCalc(s.kind, s.calcInput)).toEqual(await fullResult(salesA, s));
    }
    // Reads leave the schedule out of `result`; it is stored and loaded on its own.
    expect(stored.scenarios[0]!.result.schedule).toBeUndefined();
    expect((await fullResult(salesA, stored.scenarios[0]!)).schedule).toHaveLength(72);
    expect(stored.scenarios[0]!.calcInput).toMatchObject({
      sellingPrice: '29500.00',
      tradeInAllowance: '8000.00',
      tradeInPayoff: '3000.00',
      manufacturerRebate: '1000.00',
      serviceContract: '1995.00',
      apr: '6.9',
      termMonths: 72,
    });
    expect(stored.scenarios[0]!.reserve.greaterThan(0)).toBe(true);
  });

  it('editing products keeps the costs a salesperson cannot see; an unknown product id is refused', async () => {
    const deal = await service.create(as(managerA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
      products: [
        { kind: 'SERVICE_CONTRACT', price: '1995', cost: '800' },
        { kind: 'GAP', price: '795', cost: '250' },
      ],
    });
    const [contract, gap] = deal.products;
    // The salesperson's form sends the list back with ids and without costs, price changed.
    const edited = await service.update(as(salesA), deal.id, deal.version, {
      products: [
        { id: contract!.id, kind: 'SERVICE_CONTRACT', price: '2195' },
        { kind: 'TIRE_AND_WHEEL', price: '499' },
      ],
    });
    expect(
      edited.products.map((p) => [p.kind, p.price.toFixed(2), p.cost?.toFixed(2) ?? null]),
    ).toEqual([
      ['SERVICE_CONTRACT', '2195.00', '800.00'],
      ['TIRE_AND_WHEEL', '499.00', null],
    ]);
    expect(edited.products[0]!.id).toBe(contract!.id);
    // An explicit null clears a cost; an id from another list (the removed GAP) is refused.
    const cleared = await service.update(as(managerA), deal.id, edited.version, {
      products: [{ id: contract!.id, kind: 'SERVICE_CONTRACT', price: '2195', cost: null }],
    });
    expect(cleared.products[0]!.cost).toBeNull();
    const unknown = await extensions(
      service.update(as(salesA), deal.id, cleared.version, {
        products: [{ id: gap!.id, kind: 'GAP', price: '795' }],
      }),
    );
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.products[0].id' });
  });

  it('refuses costs from users without deals.gross.read: reconditioning, product cost (issue 12, weakness 3)', async () => {
    const base = { buyerId: addCustomer(A), vehicleId: addVehicle(A) };
    expect(
      await extensions(service.create(as(salesA), { ...base, reconditioning: '-5000' })),
    ).toMatchObject({ code: 'FORBIDDEN', field: 'input.reconditioning' });
    expect(
      await extensions(
        service.create(as(salesA), {
          ...base,
          products: [{ kind: 'GAP', price: '795', cost: '0' }],
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', field: 'input.products[0].cost' });
    const deal = await service.create(as(managerA), { ...base, reconditioning: '600' });
    for (const patch of [
      { reconditioning: '0' },
      { products: [{ kind: 'GAP' as const, price: '795', cost: null }] },
    ]) {
      expect(
        await extensions(service.update(as(salesA), deal.id, deal.version, patch)),
      ).toMatchObject({ code: 'FORBIDDEN' });
    }
    const now = (await service.byId(managerA, deal.id))!;
    expect([now.version, now.reconditioning.toFixed(2)]).toEqual([deal.version, '600.00']);
  });

  it('keeps the buy rate when a salesperson re-desks a scenario by its sell rate (weakness 4)', async () => {
    const deal = await service.create(as(managerA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
      scenarios: [finance],
    });
    const id = deal.scenarios[0]!.id;
    // The salesperson sees apr 6.9 only, and changes the down payment.
    const edited = await service.updateScenario(as(salesA), deal.id, deal.version, id, {
      kind: 'FINANCE',
      finance: { apr: '6.9', termMonths: 72, downPayment: '4000' },
    });
    const f = edited.scenarios[0]!.finance!;
    expect([f.apr, f.buyRate, f.rateMarkup].map((d) => d?.toFixed(2))).toEqual([
      '6.90',
      '5.90',
      '1.00',
    ]);
    expect(edited.scenarios[0]!.reserve.greaterThan(0)).toBe(true);
    // A higher sell rate is more markup over the same buy rate.
    const raised = await service.updateScenario(as(salesA), deal.id, edited.version, id, {
      kind: 'FINANCE',
      finance: { apr: '7.4', termMonths: 72, downPayment: '4000' },
    });
    expect(raised.scenarios[0]!.finance!.rateMarkup!.toFixed(2)).toBe('1.50');
  });

  it('the doc fee defaults from the setting, capped by the state; above the cap is refused', async () => {
    const settings = await service.settings(managerA);
    await service.updateSettings(managerA, settings.version, { defaultDocFee: '999' });
    const ca = await service.create(as(salesA), {
      buyerId: addCustomer(A, 'CA', '90012'),
      vehicleId: addVehicle(A),
    });
    expect(ca.buyerState).toBe('CA');
    const cap = ca.docFee;
    expect(cap.lessThan(999)).toBe(true);
    const tx = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
    });
    expect(tx.docFee.toFixed(2)).toBe('999.00');
    const over = await extensions(
      service.create(as(salesA), {
        buyerId: addCustomer(A, 'CA', '90012'),
        vehicleId: addVehicle(A),
        docFee: cap.plus(1).toFixed(2),
      }),
    );
    expect(over).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.docFee' });
  });

  it('an edit recomputes the scenarios, bumps the version and records what changed', async () => {
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
      scenarios: [finance],
    });
    const before = deal.scenarios[0]!.result.monthlyPayment;
    const edited = await service.update(as(salesA), deal.id, deal.version, {
      sellingPrice: '27000',
    });
    expect(edited.version).toBe(deal.version + 1);
    expect(edited.scenarios[0]!.result.monthlyPayment).not.toEqual(before);
    expect(runCalc('FINANCE', edited.scenarios[0]!.calcInput)).toEqual(
      await fullResult(salesA, edited.scenarios[0]!),
    );
    const events = (await service.eventsOf(salesA, [deal.id])).get(deal.id)!;
    expect(events.map((e) => e.kind)).toEqual(['CREATED', 'EDITED']);
    expect(events[1]!.changes).toEqual([{ field: 'sellingPrice', from: '"29500"', to: '"27000"' }]);
    expect(events[1]!.actorId).toBe(salesA.userId);
    // The recap's one-statement read (deal + history aggregated as JSON) says the same.
    const recap = await service.byIdWithEvents(salesA, deal.id);
    expect(recap.deal).toEqual(await service.byId(salesA, deal.id));
    expect(recap.events).toEqual(events);
    // The same changes reach the platform audit trail, in the same transactions.
    const audit = await db.withTenant({ dealershipId: A }, (em) =>
      em.execute(
        "select action, actor_user_id, source, changes from audit.entries where entity_type = 'Deal' and entity_id = ? order by at",
        [deal.id],
      ),
    );
    expect(audit.map((r) => r.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({
      actor_user_id: salesA.userId,
      source: 'deals',
      changes: [{ f: 'sellingPrice', a: '29500', b: '27000' }],
    });
    const otherTenant = await db.withTenant({ dealershipId: B }, (em) =>
      em.execute('select id from audit.entries where entity_id = ?', [deal.id]),
    );
    expect(otherTenant).toEqual([]);
  });

  it("a Washington deal is taxed at the dealership's ZIP; a deal opened without it takes it at its next edit", async () => {
    type Stored = { dealerZip?: string; tax: { lines: { jurisdiction: string }[] } };
    const lines = (d: { scenarios: ScenarioRecord[] }) =>
      (d.scenarios[0]!.result as unknown as Stored).tax.lines.map((l) => l.jurisdiction).join('|');
    const buyerId = addCustomer(A, 'WA', '98052');
    const older = await service.create(as(salesA), {
      buyerId,
      vehicleId: addVehicle(A),
      scenarios: [finance],
    });
    expect(older.dealerZip ?? null).toBeNull();
    expect(lines(older)).not.toMatch(/Seattle/);
    dealershipZips.set(A, '98101');
    const edited = await service.update(as(salesA), older.id, older.version, {
      sellingPrice: '29000',
    });
    expect(edited.dealerZip).toBe('98101');
    expect((edited.scenarios[0]!.calcInput as unknown as Stored).dealerZip).toBe('98101');
    // The Seattle dealer's 4.05% (DOR location 1726), not the Redmond buyer's ZIP.
    expect(lines(edited)).toMatch(/Seattle local sales tax/);
    const fresh = await service.create(as(salesA), {
      buyerId,
      vehicleId: addVehicle(A),
      scenarios: [finance],
    });
    expect(fresh.dealerZip).toBe('98101');
    expect(lines(fresh)).toMatch(/Seattle local sales tax/);
    dealershipZips.delete(A);
  });

  it('a stale version is CONFLICT and changes nothing', async () => {
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
    });
    await service.update(as(managerA), deal.id, deal.version, { accessories: '400' });
    const stale = await extensions(
      service.update(as(salesA), deal.id, deal.version, { accessories: '900' }),
    );
    expect(stale.code).toBe('CONFLICT');
    const now = (await service.byId(salesA, deal.id))!;
    expect(now.accessories.toFixed(2)).toBe('400.00');
    expect((await service.eventsOf(salesA, [deal.id])).get(deal.id)!.length).toBe(2);
  });

  it('a ZIP outside the tax state is refused on buyerZip, at create and edit; nothing changes', async () => {
    const refused = await extensions(
      service.create(as(salesA), {
        buyerId: addCustomer(A),
        vehicleId: addVehicle(A),
        buyerState: 'TX',
        buyerZip: '73102',
      }),
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.buyerZip' });
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
      scenarios: [finance],
    });
    const edit = await extensions(
      service.update(as(salesA), deal.id, deal.version, { buyerState: 'OK' }),
    );
    expect(edit).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.buyerZip' });
    const now = (await service.byId(salesA, deal.id))!;
    expect([now.buyerState, now.version]).toEqual([deal.buyerState, deal.version]);
    // State and ZIP changed together are fine.
    const moved = await service.update(as(salesA), deal.id, deal.version, {
      buyerState: 'OK',
      buyerZip: '73102',
    });
    expect([moved.buyerState, moved.buyerZip]).toEqual(['OK', '73102']);
  });

  it('scenarios: add, select, update, remove — each an event; errors name the scenario field', async () => {
    let deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
    });
    deal = await service.addScenario(as(salesA), deal.id, deal.version, { kind: 'CASH' });
    deal = await service.addScenario(as(salesA), deal.id, deal.version, {
      ...finance,
      select: true,
    });
    expect(deal.scenarios.map((s) => s.selected)).toEqual([false, true]);
    const [cash, fin] = deal.scenarios;
    deal = await service.selectScenario(as(salesA), deal.id, deal.version, cash!.id);
    expect(deal.scenarios.find((s) => s.selected)!.id).toBe(cash!.id);
    deal = await service.updateScenario(as(salesA), deal.id, deal.version, fin!.id, {
      kind: 'FINANCE',
      finance: { apr: '4.9', termMonths: 48 },
    });
    expect(deal.scenarios.find((s) => s.id === fin!.id)!.result.numberOfPayments).toBe(48);
    const bad = await extensions(
      service.addScenario(as(salesA), deal.id, deal.version, {
        kind: 'FINANCE',
        finance: { apr: '5', termMonths: 60, downPayment: '40000' },
      }),
    );
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(bad.field)).toMatch(/^input\./);
    deal = await service.removeScenario(as(salesA), deal.id, deal.version, cash!.id);
    expect(deal.scenarios.map((s) => [s.id, s.selected])).toEqual([[fin!.id, true]]);
    const kinds = (await service.eventsOf(salesA, [deal.id])).get(deal.id)!.map((e) => e.kind);
    expect(kinds).toEqual([
      'CREATED',
      'SCENARIO_ADDED',
      'SCENARIO_ADDED',
      'SCENARIO_SELECTED',
      'SCENARIO_UPDATED',
      'SCENARIO_REMOVED',
    ]);
  });

  it('lists with filters, sort and cursors; Customer/Vehicle deals are batched per key', async () => {
    const buyer = addCustomer(A);
    const made = [];
    for (const date of ['2026-01-05', '2026-02-05', '2026-03-05']) {
      made.push(
        await service.create(as(salesA), {
          buyerId: buyer,
          vehicleId: addVehicle(A),
          dealDate: date,
        }),
      );
    }
    const first = await service.search(salesA, { customerId: buyer }, 'DEAL_DATE_DESC', 2, null);
    expect(first.edges.map((e) => e.node.dealDate)).toEqual(['2026-03-05', '2026-02-05']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await service.search(
      salesA,
      { customerId: buyer },
      'DEAL_DATE_DESC',
      2,
      first.pageInfo.endCursor,
    );
    expect(second.edges.map((e) => e.node.dealDate)).toEqual(['2026-01-05']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ranged = await service.search(
      salesA,
      {
        customerId: buyer,
        dealDateFrom: '2026-02-01',
        dealDateTo: '2026-02-28',
        status: ['DRAFT'],
      },
      'DEAL_DATE_ASC',
      10,
      null,
    );
    expect(ranged.edges.map((e) => e.node.id)).toEqual([made[1]!.id]);
    const byCustomer = await service.dealsFor(salesA, 'customer', [buyer, randomUUID()], 2);
    expect([...byCustomer.values()].map((l) => l.length)).toEqual([2, 0]);
    const bad = await extensions(service.search(salesA, {}, 'DEAL_DATE_DESC', 10, 'nonsense'));
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('deals of one day list in deal-number order (newest first), across pages', async () => {
    const buyer = addCustomer(A);
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await service.create(as(salesA), {
        buyerId: buyer,
        vehicleId: addVehicle(A),
        dealDate: '2026-04-01',
      });
      numbers.push(d.dealNumber);
    }
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await service.search(salesA, { customerId: buyer }, 'DEAL_DATE_DESC', 2, after);
      seen.push(...page.edges.map((e) => e.node.dealNumber));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...numbers].reverse());
    const asc = await service.search(salesA, { customerId: buyer }, 'DEAL_DATE_ASC', 10, null);
    expect(asc.edges.map((e) => e.node.dealNumber)).toEqual(numbers);
    // Another dealership's listing does not see them.
    const other = await service.search(adminB, { customerId: buyer }, 'DEAL_DATE_DESC', 10, null);
    expect(other.edges).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it("another dealership's deal is invisible and cannot be changed or moved", async () => {
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
      scenarios: [finance],
    });
    expect(await service.byId(adminB, deal.id)).toBeNull();
    expect(await service.byIdWithEvents(adminB, deal.id)).toEqual({ deal: null, events: [] });
    expect((await service.search(adminB, {}, 'DEAL_DATE_DESC', 100, null)).edges).toEqual([]);
    expect((await service.eventsOf(adminB, [deal.id])).get(deal.id)).toEqual([]);
    expect(
      (await service.dealsFor(adminB, 'vehicle', [deal.vehicleId], 5)).get(deal.vehicleId),
    ).toEqual([]);
    expect(
      (await extensions(service.update(as(adminB), deal.id, 1, { accessories: '1' }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (await extensions(service.transition(as(adminB), deal.id, 1, 'submit', null))).code,
    ).toBe('NOT_FOUND');
    expect(
      (await extensions(service.addScenario(as(adminB), deal.id, 1, { kind: 'CASH' }))).code,
    ).toBe('NOT_FOUND');
  });

  it("a deal cannot point at another dealership's customer or vehicle", async () => {
    const theirCustomer = addCustomer(B);
    const theirVehicle = addVehicle(B);
    const c = await extensions(
      service.create(as(salesA), { buyerId: theirCustomer, vehicleId: addVehicle(A) }),
    );
    expect(c.code).toBe('NOT_FOUND');
    const v = await extensions(
      service.create(as(salesA), { buyerId: addCustomer(A), vehicleId: theirVehicle }),
    );
    expect(v.code).toBe('NOT_FOUND');
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
    });
    const u = await extensions(
      service.update(as(salesA), deal.id, deal.version, { vehicleId: theirVehicle }),
    );
    expect(u.code).toBe('NOT_FOUND');
    const co = await extensions(
      service.update(as(salesA), deal.id, deal.version, { coBuyerId: theirCustomer }),
    );
    expect(co.code).toBe('NOT_FOUND');
  });

  it("the dealership's limits: doc fee where the state has no cap, longest finance term (up to 240)", async () => {
    const s = await service.settings(managerA);
    expect(s).toMatchObject({ maxTermMonths: 96 });
    expect(s.maxDocFee.toFixed(2)).toBe('1500.00');
    const bad = await extensions(
      service.updateSettings(managerA, s.version, { maxTermMonths: 241 }),
    );
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.maxTermMonths' });
    const set = await service.updateSettings(managerA, s.version, {
      maxTermMonths: 84,
      maxDocFee: '500',
    });
    try {
      const open = (docFee: string, termMonths: number) =>
        service.create(as(salesA), {
          buyerId: addCustomer(A),
          vehicleId: addVehicle(A),
          docFee,
          scenarios: [{ kind: 'FINANCE', finance: { apr: '6.9', termMonths } }],
        });
      // TX (the buyer's state here) has no doc-fee cap: the dealership's maximum applies.
      expect(await extensions(open('99999', 60))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.docFee',
      });
      const long = await extensions(open('500', 96));
      expect(long).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.scenarios[0].finance.termMonths',
      });
      const ok = await open('500', 84);
      expect(ok.scenarios[0]!.result.numberOfPayments).toBe(84);
      // Lowering the maximum later does not lock the deal: its untouched scenario still recomputes.
      const lower = await service.updateSettings(managerA, set.version, { maxTermMonths: 72 });
      const edited = await service.update(as(salesA), ok.id, ok.version, { accessories: '100' });
      expect(edited.scenarios[0]!.result.numberOfPayments).toBe(84);
      // An RV dealer: 240 months.
      const rv = await service.updateSettings(managerA, lower.version, { maxTermMonths: 240 });
      expect(rv.maxTermMonths).toBe(240);
      const twenty = await open('500', 240);
      expect(twenty.scenarios[0]!.result.numberOfPayments).toBe(240);
    } finally {
      const now = await service.settings(managerA);
      await service.updateSettings(managerA, now.version, { maxTermMonths: 96, maxDocFee: '1500' });
    }
  });

  it('settings are per dealership', async () => {
    const a = await service.settings(managerA);
    const b = await service.settings(adminB);
    expect(b.version).toBe(0);
    expect(a.version).toBeGreaterThan(0);
    const stale = await extensions(service.updateSettings(adminB, 5, { lowGrossThreshold: '100' }));
    expect(stale.code).toBe('CONFLICT');
    const audited = await db.withTenant({ dealershipId: A }, (em) =>
      em.execute(
        "select changes from audit.entries where entity_type = 'DealSettings' and entity_id = ?",
        [A],
      ),
    );
    expect(audited.length).toBeGreaterThan(0);
    // The refused (stale) change of B left no entry.
    const none = await db.withTenant({ dealershipId: B }, (em) =>
      em.execute("select id from audit.entries where entity_type = 'DealSettings'"),
    );
    expect(none).toEqual([]);
  });
});

describe('transitions', () => {
  async function submitted(vehicleCost: string | null = '20000') {
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A, vehicleCost),
      scenarios: [finance],
    });
    return service.transition(as(salesA), deal.id, deal.version, 'submit', null);
  }

  it('submit needs a selected scenario; the failure leaves no event', async () => {
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
    });
    const e = await extensions(
      service.transition(as(salesA), deal.id, deal.version, 'submit', null),
    );
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await service.eventsOf(salesA, [deal.id])).get(deal.id)!.map((x) => x.kind)).toEqual([
      'CREATED',
    ]);
  });

  it('the deal’s own salesperson cannot approve, even holding deals.approve', async () => {
    const deal = await submitted();
    const selfApprover = { ...managerA, userId: deal.salespersonId! };
    const e = await extensions(
      service.transition(as(selfApprover), deal.id, deal.version, 'approve', null),
    );
    expect(e.code).toBe('FORBIDDEN');
  });

  it('a deal names only active users of the dealership as salesperson and sales manager (issue 12)', async () => {
    const base = { buyerId: addCustomer(A), vehicleId: addVehicle(A) };
    for (const [field, id] of [
      ['salespersonId', randomUUID()],
      ['salespersonId', deactivatedA],
      ['salesManagerId', adminB.userId],
    ] as const) {
      expect(
        await extensions(service.create(as(managerA), { ...base, [field]: id })),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }
    const deal = await service.create(as(managerA), { ...base, salespersonId: salesA.userId });
    expect(
      await extensions(
        service.update(as(managerA), deal.id, deal.version, { salesManagerId: randomUUID() }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.salesManagerId' });
  });

  it('whoever wrote or submitted a deal cannot approve it, whatever its salesperson field says (issue 12)', async () => {
    const otherManager = principal(A, ['manager'], ALL);
    // The attack: a manager names someone else as salesperson, submits and approves his own deal.
    const written = await service.create(as(managerA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
      scenarios: [finance],
      salespersonId: salesA.userId,
    });
    let deal = await service.transition(as(managerA), written.id, written.version, 'submit', null);
    const own = service.transition(as(managerA), deal.id, deal.version, 'approve', null);
    await expect(own).rejects.toThrow(/You wrote this deal/);
    expect(await extensions(own)).toMatchObject({ code: 'FORBIDDEN' });
    // A deal the salesperson wrote and another manager submitted: that manager may not approve either.
    const bySales = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
      scenarios: [finance],
    });
    deal = await service.transition(as(otherManager), bySales.id, bySales.version, 'submit', null);
    // Deal.actions says so before the button is pressed (it read only the deal fields before).
    const actionsFor = async (p: Principal) => {
      const resolvers = createResolvers(service) as unknown as {
        Deal: { actions: (d: unknown, a: unknown, ctx: RequestContext) => Promise<unknown> };
      };
      const ctx = {
        requestId: randomUUID(),
        principal: p,
        token: as(p).token,
        logger: console,
        client: {},
        scoped: new Map(),
      } as unknown as RequestContext;
      const list = (await resolvers.Deal.actions(deal, {}, ctx)) as ReturnType<typeof dealActions>;
      return list.find((a) => a.transition === 'APPROVE')!;
    };
    expect(await actionsFor(otherManager)).toMatchObject({
      allowed: false,
      reason: 'You submitted this deal: another manager must approve it.',
    });
    expect(await actionsFor(managerA)).toMatchObject({ allowed: true, reason: null });
    const theirs = service.transition(as(otherManager), deal.id, deal.version, 'approve', null);
    await expect(theirs).rejects.toThrow(/You submitted this deal/);
    const approved = await service.transition(as(managerA), deal.id, deal.version, 'approve', null);
    expect(approved.status).toBe('APPROVED');
  });

  it('low front gross needs deals.approve.low_gross', async () => {
    const s = await service.settings(managerA);
    await service.updateSettings(managerA, s.version, { lowGrossThreshold: '5000' });
    try {
      const deal = await submitted('27000'); // 29500 − 27000 = 2500 < 5000
      const e = await extensions(
        service.transition(as(approverNoLowGross), deal.id, deal.version, 'approve', null),
      );
      expect(e.code).toBe('FORBIDDEN');
      expect(String(e.requiredPermissions)).toContain('deals.approve.low_gross');
      const ok = await service.transition(as(managerA), deal.id, deal.version, 'approve', null);
      expect(ok.status).toBe('APPROVED');
    } finally {
      const now = await service.settings(managerA);
      await service.updateSettings(managerA, now.version, { lowGrossThreshold: '0' });
    }
  });

  it('editing an approved deal sends it back to SUBMITTED; reject needs a reason and reopens as DRAFT', async () => {
    let deal = await submitted();
    deal = await service.transition(as(managerA), deal.id, deal.version, 'approve', null);
    deal = await service.update(as(salesA), deal.id, deal.version, { accessories: '300' });
    expect(deal.status).toBe('SUBMITTED');
    expect(deal.approvedAt).toBeNull();
    const noReason = await extensions(
      service.transition(as(managerA), deal.id, deal.version, 'reject', ' '),
    );
    expect(noReason).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    deal = await service.transition(
      as(managerA),
      deal.id,
      deal.version,
      'reject',
      'payment too high',
    );
    expect(deal).toMatchObject({ status: 'REJECTED', rejectionReason: 'payment too high' });
    deal = await service.update(as(salesA), deal.id, deal.version, { dealerDiscount: '500' });
    expect(deal.status).toBe('DRAFT');
  });

  it('F&I selling products keeps an IN_FINANCE deal in finance; a price change sends it back for approval', async () => {
    let deal = await submitted();
    deal = await service.transition(as(managerA), deal.id, deal.version, 'approve', null);
    deal = await service.transition(as(salesA), deal.id, deal.version, 'sendToFinance', null);
    const approvedAt = deal.approvedAt;
    const before = deal.scenarios[0]!.result.monthlyPayment;
    deal = await service.update(as(managerA), deal.id, deal.version, {
      products: [
        { kind: 'SERVICE_CONTRACT', price: '2495', cost: '900' },
        { kind: 'GAP', price: '895', cost: '200' },
      ],
    });
    expect(deal.status).toBe('IN_FINANCE');
    expect(deal.approvedAt).toEqual(approvedAt);
    // The numbers are recomputed with the products (payment goes up).
    expect(deal.scenarios[0]!.result.monthlyPayment).not.toEqual(before);
    const last = (await service.eventsOf(managerA, [deal.id])).get(deal.id)!.at(-1)!;
    expect(last).toMatchObject({
      kind: 'EDITED',
      fromStatus: 'IN_FINANCE',
      toStatus: 'IN_FINANCE',
    });
    deal = await service.update(as(managerA), deal.id, deal.version, { sellingPrice: '28995' });
    expect(deal.status).toBe('SUBMITTED');
    expect(deal.approvedAt).toBeNull();
  });

  it('a deal whose tax lacks a local rate is contracted only after a manager acknowledges it', async () => {
    // Birmingham, AL: no local rate known to the engine for the ZIP, none loaded by the dealership.
    let deal = await service.create(as(salesA), {
      buyerId: addCustomer(A, 'AL', '35203'),
      vehicleId: addVehicle(A),
      scenarios: [{ kind: 'CASH' }],
    });
    const missing = missingLocalTax(deal);
    expect(missing.join(' ')).toMatch(/AL local tax is NOT included/);
    deal = await service.transition(as(salesA), deal.id, deal.version, 'submit', null);
    deal = await service.transition(as(managerA), deal.id, deal.version, 'approve', null);
    deal = await service.transition(as(managerA), deal.id, deal.version, 'sendToFinance', null);
    const contract = dealActions(deal, managerA, null).find((a) => a.transition === 'CONTRACT')!;
    expect(contract.allowed).toBe(false);
    expect(contract.reason).toContain('acknowledgeMissingLocalTax');
    const refused = await extensions(
      service.transition(as(managerA), deal.id, deal.version, 'contract', null),
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const bySales = await extensions(
      acknowledgeMissingLocalTax(service, as(salesA), deal.id, deal.version),
    );
    expect(bySales.code).toBe('FORBIDDEN');
    deal = await acknowledgeMissingLocalTax(service, as(managerA), deal.id, deal.version);
    expect(deal.localRateAcknowledgement).toMatchObject({
      byId: managerA.userId,
      notices: missing,
    });
    expect(deal.status).toBe('IN_FINANCE');
    deal = await service.transition(as(managerA), deal.id, deal.version, 'contract', null);
    expect(deal.status).toBe('CONTRACTED');
    const history = (await service.eventsOf(managerA, [deal.id])).get(deal.id)!;
    expect(history.some((e) => e.changes.some((c) => c.field === 'localRateAcknowledgement'))).toBe(
      true,
    );
  });

  it('contract and delivery need deals.finance; contracting records lender, contract number and date', async () => {
    let deal = await submitted();
    deal = await service.transition(as(managerA), deal.id, deal.version, 'approve', null);
    deal = await service.transition(as(salesA), deal.id, deal.version, 'sendToFinance', null);
    const seller = await extensions(
      service.transition(as(salesA), deal.id, deal.version, 'contract', null, {
        contractNumber: 'RIC-1',
      }),
    );
    expect(seller).toMatchObject({ code: 'FORBIDDEN', requiredPermissions: ['deals.finance'] });
    const badDate = await extensions(
      service.transition(as(managerA), deal.id, deal.version, 'contract', null, {
        contractDate: '2026-13-01',
      }),
    );
    expect(badDate).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contract.contractDate' });
    deal = await service.transition(as(managerA), deal.id, deal.version, 'contract', null, {
      lender: ' Ally ',
      contractNumber: 'RIC-20771',
      contractDate: '2026-12-05',
    });
    expect(deal.status).toBe('CONTRACTED');
    expect(deal.contract).toEqual({
      lender: 'Ally',
      contractNumber: 'RIC-20771',
      contractDate: '2026-12-05',
      contractedById: managerA.userId,
    });
    const read = (await service.byId(managerA, deal.id))!;
    expect(read.contract).toEqual(deal.contract);
    const last = (await service.eventsOf(managerA, [deal.id])).get(deal.id)!.at(-1)!;
    expect(last.changes.map((c) => c.field)).toEqual(['contract']);
    const deliver = await extensions(
      service.transition(as(salesA), deal.id, deal.version, 'deliver', null),
    );
    expect(deliver.code).toBe('FORBIDDEN');
  });

  it('queues vehicle changes with the transition; the relay retries while inventory is down and delivers once', async () => {
    let deal = await submitted();
    deal = await service.transition(as(managerA), deal.id, deal.version, 'approve', null);
    deal = await service.transition(as(managerA), deal.id, deal.version, 'cancel', 'buyer walked');
    const logger = createLogger('deals-test', 'silent');
    const relay = new OutboxRelay(db, graphFor(), { tokenFor: async () => 'svc' }, logger, {
      leaseSeconds: 0,
    });
    inventoryDown = true;
    expect(await relay.runOnce()).toBe(0);
    const pending = await db.asSystem((em) =>
      em.execute<{ vehicle_status: string; attempts: number; delivered_at: Date | null }[]>(
        'select vehicle_status, attempts, delivered_at from deals.outbox where deal_id = ? order by seq',
        [deal.id],
      ),
    );
    expect(pending).toEqual([]); // the app role sees no outbox rows without a tenant (RLS)
    const waiting = await db.withTenant({ dealershipId: A }, (em) =>
      em.execute<{ vehicle_status: string; attempts: number; failed: boolean }[]>(
        `select vehicle_status, attempts, last_error is not null and delivered_at is null as failed
         from deals.outbox where deal_id = ? order by seq`,
        [deal.id],
      ),
    );
    // The hold failed and waits for its retry; the release waits behind it (order per vehicle).
    expect(waiting).toEqual([
      { vehicle_status: 'ON_HOLD', attempts: 1, failed: true },
      { vehicle_status: 'AVAILABLE', attempts: 0, failed: false },
    ]);
    inventoryDown = false;
    // Backoff: the failed row waits ~1 s before its next try.
    await new Promise((r) => setTimeout(r, 1100));
    for (let i = 0; i < 3; i++) await relay.runOnce();
    expect(vehicles.get(deal.vehicleId)!.facts.status).toBe('AVAILABLE'); // hold, then release, in order
    const outbox = () =>
      db.withTenant({ dealershipId: A }, (em) =>
        em.execute<{ id: string; vehicle_status: string; delivered: boolean }[]>(
          'select id, vehicle_status, delivered_at is not null as delivered from deals.outbox where deal_id = ? order by seq',
          [deal.id],
        ),
      );
    const rows = await outbox();
    expect(rows.map(({ vehicle_status, delivered }) => ({ vehicle_status, delivered }))).toEqual([
      { vehicle_status: 'ON_HOLD', delivered: true },
      { vehicle_status: 'AVAILABLE', delivered: true },
    ]);
    // Delivered again (say the relay died before marking it): the receiver sees the same event id.
    await db.withTenant({ dealershipId: A }, (em) =>
      em.execute('update deals.outbox set delivered_at = null where id = ?', [rows[1]!.id]),
    );
    for (let i = 0; i < 2; i++) await relay.runOnce();
    expect((await outbox()).every((r) => r.delivered)).toBe(true);
    const ids = applied.map((a) => a.eventId).filter((id) => rows.some((r) => r.id === id));
    expect(ids).toEqual([rows[0]!.id, rows[1]!.id]);
  });

  it('a change inventory refuses for good is kept as refused and written into the deal history', async () => {
    let deal = await submitted();
    deal = await service.transition(as(managerA), deal.id, deal.version, 'approve', null);
    const relay = new OutboxRelay(
      db,
      graphFor(),
      { tokenFor: async () => 'svc' },
      createLogger('deals-test', 'silent'),
      { leaseSeconds: 0 },
    );
    inventoryRefuses = true;
    try {
      await relay.runOnce();
    } finally {
      inventoryRefuses = false;
    }
    const rows = await db.withTenant({ dealershipId: A }, (em) =>
      em.execute<{ settled: boolean; refused: boolean; last_error: string }[]>(
        `select delivered_at is not null as settled, refused_at is not null as refused, last_error
           from deals.outbox where deal_id = ?`,
        [deal.id],
      ),
    );
    expect(rows).toEqual([{ settled: true, refused: true, last_error: 'Vehicle not found.' }]);
    const history = (await service.eventsOf(managerA, [deal.id])).get(deal.id)!;
    expect(history.at(-1)).toMatchObject({
      kind: 'VEHICLE_STATUS_REFUSED',
      note: expect.stringContaining('refused to set the vehicle ON_HOLD: Vehicle not found.'),
    });
    // Nothing left for the relay: the refusal is settled, not retried forever.
    expect(await relay.runOnce()).toBe(0);
  });

  it('one car, one deal: a second deal on the vehicle is refused naming deal number and salesperson, unless acknowledged', async () => {
    const vehicleId = addVehicle(A);
    const buyer = addCustomer(A);
    const first = await service.create(as(salesA), { buyerId: buyer, vehicleId });
    const refused = await service
      .create(as(managerA), { buyerId: buyer, vehicleId })
      .then(() => null)
      .catch((e: { message: string; extensions: Record<string, unknown> }) => e);
    expect(refused?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.vehicleId' });
    expect(refused?.message).toContain(`deal #${first.dealNumber} (Morgan Lee, a draft)`);
    expect(refused?.message).not.toContain(first.id);
    expect(refused?.message).not.toContain(vehicleId);
    // Input errors are named first (the form's field), the vehicle conflict last.
    const zip = await extensions(
      service.create(as(managerA), { buyerId: buyer, vehicleId, buyerZip: '90210' }),
    );
    expect(zip).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.buyerZip' });
    // Acknowledged: opened, and the acknowledgement is in its history.
    const second = await service.create(as(managerA), {
      buyerId: buyer,
      vehicleId,
      acknowledgeOpenDeals: true,
    });
    const created = (await service.eventsOf(managerA, [second.id])).get(second.id)![0]!;
    expect(created.changes.find((c) => c.field === 'acknowledgedOpenDeals')?.to).toBe(
      JSON.stringify([first.dealNumber]),
    );
    expect((await service.openDealsOn(salesA, [vehicleId])).map((d) => d.dealNumber)).toEqual([
      first.dealNumber,
      second.dealNumber,
    ]);
    // Moving a third deal onto the vehicle: the same rule on updateDeal.
    const third = await service.create(as(salesA), { buyerId: buyer, vehicleId: addVehicle(A) });
    const move = await extensions(
      service.update(as(salesA), third.id, third.version, { vehicleId }),
    );
    expect(move).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.vehicleId' });
    // A cancelled deal no longer claims the vehicle.
    await service.transition(as(managerA), second.id, second.version, 'cancel', 'walked');
    await service.transition(as(salesA), first.id, first.version, 'cancel', 'walked');
    expect(await service.openDealsOn(salesA, [vehicleId])).toEqual([]);
    const moved = await service.update(as(salesA), third.id, third.version, { vehicleId });
    expect(moved.vehicleId).toBe(vehicleId);
  });

  it('a vehicle on hold for one deal cannot be submitted on another; the holder can go again', async () => {
    const vehicleId = addVehicle(A);
    const buyer = addCustomer(A);
    let first = await service.create(as(salesA), {
      buyerId: buyer,
      vehicleId,
      scenarios: [finance],
    });
    let second = await service.create(as(salesA), {
      buyerId: buyer,
      vehicleId,
      scenarios: [finance],
      acknowledgeOpenDeals: true,
    });
    first = await service.transition(as(salesA), first.id, first.version, 'submit', null);
    first = await service.transition(as(managerA), first.id, first.version, 'approve', null);
    vehicles.get(vehicleId)!.facts.status = 'ON_HOLD'; // as inventory shows it once delivered
    const refused = await service
      .transition(as(salesA), second.id, second.version, 'submit', null)
      .then(() => null)
      .catch((e: { message: string; extensions: { code: string } }) => e);
    expect(refused?.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused?.message).toContain(
      `on hold for deal #${first.dealNumber} (Morgan Lee, approved)`,
    );
    expect(refused?.message).not.toContain(first.id);
    second = (await service.byId(salesA, second.id))!;
    expect(second.status).toBe('DRAFT');
    // The holder's numbers change: back to SUBMITTED, and it can be approved again on its own hold.
    first = await service.update(as(salesA), first.id, first.version, { accessories: '250' });
    expect(first.status).toBe('SUBMITTED');
    first = await service.transition(as(managerA), first.id, first.version, 'approve', null);
    expect(first.status).toBe('APPROVED');
    // Swapping the held vehicle for another queues its release with the edit.
    const other = addVehicle(A);
    first = await service.update(as(salesA), first.id, first.version, { vehicleId: other });
    const queued = await db.withTenant({ dealershipId: A }, (em) =>
      em.execute<{ vehicle_id: string; vehicle_status: string }[]>(
        'select vehicle_id, vehicle_status from deals.outbox where deal_id = ? order by seq',
        [first.id],
      ),
    );
    expect(queued.at(-1)).toEqual({ vehicle_id: vehicleId, vehicle_status: 'AVAILABLE' });
    expect(first).toMatchObject({ vehicleId: other, status: 'SUBMITTED' });
  });

  it('cancelling a deal that never held the vehicle does not release it', async () => {
    const deal = await service.create(as(salesA), {
      buyerId: addCustomer(A),
      vehicleId: addVehicle(A),
    });
    await service.transition(as(salesA), deal.id, deal.version, 'cancel', 'duplicate');
    const rows = await db.withTenant({ dealershipId: A }, (em) =>
      em.execute<unknown[]>('select 1 from deals.outbox where deal_id = ?', [deal.id]),
    );
    expect(rows).toEqual([]);
  });
});
