// Deals figures through the router on the real system (every subgraph and the router as processes,
// throw-away embedded PostgreSQL): create deal + finance scenario (sequential), the full recap fetch
// (deal + buyer + vehicle + 3 scenarios) at 100 concurrent requests with the CPU each part spent per
// fetch (what bounds the throughput on this machine) and at lower concurrency (where the p95 budget
// holds), and the 3×3 payment grid — the engine call in-process and the deals subgraph's answer over
// HTTP (no router). Figures only.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { Decimal } from 'decimal.js';
import { signIn, startBenchSystem, type BenchSystem } from './bench-system.ts';
import { fmt } from './stats.ts';
import { cpuByPart, cpuPerRequest } from './process-cpu.ts';
import { dealPaymentGrid } from '../../../subgraphs/deals/src/domain/scenarios.ts';
import type { DealTerms } from '../../../subgraphs/deals/src/domain/records.ts';

const agent = new Agent({ connections: 128, pipelining: 1, keepAliveTimeout: 30_000 });

function pct(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
const line = (label: string, s: number[]) =>
  `  ${label}: p50 ${fmt(pct(s, 0.5))}  p95 ${fmt(pct(s, 0.95))}  p99 ${fmt(pct(s, 0.99))}  (n=${s.length})`;

export async function gql<T>(
  url: string,
  token: string,
  query: string,
  variables: object,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.body.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const CREATE = `mutation($i: CreateDealInput!) { createDeal(input: $i) {
  id version selectedScenario { monthlyPayment truthInLending { apr amountFinanced } } } }`;
export const RECAP = `query($id: ID!) { deal(id: $id) {
  id status dealDate sellingPrice accessories dealerDiscount docFee totalRebates
  buyer { id displayName phones { number } addresses { line1 city state zip } }
  vehicle { id vin year make model trim stockNumber mileage }
  tradeIns { allowance payoff equity } products { kind name price }
  scenarios { id kind name selected monthlyPayment dueFromBuyer totalTax
    lines { code label amount } taxLines { jurisdiction rate amount }
    truthInLending { apr financeCharge amountFinanced totalOfPayments }
    leaseResult { basePayment totalMonthlyPayment dueAtSigning } }
  events { kind at toStatus } } }`;
const GRID = `query($id: ID!) { deal(id: $id) { paymentGrid(terms: [48, 60, 72], downPayments: ["0", "2000", "5000"]) {
  apr rows { termMonths cells { downPayment monthlyPayment } } } } }`;

/** A vehicle and a buyer; `input(scenarios)` is a createDeal input on them. */
export async function dealInputs(system: BenchSystem, manager: string) {
  const vehicle = await gql<{ addVehicle: { id: string } }>(
    system.routerUrl,
    manager,
    'mutation($i: AddVehicleInput!) { addVehicle(input: $i) { id } }',
    {
      i: {
        vin: '1G4AH59H45G118341',
        stockNumber: 'BENCH1',
        year: 2024,
        make: 'Buick',
        model: 'LaCrosse',
        mileage: 12,
        condition: 'NEW',
        msrp: '36000',
        listPrice: '34500',
        cost: '31000',
      },
    },
  );
  const customer = await gql<{ createCustomer: { customer: { id: string } } }>(
    system.routerUrl,
    manager,
    'mutation($i: CustomerInput!) { createCustomer(input: $i, confirmNotDuplicate: true) { customer { id } } }',
    {
      i: {
        firstName: 'Bench',
        lastName: 'Buyer',
        phones: [{ number: '512-555-0100' }],
        addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
      },
    },
  );
  const input = (scenarios: object[]) => ({
    i: {
      buyerId: customer.createCustomer.customer.id,
      vehicleId: vehicle.addVehicle.id,
      tradeIns: [{ allowance: '9000', actualCashValue: '8500', payoff: '4000' }],
      products: [{ kind: 'SERVICE_CONTRACT', price: '1995', cost: '700' }],
      scenarios,
      // Every benchmark deal is on the same vehicle.
      acknowledgeOpenDeals: true,
    },
  });
  const finance = {
    kind: 'FINANCE',
    finance: { buyRate: '5.49', rateMarkup: '1', termMonths: 72, downPayment: '3000' },
  };
  return { input, finance };
}

/** A deal with finance, finance and lease scenarios: what the recap (query b) fetches. */
export async function recapDeal(system: BenchSystem, manager: string): Promise<string> {
  const { input, finance } = await dealInputs(system, manager);
  const { createDeal } = await gql<{ createDeal: { id: string } }>(
    system.routerUrl,
    manager,
    CREATE,
    input([
      finance,
      { kind: 'FINANCE', finance: { apr: '3.9', termMonths: 48, downPayment: '5000' } },
      {
        kind: 'LEASE',
        lease: {
          moneyFactor: '0.00185',
          residualPercent: '0.56',
          termMonths: 36,
          cashDown: '2500',
        },
      },
    ]),
  );
  return createDeal.id;
}

export async function benchDeals(): Promise<void> {
  const system = await startBenchSystem('deals');
  try {
    const manager = await signIn(system, 'manager');
    const { input, finance } = await dealInputs(system, manager);

    // 1. Create deal + finance scenario, sequential (after a warm-up).
    const create: number[] = [];
    for (let i = 0; i < 230; i++) {
      const t0 = performance.now();
      await gql(system.routerUrl, manager, CREATE, input([finance]));
      if (i >= 30) create.push(performance.now() - t0);
    }

    // 2. The recap of a deal with 3 scenarios, 100 requests in flight at a time.
    const id = await recapDeal(system, manager);
    for (let i = 0; i < 100; i++) await gql(system.routerUrl, manager, RECAP, { id });
    // `concurrency` requests in flight at a time until `total` are done; the CPU each part used.
    const loadAt = async (concurrency: number, total: number) => {
      const samples: number[] = [];
      let next = 0;
      const cpuBefore = cpuByPart();
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < total) {
            next += 1;
            const s = performance.now();
            await gql(system.routerUrl, manager, RECAP, { id });
            samples.push(performance.now() - s);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      return { samples, rate: total / seconds, cpu: cpuPerRequest(cpuBefore, cpuByPart(), total) };
    };
    const at100 = await loadAt(100, 3000);
    // Where the budget holds: the same fetch at lower concurrency.
    const sweep: [number, Awaited<ReturnType<typeof loadAt>>][] = [];
    for (const c of [1, 2, 4, 8, 16, 32]) sweep.push([c, await loadAt(c, Math.max(300, c * 30))]);

    // The same recap's deals part straight from the deals subgraph (no router, sequential): our share.
    const dealsOnly = RECAP.replace(/buyer \{[^}]*\{[^}]*\}[^}]*\{[^}]*\}\s*\}/, '').replace(
      /vehicle \{[^}]*\}/,
      '',
    );
    const recapDirect: number[] = [];
    const recapRouter: number[] = [];
    for (let i = 0; i < 330; i++) {
      let s = performance.now();
      await gql(
        system.subgraphs.deals!.url,
        manager,
        dealsOnly,
        { id },
        {
          'x-subgraph-secret': system.subgraphs.deals!.secret,
        },
      );
      if (i >= 30) recapDirect.push(performance.now() - s);
      s = performance.now();
      await gql(system.routerUrl, manager, RECAP, { id });
      if (i >= 30) recapRouter.push(performance.now() - s);
    }

    // 3. Payment grid 3×3: the deals subgraph directly (server side, no router), and the engine call.
    const deals = system.subgraphs.deals!;
    const gridHttp: number[] = [];
    for (let i = 0; i < 330; i++) {
      const s = performance.now();
      await gql(deals.url, manager, GRID, { id }, { 'x-subgraph-secret': deals.secret });
      if (i >= 30) gridHttp.push(performance.now() - s);
    }
    const terms: DealTerms = {
      buyerId: id,
      coBuyerId: null,
      vehicleId: id,
      salespersonId: null,
      salesManagerId: null,
      dealDate: new Date().toISOString().slice(0, 10),
      buyerState: 'TX',
      buyerZip: '78701',
      vehicleCondition: 'NEW',
      msrp: new Decimal('36000'),
      sellingPrice: new Decimal('34500'),
      accessories: new Decimal(0),
      dealerDiscount: new Decimal(0),
      rebates: [],
      docFee: new Decimal('150'),
      titleFee: null,
      registrationFee: null,
      tradeIns: [],
      products: [],
      reconditioning: new Decimal(0),
      vehicleCost: null,
      localRate: null,
    };
    const gridCalc: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const s = performance.now();
      dealPaymentGrid(terms, new Decimal('6.49'), [48, 60, 72], ['0', '2000', '5000'], null);
      if (i >= 200) gridCalc.push(performance.now() - s);
    }

    console.log('\nDeals (through the router unless said otherwise; loopback, 2 cores)');
    console.log(
      line('create deal + finance scenario (sequential)   ', create) + '  budget p95 ≤ 30 ms',
    );
    console.log(
      line('full deal fetch, 3 scenarios, 100 concurrent  ', at100.samples) +
        '  budget p95 ≤ 25 ms',
    );
    console.log(`    throughput ${at100.rate.toFixed(0)} req/s`);
    const cpuTotal = at100.cpu.reduce((sum, [, ms]) => sum + ms, 0);
    if (cpuTotal > 0) {
      const parts = at100.cpu.map(([part, ms]) => `${part} ${ms.toFixed(2)}`).join(', ');
      const ceiling = (availableParallelism() * 1000) / cpuTotal;
      console.log(`    CPU per fetch: ${cpuTotal.toFixed(2)} ms (${parts})`);
      console.log(
        `    → at most ≈ ${ceiling.toFixed(0)} fetches/s on ${availableParallelism()} cores; ` +
          `p95 ≤ 25 ms at 100 in flight needs ≥ ${(100 / 0.025).toFixed(0)}/s ` +
          `(≈ ${((4000 * cpuTotal) / 1000).toFixed(1)} cores at this cost)`,
      );
    }
    for (const [c, r] of sweep) {
      console.log(
        line(`full deal fetch, ${String(c).padStart(3)} concurrent            `, r.samples) +
          `  ${r.rate.toFixed(0)} req/s`,
      );
    }
    console.log(line('full deal fetch, sequential, through router    ', recapRouter));
    console.log(line('its deals part, deals subgraph direct, seq.   ', recapDirect));
    console.log(
      line('payment grid 3×3, deals subgraph over HTTP    ', gridHttp) + '  budget ≤ 5 ms',
    );
    console.log(line('payment grid 3×3, engine call in-process      ', gridCalc));
  } finally {
    await system.shutdown();
  }
}
