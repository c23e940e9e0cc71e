// The calc subgraph through the router: quotes and deals computed by the engine, typed input errors,
// and the dealership's own local rate table (permission-guarded and tenant-isolated).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gql,
  login,
  provisionOtherDealership,
  startTestSystem,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let admin: string;
let sales: string;
let rival: string;

beforeAll(async () => {
  sys = await startTestSystem();
  await provisionOtherDealership(sys.databaseUrl, 'rival-admin', ['admin']);
  admin = (await login(sys.routerUrl, 'admin')).accessToken;
  sales = (await login(sys.routerUrl, 'sales')).accessToken;
  rival = (await login(sys.routerUrl, 'rival-admin')).accessToken;
}, 120_000);
afterAll(async () => {
  await sys?.shutdown();
});

const TAX_QUOTE = `query Q($input: TaxQuoteInput!) {
  taxQuote(input: $input) { taxableAmount totalTax notices lines { jurisdiction kind rate base amount rule source origin } }
}`;

describe('tax quotes', () => {
  it('Texas: 6.25% motor vehicle sales tax on price less full trade-in credit (Tax Code §152.002)', async () => {
    const res = await gql(sys.routerUrl, TAX_QUOTE, {
      token: sales,
      variables: {
        input: {
          state: 'TX',
          zip: '78701',
          vehicleCondition: 'NEW',
          sellingPrice: '30000',
          tradeInAllowance: '10000',
          dealDate: '2026-11-26',
        },
      },
    });
    expect(res.errors).toBeUndefined();
    const q = res.data!.taxQuote;
    expect(Number(q.taxableAmount)).toBe(30000 - 10000);
    expect(Number(q.totalTax)).toBe(20000 * 0.0625);
    expect(q.lines[0]).toMatchObject({ kind: 'STATE', rate: '0.0625' });
    expect(q.lines[0].source).toMatch(/^https?:\/\//);
  });

  it('bad input is BAD_USER_INPUT naming the field', async () => {
    const res = await gql(sys.routerUrl, TAX_QUOTE, {
      token: sales,
      variables: {
        input: { state: 'TX', vehicleCondition: 'NEW', sellingPrice: '-5', dealDate: '2026-11-26' },
      },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.sellingPrice',
    });
    const unknownState = await gql(sys.routerUrl, TAX_QUOTE, {
      token: sales,
      variables: {
        input: {
          state: 'ZZ',
          vehicleCondition: 'NEW',
          sellingPrice: '100',
          dealDate: '2026-11-26',
        },
      },
    });
    expect(unknownState.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.state',
    });
  });
});

describe('finance deal', () => {
  it('amount financed, payment by the amortization formula, Reg Z APR and a schedule ending at 0.00', async () => {
    const res = await gql(
      sys.routerUrl,
      `query($input: FinanceDealInput!) { financeDeal(input: $input) {
        amountFinanced monthlyPayment finalPayment disclosedApr totalOfPayments financeCharge numberOfPayments
        schedule { number payment interest principal balance } } }`,
      {
        token: sales,
        variables: {
          input: {
            state: 'TX',
            zip: '78701',
            vehicleCondition: 'NEW',
            sellingPrice: '25000',
            titleFee: '0',
            registrationFee: '0',
            downPayment: '5000',
            apr: '6',
            termMonths: 60,
            contractDate: '2026-01-15',
            firstPaymentDate: '2026-02-15',
          },
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const deal = res.data!.financeDeal;
    const financed = 25000 + 25000 * 0.0625 - 5000; // price + TX tax − down
    expect(Number(deal.amountFinanced)).toBeCloseTo(financed, 2);
    const r = 0.06 / 12;
    const payment = Math.round(((financed * r) / (1 - (1 + r) ** -60)) * 100) / 100;
    expect(Number(deal.monthlyPayment)).toBeCloseTo(payment, 2);
    expect(deal.disclosedApr).toBe('6.00');
    expect(deal.numberOfPayments).toBe(60);
    expect(deal.schedule).toHaveLength(60);
    expect(Number(deal.schedule.at(-1).balance)).toBe(0);
    const principal = deal.schedule.reduce(
      (s: number, row: { principal: string }) => s + Math.round(Number(row.principal) * 100),
      0,
    );
    expect(principal).toBe(Math.round(financed * 100));
    expect(Number(deal.financeCharge)).toBeCloseTo(Number(deal.totalOfPayments) - financed, 2);
  });
});

describe('balloon finance deal', () => {
  it('35 level payments and the balloon as the final payment; a balloon above the amount financed is BAD_USER_INPUT', async () => {
    const Q = `query($input: FinanceDealInput!) { financeDeal(input: $input) {
      amountFinanced monthlyPayment finalPayment disclosedApr totalOfPayments } }`;
    const input = {
      state: 'TX',
      vehicleCondition: 'NEW',
      sellingPrice: '20000',
      titleFee: '0',
      registrationFee: '0',
      taxExempt: true,
      apr: '6',
      termMonths: 36,
      contractDate: '2026-01-15',
      balloonPayment: '8000',
    };
    const res = await gql(sys.routerUrl, Q, { token: sales, variables: { input } });
    expect(res.errors).toBeUndefined();
    // (20,000 − 8,000 × 1.005^−36) × 0.005 / (1 − 1.005^−35) = 415.63; the final payment is the
    // balloon less 0.03 of cent rounding; 35 × 415.63 + 7,999.97 = 22,547.02.
    expect(res.data!.financeDeal).toMatchObject({
      amountFinanced: '20000.00',
      monthlyPayment: '415.63',
      finalPayment: '7999.97',
      disclosedApr: '6.00',
      totalOfPayments: '22547.02',
    });
    const bad = await gql(sys.routerUrl, Q, {
      token: sales,
      variables: { input: { ...input, balloonPayment: '25000' } },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.balloonPayment',
    });
  });
});

describe("the dealership's local rate table", () => {
  const SET = `mutation($input: LocalTaxRateInput!) { setLocalTaxRate(input: $input) { state zip combinedRate } }`;
  const coQuote = {
    state: 'CO',
    zip: '80202',
    vehicleCondition: 'NEW',
    sellingPrice: '20000',
    dealDate: '2026-11-26',
  };

  it('a salesperson may not change it (FORBIDDEN, nothing saved)', async () => {
    const res = await gql(sys.routerUrl, SET, {
      token: sales,
      variables: { input: { state: 'CO', zip: '80202', combinedRate: '0.0881' } },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await gql(sys.routerUrl, '{ localTaxRates { totalCount } }', { token: admin });
    expect(list.data!.localTaxRates.totalCount).toBe(0);
  });

  it("an override is used in the dealership's quotes and invisible to another dealership", async () => {
    const before = await gql(sys.routerUrl, TAX_QUOTE, {
      token: admin,
      variables: { input: coQuote },
    });
    // Denver's local rates ship with the engine: 20000 × 8.81% before the dealership says otherwise.
    expect(Number(before.data!.taxQuote.totalTax)).toBeCloseTo(20000 * 0.0881, 2);
    expect(before.data!.taxQuote.lines.map((l: { origin: string }) => l.origin)).toContain(
      'SHIPPED_TABLE',
    );
    const set = await gql(sys.routerUrl, SET, {
      token: admin,
      variables: {
        input: {
          state: 'CO',
          zip: '80202',
          region: 'Denver',
          combinedRate: '0.0891',
          stateRate: '0.029',
        },
      },
    });
    expect(set.errors).toBeUndefined();
    const after = await gql(sys.routerUrl, TAX_QUOTE, {
      token: admin,
      variables: { input: coQuote },
    });
    expect(Number(after.data!.taxQuote.totalTax)).toBeCloseTo(20000 * 0.0891, 2);
    expect(after.data!.taxQuote.lines.map((l: { origin: string }) => l.origin)).toEqual([
      'STATE_RULE',
      'DEALER_OVERRIDE',
    ]);
    const other = await gql(sys.routerUrl, TAX_QUOTE, {
      token: rival,
      variables: { input: coQuote },
    });
    expect(other.data!.taxQuote.totalTax).toBe(before.data!.taxQuote.totalTax);
    const rivalList = await gql(
      sys.routerUrl,
      '{ localTaxRates { totalCount edges { node { zip } } } }',
      { token: rival },
    );
    expect(rivalList.data!.localTaxRates).toEqual({ totalCount: 0, edges: [] });
  });

  it('a bad rate is refused naming the field', async () => {
    const res = await gql(sys.routerUrl, SET, {
      token: admin,
      variables: { input: { state: 'CO', zip: '80203', combinedRate: '8.81' } },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.combinedRate',
    });
  });

  it('CSV import saves the good rows and reports the bad ones by line', async () => {
    const csv = [
      'State,ZipCode,TaxRegionName,EstimatedCombinedRate,StateRate,EstimatedCountyRate,EstimatedCityRate,EstimatedSpecialRate',
      'CO,80301,BOULDER,0.0886,0.029,0.01185,0.0386,0.00915',
      'CO,80302,BOULDER,0.0886,0.029,0.01185,0.0386,0.00915',
      'CO,8030X,BAD ZIP,0.0886,0.029,0,0,0',
    ].join('\n');
    const res = await gql(
      sys.routerUrl,
      'mutation($csv: String!) { importLocalTaxRates(csv: $csv) { imported errors { line field message } } }',
      { token: admin, variables: { csv } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importLocalTaxRates.imported).toBe(2);
    expect(res.data!.importLocalTaxRates.errors).toHaveLength(1);
    expect(res.data!.importLocalTaxRates.errors[0].line).toBe(4);
    const list = await gql(
      sys.routerUrl,
      '{ localTaxRates(state: "CO") { totalCount edges { node { zip combinedRate } } } }',
      { token: admin },
    );
    expect(
      list.data!.localTaxRates.edges.map((e: { node: { zip: string } }) => e.node.zip),
    ).toEqual(['80202', '80301', '80302']);
  });
});

describe('shipped local tax coverage (admin)', () => {
  const COVERAGE = `query C($state: String!) { localTaxCoverage(state: $state, date: "2026-11-26") {
    state situs complete coveredFrom populationCovered provider
    localities { county city rate effectiveFrom publication verified } } }`;

  it('tells an admin what Pennsylvania ships, from when, and whose locality applies', async () => {
    const res = await gql(sys.routerUrl, COVERAGE, { token: admin, variables: { state: 'pa' } });
    expect(res.errors).toBeUndefined();
    const c = res.data!.localTaxCoverage;
    expect(c).toMatchObject({ state: 'PA', situs: 'REGISTRATION', complete: true });
    expect(Number(c.populationCovered)).toBe(1);
    expect(c.coveredFrom).toBe('1994-07-01');
    expect(
      c.localities.map((l: { county: string; rate: string }) => `${l.county} ${l.rate}`),
    ).toEqual(['Allegheny 0.01', 'Philadelphia 0.02']);
  });

  it('is an admin view: a salesperson is FORBIDDEN; an unknown state is BAD_USER_INPUT', async () => {
    const res = await gql(sys.routerUrl, COVERAGE, { token: sales, variables: { state: 'PA' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(sys.routerUrl, COVERAGE, { token: admin, variables: { state: 'ZZ' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'state' });
  });
});

describe('dealer-located local tax (WA) through the router', () => {
  const waQuote = {
    state: 'WA',
    zip: '98052',
    dealerZip: '98101',
    vehicleCondition: 'NEW',
    sellingPrice: '30000',
    dealDate: '2026-02-01',
  };
  it("the dealership's ZIP places the tax (Seattle 4.05% local), then its own row for that ZIP wins", async () => {
    const shipped = await gql(sys.routerUrl, TAX_QUOTE, {
      token: admin,
      variables: { input: waQuote },
    });
    expect(shipped.errors).toBeUndefined();
    // 30000 × 7% = 2100 state + 30000 × 4.05% = 1215 Seattle (DOR location 1726).
    expect(Number(shipped.data!.taxQuote.totalTax)).toBe(3315);
    const set = await gql(
      sys.routerUrl,
      `mutation($input: LocalTaxRateInput!) { setLocalTaxRate(input: $input) { zip } }`,
      {
        token: admin,
        variables: {
          input: { state: 'WA', zip: '98101', combinedRate: '0.1065', stateRate: '0.065' },
        },
      },
    );
    expect(set.errors).toBeUndefined();
    const own = await gql(sys.routerUrl, TAX_QUOTE, {
      token: admin,
      variables: { input: waQuote },
    });
    expect(own.data!.taxQuote.lines.map((l: { origin: string }) => l.origin)).toEqual([
      'STATE_RULE',
      'DEALER_OVERRIDE',
    ]);
    expect(Number(own.data!.taxQuote.totalTax)).toBe(3345); // 2100 + 30000 × 4.15%
  });
  it('a malformed dealerZip is BAD_USER_INPUT naming the field', async () => {
    const res = await gql(sys.routerUrl, TAX_QUOTE, {
      token: admin,
      variables: { input: { ...waQuote, dealerZip: '9810X' } },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.dealerZip',
    });
  });
});
