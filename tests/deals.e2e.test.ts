// Deals through the router with the real system: desking a finance deal, the state machine with its
// permissions and events, the vehicle-status outbox to inventory (including an inventory outage and
// a duplicate delivery), wrong-tenant references and reads (also `_entities`), CONFLICT on a stale
// version, and the deals that federation adds to Customer and Vehicle.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gql,
  login,
  provisionOtherDealership,
  startTestSystem,
  type TestSystem,
  testVin,
  addVehicleVia,
  createCustomerVia,
} from './support.ts';

let sys: TestSystem;
let manager: string;
let sales: string;
let rival: string;
let vehicleId: string;
let buyerId: string;
let rivalCustomerId: string;
let rivalVehicleId: string;

const DEAL = `id dealNumber status version allowedTransitions buyerState buyerZip sellingPrice docFee
  vehicle { id status } buyer { id displayName }
  selectedScenario { id kind monthlyPayment totalTax truthInLending { apr amountFinanced financeCharge totalOfPayments numberOfPayments } }
  scenarios { id kind selected } events { kind fromStatus toStatus actor { id } changes { field } note }`;
const CREATE = `mutation($i: CreateDealInput!) { createDeal(input: $i) { ${DEAL} } }`;
const GET = `query($id: ID!) { deal(id: $id) { ${DEAL} } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitDeal(id: $id, version: $v) { id status version } }`;
const APPROVE = `mutation($id: ID!, $v: Int!) { approveDeal(id: $id, version: $v) { id status version approvedBy { id } } }`;
const VEHICLE = `query($id: ID!) { vehicle(id: $id) { id status version } }`;

const vin = (serial: number) => testVin('1HGCM8260PA', serial);

let seq = 0;
async function newVehicle(token: string, cost = '18000.00'): Promise<string> {
  seq += 1;
  return addVehicleVia(sys.routerUrl, token, {
    vin: vin(100000 + seq),
    stockNumber: `D${Date.now()}${seq}`,
    year: 2023,
    make: 'Hyundai',
    model: 'Kona',
    mileage: 100,
    condition: 'NEW',
    msrp: '26000.00',
    listPrice: '25000.00',
    cost,
  });
}

async function newCustomer(token: string, lastName: string): Promise<string> {
  return createCustomerVia(sys.routerUrl, token, {
    firstName: 'Dana',
    lastName,
    addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
  });
}

const financeScenario = {
  kind: 'FINANCE',
  name: '60 mo',
  finance: {
    lender: 'Credit Union',
    buyRate: '5.00',
    rateMarkup: '1.00',
    termMonths: 60,
    downPayment: '2000',
  },
};

async function createDeal(token: string, vehicle: string, buyer = buyerId) {
  return gql(sys.routerUrl, CREATE, {
    token,
    variables: {
      i: {
        buyerId: buyer,
        vehicleId: vehicle,
        dealDate: '2026-11-20',
        scenarios: [financeScenario],
      },
    },
  });
}

async function vehicleStatusEventually(id: string, status: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await gql(sys.routerUrl, VEHICLE, { token: manager, variables: { id } });
    const v = res.data?.vehicle;
    if (v?.status === status) return v as { id: string; status: string; version: number };
    if (Date.now() > until) throw new Error(`vehicle ${id} is ${v?.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  sys = await startTestSystem();
  await provisionOtherDealership(sys.databaseUrl, 'deals-rival', ['admin']);
  manager = (await login(sys.routerUrl, 'manager')).accessToken;
  sales = (await login(sys.routerUrl, 'sales')).accessToken;
  rival = (await login(sys.routerUrl, 'deals-rival')).accessToken;
  vehicleId = await newVehicle(manager);
  buyerId = await newCustomer(sales, 'Buyer');
  rivalCustomerId = await newCustomer(rival, 'Rival');
  rivalVehicleId = await newVehicle(rival);
}, 180_000);
afterAll(async () => {
  await sys?.shutdown();
});

describe('a finance deal from draft to approval', () => {
  let dealId: string;
  let dealNumber: number;
  let version: number;

  it('a salesperson opens a deal with a finance scenario; numbers come from the calc engine', async () => {
    const res = await createDeal(sales, vehicleId);
    expect(res.errors).toBeUndefined();
    const d = res.data!.createDeal;
    expect(d).toMatchObject({
      status: 'DRAFT',
      version: 1,
      buyerState: 'TX',
      buyerZip: '78701',
      sellingPrice: '25000.00',
      vehicle: { id: vehicleId, status: 'AVAILABLE' },
      buyer: { id: buyerId, displayName: 'Dana Buyer' },
      allowedTransitions: ['SUBMITTED', 'CANCELLED'],
    });
    expect(d.selectedScenario.kind).toBe('FINANCE');
    expect(d.selectedScenario.truthInLending.numberOfPayments).toBe(60);
    expect(Number(d.selectedScenario.monthlyPayment)).toBeGreaterThan(300);
    expect(Number(d.selectedScenario.totalTax)).toBeGreaterThan(0); // Texas taxes the sale
    expect(d.events).toEqual([
      expect.objectContaining({ kind: 'CREATED', fromStatus: null, toStatus: 'DRAFT' }),
    ]);
    expect(Number.isInteger(d.dealNumber) && d.dealNumber >= 1001).toBe(true);
    dealId = d.id;
    dealNumber = d.dealNumber;
    version = d.version;
  });

  it('the deal is found by its number, and by the dealNumber filter', async () => {
    const res = await gql(
      sys.routerUrl,
      `query($n: Int!) { dealByNumber(number: $n) { id dealNumber }
        deals(filter: { dealNumber: $n }) { edges { node { id } } } }`,
      { token: sales, variables: { n: dealNumber } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.dealByNumber).toEqual({ id: dealId, dealNumber });
    expect(res.data!.deals.edges).toEqual([{ node: { id: dealId } }]);
    const bad = await gql(sys.routerUrl, `{ dealByNumber(number: 0) { id } }`, { token: sales });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
  });

  it('the salesperson cannot see gross; the manager can', async () => {
    const q = `query($id: ID!) { deal(id: $id) { id grossProfit { frontGross backGross reserve } } }`;
    const denied = await gql(sys.routerUrl, q, { token: sales, variables: { id: dealId } });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await gql(sys.routerUrl, q, { token: manager, variables: { id: dealId } });
    expect(ok.errors).toBeUndefined();
    // The salesperson could not read the vehicle cost when opening the deal; the manager deciding
    // on it sees the front gross from inventory's cost (25000 − 18000) before approving.
    expect(ok.data!.deal.grossProfit.frontGross).toBe('7000.00');
    // F&I reads gross but not inventory costs: the front gross stays unknown to them.
    const finance = (await login(sys.routerUrl, 'finance')).accessToken;
    const fi = await gql(sys.routerUrl, q, { token: finance, variables: { id: dealId } });
    expect(fi.errors).toBeUndefined();
    expect(fi.data!.deal.grossProfit.frontGross).toBeNull();
    // Reserve: 75 % of the finance charge the 1-point markup adds.
    expect(Number(ok.data!.deal.grossProfit.reserve)).toBeGreaterThan(100);
  });

  it("a manager's list of salespeople's deals shows each front gross (costs read in one batch)", async () => {
    const costs = ['17000.00', '19500.00', '21000.00'];
    const ids = [];
    const buyer = await newCustomer(sales, 'Grossman'); // not the buyer other tests count deals of
    for (const cost of costs) {
      const created = await createDeal(sales, await newVehicle(manager, cost), buyer);
      expect(created.errors).toBeUndefined();
      ids.push(created.data!.createDeal.id as string);
    }
    const aliases = ids.map((_, i) => `d${i}: deal(id: $d${i}) { grossProfit { frontGross } }`);
    const res = await gql(
      sys.routerUrl,
      `query(${ids.map((_, i) => `$d${i}: ID!`).join(', ')}) { ${aliases.join(' ')} }`,
      { token: manager, variables: Object.fromEntries(ids.map((id, i) => [`d${i}`, id])) },
    );
    expect(res.errors).toBeUndefined();
    // Selling price 25000 − each vehicle's own cost.
    expect(ids.map((_, i) => res.data![`d${i}`].grossProfit.frontGross)).toEqual([
      '8000.00',
      '5500.00',
      '4000.00',
    ]);
  });

  it('an illegal transition names the current state and the allowed ones', async () => {
    const res = await gql(sys.routerUrl, APPROVE, {
      token: manager,
      variables: { id: dealId, v: version },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      currentStatus: 'DRAFT',
      allowedTransitions: ['SUBMITTED', 'CANCELLED'],
    });
    expect(res.errors?.[0]?.message).toMatch(/DRAFT.*SUBMITTED, CANCELLED/);
  });

  it('the salesperson submits; a stale version is CONFLICT', async () => {
    const stale = await gql(sys.routerUrl, SUBMIT, {
      token: sales,
      variables: { id: dealId, v: version + 5 },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const res = await gql(sys.routerUrl, SUBMIT, {
      token: sales,
      variables: { id: dealId, v: version },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitDeal).toMatchObject({ status: 'SUBMITTED', version: version + 1 });
    version = res.data!.submitDeal.version;
  });

  it('a salesperson cannot approve (FORBIDDEN); nothing changes', async () => {
    const res = await gql(sys.routerUrl, APPROVE, {
      token: sales,
      variables: { id: dealId, v: version },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await gql(sys.routerUrl, GET, { token: sales, variables: { id: dealId } });
    expect(after.data!.deal).toMatchObject({ status: 'SUBMITTED', version });
  });

  it('two managers approve the same version: one wins, the other gets CONFLICT', async () => {
    const both = await Promise.all([
      gql(sys.routerUrl, APPROVE, { token: manager, variables: { id: dealId, v: version } }),
      gql(sys.routerUrl, APPROVE, { token: manager, variables: { id: dealId, v: version } }),
    ]);
    const codes = both.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const won = both.find((r) => !r.errors)!.data!.approveDeal;
    expect(won.status).toBe('APPROVED');
    version = won.version;
  });

  it('approval puts the vehicle ON_HOLD in inventory (through the outbox)', async () => {
    await vehicleStatusEventually(vehicleId, 'ON_HOLD');
    const d = await gql(sys.routerUrl, GET, { token: manager, variables: { id: dealId } });
    expect(
      d.data!.deal.events.map((e: { kind: string; toStatus: string }) => `${e.kind}:${e.toStatus}`),
    ).toEqual(['CREATED:DRAFT', 'TRANSITION:SUBMITTED', 'TRANSITION:APPROVED']);
    const gross = await gql(
      sys.routerUrl,
      `query($id: ID!) { deal(id: $id) { grossProfit { frontGross vehicleCost } } }`,
      { token: manager, variables: { id: dealId } },
    );
    // The approver could read the cost, so approval filled it in: 25000 − 18000.
    expect(gross.data!.deal.grossProfit).toEqual({
      frontGross: '7000.00',
      vehicleCost: '18000.00',
    });
  });

  it('delivery while inventory is down succeeds; the vehicle is SOLD once inventory is back', async () => {
    for (const m of ['sendDealToFinance', 'contractDeal']) {
      const r = await gql(
        sys.routerUrl,
        `mutation($id: ID!, $v: Int!) { ${m}(id: $id, version: $v) { status version } }`,
        {
          token: manager,
          variables: { id: dealId, v: version },
        },
      );
      expect(r.errors).toBeUndefined();
      version = r.data![m].version;
    }
    const restart = await sys.stopSubgraph('inventory');
    try {
      const r = await gql(
        sys.routerUrl,
        `mutation($id: ID!, $v: Int!) { deliverDeal(id: $id, version: $v) { status version } }`,
        { token: manager, variables: { id: dealId, v: version } },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.deliverDeal.status).toBe('DELIVERED');
      await new Promise((res) => setTimeout(res, 1500)); // the relay tries and fails meanwhile
      const client = new pg.Client({ connectionString: sys.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query(
          `select attempts, delivered_at from deals.outbox where deal_id = $1 and vehicle_status = 'SOLD'`,
          [dealId],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0].delivered_at).toBeNull();
        expect(rows[0].attempts).toBeGreaterThan(0);
      } finally {
        await client.end();
      }
    } finally {
      await restart();
    }
    await vehicleStatusEventually(vehicleId, 'SOLD', 30_000);
  });

  it('a duplicate delivery is applied once', async () => {
    const before = await vehicleStatusEventually(vehicleId, 'SOLD');
    const client = new pg.Client({ connectionString: sys.databaseUrl });
    await client.connect();
    try {
      // Make inventory's view differ from the event, then redeliver the same event.
      const { rows } = await client.query(
        `update deals.outbox set delivered_at = null, next_attempt_at = now()
         where deal_id = $1 and vehicle_status = 'SOLD' returning id`,
        [dealId],
      );
      expect(rows).toHaveLength(1);
      const until = Date.now() + 20_000;
      for (;;) {
        const r = await client.query('select delivered_at from deals.outbox where id = $1', [
          rows[0].id,
        ]);
        if (r.rows[0].delivered_at) break;
        if (Date.now() > until) throw new Error('not redelivered');
        await new Promise((res) => setTimeout(res, 100));
      }
      const applied = await client.query(
        'select count(*)::int as n from inventory.deal_status_events where event_id = $1',
        [rows[0].id],
      );
      expect(applied.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
    const after = await gql(sys.routerUrl, VEHICLE, {
      token: manager,
      variables: { id: vehicleId },
    });
    expect(after.data!.vehicle).toEqual(before); // same version: nothing applied twice
  });

  it('Customer.deals and Vehicle.deals list the deal', async () => {
    const res = await gql(
      sys.routerUrl,
      `query($c: ID!, $v: ID!) { customer(id: $c) { deals { id status } } vehicle(id: $v) { deals { id } } }`,
      { token: manager, variables: { c: buyerId, v: vehicleId } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.customer.deals).toEqual([{ id: dealId, status: 'DELIVERED' }]);
    expect(res.data!.vehicle.deals).toEqual([{ id: dealId }]);
    // User.deals: the salesperson's own deals (they created this one).
    const me = await gql(
      sys.routerUrl,
      `{ me { deals(filter: { status: [DELIVERED] }) { edges { node { id salesperson { id } } } } } }`,
      { token: sales },
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.deals.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      dealId,
    ]);
  });

  it('the rival dealership cannot see the deal, through the router or `_entities`', async () => {
    const res = await gql(sys.routerUrl, GET, { token: rival, variables: { id: dealId } });
    expect(res.data?.deal).toBeNull();
    const list = await gql(sys.routerUrl, `{ deals { edges { node { id } } } }`, { token: rival });
    expect(list.data!.deals.edges).toEqual([]);
    // The rival has no deals, so no deal of theirs carries this number: null, not ours.
    const byNumber = await gql(
      sys.routerUrl,
      `query($n: Int!) { dealByNumber(number: $n) { id } deals(filter: { dealNumber: $n }) { edges { node { id } } } }`,
      { token: rival, variables: { n: dealNumber } },
    );
    expect(byNumber.errors).toBeUndefined();
    expect(byNumber.data).toEqual({ dealByNumber: null, deals: { edges: [] } });
    // The rival's own first deal is numbered in its own sequence; each side finds only its own.
    const theirs = await createDeal(rival, rivalVehicleId, rivalCustomerId);
    expect(theirs.errors).toBeUndefined();
    const n = theirs.data!.createDeal.dealNumber as number;
    const BY_NUMBER = `query($n: Int!) { dealByNumber(number: $n) { id } }`;
    const asRival = await gql(sys.routerUrl, BY_NUMBER, { token: rival, variables: { n } });
    expect(asRival.data!.dealByNumber).toEqual({ id: theirs.data!.createDeal.id });
    const asUs = await gql(sys.routerUrl, BY_NUMBER, { token: manager, variables: { n } });
    expect(asUs.data!.dealByNumber?.id).not.toBe(theirs.data!.createDeal.id);
    const deals = sys.subgraphs.deals!;
    const ent = await gql(
      deals.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Deal { id status } } }`,
      {
        token: rival,
        headers: { 'x-subgraph-secret': deals.secret },
        variables: { r: [{ __typename: 'Deal', id: dealId }] },
      },
    );
    expect(ent.data!._entities).toEqual([null]);
    const mine = await gql(
      deals.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Deal { id status } } }`,
      {
        token: manager,
        headers: { 'x-subgraph-secret': deals.secret },
        variables: { r: [{ __typename: 'Deal', id: dealId }] },
      },
    );
    expect(mine.data!._entities).toEqual([{ id: dealId, status: 'DELIVERED' }]);
  });
});

describe('references must belong to the dealership', () => {
  it("another dealership's customer or vehicle is NOT_FOUND, and nothing is created", async () => {
    const other = await newVehicle(manager);
    const c = await createDeal(sales, other, rivalCustomerId);
    expect(c.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const v = await createDeal(sales, rivalVehicleId);
    expect(v.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const r = await createDeal(rival, other, rivalCustomerId);
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await gql(
      sys.routerUrl,
      `query($v: ID!) { deals(filter: { vehicleId: $v }) { edges { node { id } } } }`,
      { token: manager, variables: { v: other } },
    );
    expect(list.data!.deals.edges).toEqual([]);
  });

  it('bad input names the field and changes nothing', async () => {
    const res = await gql(sys.routerUrl, CREATE, {
      token: sales,
      variables: {
        i: {
          buyerId,
          vehicleId: await newVehicle(manager),
          docFee: '12.345',
          scenarios: [financeScenario],
        },
      },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.docFee',
    });
    expect(res.errors?.[0]?.extensions?.requestId).toBeTruthy();
  });
});

describe('the desk', () => {
  it('cash and lease scenarios, the 3×3 grid and the recap in one request', async () => {
    const res = await gql(
      sys.routerUrl,
      `mutation($i: CreateDealInput!) { createDeal(input: $i) { id version } }`,
      {
        token: sales,
        variables: {
          i: {
            buyerId,
            vehicleId: await newVehicle(manager),
            tradeIns: [
              { allowance: '6000', actualCashValue: '5500', payoff: '2000', make: 'Honda' },
            ],
            products: [{ kind: 'GAP', price: '795' }],
            rebates: [{ code: 'CONQUEST', amount: '500' }],
            scenarios: [
              { kind: 'CASH' },
              financeScenario,
              {
                kind: 'LEASE',
                lease: {
                  moneyFactor: '0.00185',
                  residualPercent: '0.56',
                  termMonths: 36,
                  cashDown: '2000',
                },
              },
            ],
          },
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.createDeal.id;
    const recap = await gql(
      sys.routerUrl,
      `query($id: ID!) { deal(id: $id) {
        totalRebates tradeIns { equity } products { kind taxedByState price }
        scenarios { kind selected dueFromBuyer monthlyPayment lines { code amount } taxLines { jurisdiction }
          leaseResult { residualValue totalMonthlyPayment dueAtSigning } payments { number } }
        paymentGrid(terms: [48, 60, 72], downPayments: ["0", "2000", "5000"]) {
          apr rows { termMonths cells { downPayment monthlyPayment } } }
        leaseGrid(terms: [24, 36, 48], cashDowns: ["0", "2000", "4000"]) {
          moneyFactor aprEquivalent residualPercent milesPerYear acquisitionFee
          rows { termMonths cells { cashDown residualValue basePayment monthlyTax monthlyPayment dueAtSigning } } }
        buyer { displayName } vehicle { vin } } }`,
      { token: sales, variables: { id } },
    );
    expect(recap.errors).toBeUndefined();
    const d = recap.data!.deal;
    expect(d.totalRebates).toBe('500.00');
    expect(d.tradeIns).toEqual([{ equity: '4000.00' }]);
    expect(
      d.scenarios.map((s: { kind: string; selected: boolean }) => [s.kind, s.selected]),
    ).toEqual([
      ['CASH', true],
      ['FINANCE', false],
      ['LEASE', false],
    ]);
    const [cash, fin, lease] = d.scenarios;
    expect(cash.monthlyPayment).toBeNull();
    expect(cash.lines.map((l: { code: string }) => l.code)).toContain('TRADE_IN_ALLOWANCE');
    expect(fin.payments).toHaveLength(60);
    expect(lease.leaseResult.residualValue).toBe('14560.00'); // 56 % of the 26,000 MSRP
    expect(Number(lease.monthlyPayment)).toBeGreaterThan(0);
    // The grid's APR comes from the finance scenario; 3 terms × 3 down payments.
    expect(d.paymentGrid.apr).toBe('6.00');
    expect(d.paymentGrid.rows.map((r: { termMonths: number }) => r.termMonths)).toEqual([
      48, 60, 72,
    ]);
    const row60 = d.paymentGrid.rows[1].cells;
    expect(row60.map((c: { downPayment: string }) => c.downPayment)).toEqual([
      '0.00',
      '2000.00',
      '5000.00',
    ]);
    // 60 months with 2000 down is exactly the finance scenario.
    expect(row60[1].monthlyPayment).toBe(fin.monthlyPayment);
    // The lease grid takes its terms from the lease scenario; 36 months with 2000 down is that scenario.
    const lg = d.leaseGrid;
    expect(lg).toMatchObject({
      moneyFactor: '0.00185',
      aprEquivalent: '4.44',
      residualPercent: '0.56',
    });
    expect(lg.rows.map((r: { termMonths: number }) => r.termMonths)).toEqual([24, 36, 48]);
    const cell = lg.rows[1].cells[1];
    expect(cell.cashDown).toBe('2000.00');
    expect(cell.residualValue).toBe(lease.leaseResult.residualValue);
    expect(cell.monthlyPayment).toBe(lease.monthlyPayment);
    expect(cell.monthlyPayment).toBe(lease.leaseResult.totalMonthlyPayment);
    expect(cell.dueAtSigning).toBe(lease.leaseResult.dueAtSigning);
    expect(Number(lg.rows[1].cells[0].monthlyPayment)).toBeGreaterThan(Number(cell.monthlyPayment));
    // A deal without a lease scenario needs the terms given; the argument is named.
    const noLease = await gql(
      sys.routerUrl,
      `query($id: ID!) { deal(id: $id) { leaseGrid(terms: [36], cashDowns: ["0"]) { moneyFactor } } }`,
      {
        token: sales,
        variables: { id: (await createDeal(sales, await newVehicle(manager))).data!.createDeal.id },
      },
    );
    expect(noLease.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'moneyFactor',
    });
  });
});

describe("the deal's history and the dealer's costs", () => {
  it('a salesperson reads every edit, but never a cost; the manager reads the costs too', async () => {
    const created = await createDeal(manager, await newVehicle(manager, '21000.00'));
    expect(created.errors).toBeUndefined();
    const { id, version } = created.data!.createDeal;
    const edit = await gql(
      sys.routerUrl,
      `mutation($id: ID!, $v: Int!, $i: DealPatch!) {
        updateDeal(id: $id, version: $v, input: $i) { id version } }`,
      {
        token: manager,
        variables: {
          id,
          v: version,
          i: {
            sellingPrice: '24500',
            reconditioning: '850',
            products: [{ kind: 'GAP', name: 'GAP', price: '895', cost: '310' }],
          },
        },
      },
    );
    expect(edit.errors, JSON.stringify(edit.errors)).toBeUndefined();
    const HISTORY = `query($id: ID!) { deal(id: $id) { events { kind changes { field from to } } } }`;
    const read = async (token: string) => {
      const res = await gql(sys.routerUrl, HISTORY, { token, variables: { id } });
      expect(res.errors).toBeUndefined();
      return res.data!.deal.events as { changes: { field: string; from: string; to: string }[] }[];
    };
    const managerSees = (await read(manager)).flatMap((e) => e.changes);
    expect(managerSees.map((c) => c.field)).toEqual(
      expect.arrayContaining(['vehicleCost', 'reconditioning', 'products', 'sellingPrice']),
    );
    expect(managerSees.find((c) => c.field === 'vehicleCost')!.to).toBe('"21000"');
    const last = (changes: typeof managerSees, field: string) =>
      changes.filter((c) => c.field === field).at(-1)!;
    expect(last(managerSees, 'products').to).toContain('"cost":"310"');

    const salesSees = (await read(sales)).flatMap((e) => e.changes);
    const fields = salesSees.map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['sellingPrice', 'products']));
    expect(fields).not.toContain('vehicleCost');
    expect(fields).not.toContain('reconditioning');
    const text = JSON.stringify(salesSees);
    expect(text).not.toContain('310');
    expect(text).not.toContain('21000');
    expect(last(salesSees, 'products').to).toContain('"price":"895"');
  });
});

describe("a deal uses the dealership's own local tax rate, as taxQuote does", () => {
  it('after setLocalTaxRate for a ZIP, the deal’s tax and total equal calc’s cashDeal for the same inputs', async () => {
    const admin = (await login(sys.routerUrl, 'admin')).accessToken;
    const place = { state: 'CO', zip: '80202' };
    const set = await gql(
      sys.routerUrl,
      `mutation($i: LocalTaxRateInput!) { setLocalTaxRate(input: $i) { combinedRate } }`,
      { token: admin, variables: { i: { ...place, combinedRate: '0.0881', stateRate: '0.029' } } },
    );
    expect(set.errors).toBeUndefined();
    const deal = await gql(
      sys.routerUrl,
      `mutation($i: CreateDealInput!) { createDeal(input: $i) {
         docFee localTaxRate { zip combinedRate }
         selectedScenario { totalTax dueFromBuyer notices } } }`,
      {
        token: sales,
        variables: {
          i: {
            buyerId,
            vehicleId: await newVehicle(manager),
            dealDate: '2026-11-20',
            buyerState: place.state,
            buyerZip: place.zip,
            scenarios: [{ kind: 'CASH' }],
          },
        },
      },
    );
    expect(deal.errors, JSON.stringify(deal.errors)).toBeUndefined();
    const d = deal.data!.createDeal;
    expect(d.localTaxRate).toEqual({ zip: '80202', combinedRate: '0.0881' });
    const calc = await gql(
      sys.routerUrl,
      `query($i: CashDealInput!) { cashDeal(input: $i) { totalTax totalDue notices } }`,
      {
        token: sales,
        variables: {
          i: {
            ...place,
            vehicleCondition: 'NEW',
            sellingPrice: '25000.00',
            accessories: '0.00',
            manufacturerRebate: '0.00',
            dealerRebate: '0.00',
            tradeInAllowance: '0.00',
            tradeInPayoff: '0.00',
            docFee: d.docFee,
            serviceContract: '0.00',
            gap: '0.00',
            dealDate: '2026-11-20',
          },
        },
      },
    );
    expect(calc.errors).toBeUndefined();
    expect(d.selectedScenario.totalTax).toBe(calc.data!.cashDeal.totalTax);
    expect(d.selectedScenario.dueFromBuyer).toBe(calc.data!.cashDeal.totalDue);
    expect(d.selectedScenario.notices).toEqual(calc.data!.cashDeal.notices);
    // The dealership's 8.81 % is what was applied (not the shipped data's unknown local rate).
    expect(d.selectedScenario.notices.join(' ')).not.toMatch(/local rate.*unknown/i);
  });
});

describe('one car, one deal', () => {
  it('a second deal on a car in an open deal is refused naming its number and salesperson; inventory reads the open deals', async () => {
    const car = await newVehicle(manager);
    const first = await createDeal(sales, car);
    expect(first.errors).toBeUndefined();
    const number = first.data!.createDeal.dealNumber as number;
    const again = await createDeal(manager, car);
    const error = again.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.vehicleId' });
    const me = await gql(sys.routerUrl, '{ me { displayName } }', { token: sales });
    expect(error?.message).toContain(
      `deal #${number} (${me.data!.me.displayName as string}, a draft)`,
    );
    expect(error?.message).not.toContain(first.data!.createDeal.id);
    const listed = await gql(
      sys.routerUrl,
      `query($id: ID!) { vehicle(id: $id) { openDeals { dealNumber salesperson { displayName } } } }`,
      { token: sales, variables: { id: car } },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.vehicle.openDeals).toEqual([
      { dealNumber: number, salesperson: { displayName: me.data!.me.displayName } },
    ]);
    const acknowledged = await gql(
      sys.routerUrl,
      `mutation($i: CreateDealInput!) { createDeal(input: $i) { dealNumber } }`,
      { token: manager, variables: { i: { buyerId, vehicleId: car, acknowledgeOpenDeals: true } } },
    );
    expect(acknowledged.errors).toBeUndefined();
  });
});
