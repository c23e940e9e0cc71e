// The calc subgraph with a rates provider configured (TAX_RATES_PROVIDER=taxjar), through the
// router, against a stand-in of TaxJar's API on loopback: quotes use its answer (origin PROVIDER),
// one request per address, the dealership's own rate still wins, and dealer-located states are not
// asked with the buyer's ZIP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLEVELAND,
  startTaxJarStandIn,
  type TaxJarStandIn,
} from '../subgraphs/calc/test/rates/taxjar-stand-in.ts';
import { gql, login, startTestSystem, type TestSystem } from './support.ts';

let sys: TestSystem;
let api: TaxJarStandIn;
let admin: string;

beforeAll(async () => {
  api = await startTaxJarStandIn('e2e-token');
  api.rates.set('44114', CLEVELAND);
  // The subgraph processes inherit this process's environment.
  process.env.TAX_RATES_PROVIDER = 'taxjar';
  process.env.TAXJAR_API_TOKEN = 'e2e-token';
  process.env.TAXJAR_API_URL = api.url;
  sys = await startTestSystem();
  admin = (await login(sys.routerUrl, 'admin')).accessToken;
}, 240_000);
afterAll(async () => {
  await sys?.shutdown();
  await api?.close();
});

const QUOTE = `query Q($input: TaxQuoteInput!) {
  taxQuote(input: $input) { totalTax notices lines { jurisdiction rate amount origin source } }
}`;
const cleveland = {
  state: 'OH',
  zip: '44114',
  city: 'Cleveland',
  vehicleCondition: 'NEW',
  sellingPrice: '30000',
  dealDate: '2026-12-06',
};
const rateRequests = () => api.log.filter((l) => l.path.startsWith('/v2/rates/')).length;

describe('taxQuote with TaxJar configured', () => {
  it('uses the provider’s rates for the buyer’s address: 1725 + 375 + 300 = 2400', async () => {
    const res = await gql(sys.routerUrl, QUOTE, { token: admin, variables: { input: cleveland } });
    expect(res.errors).toBeUndefined();
    const q = res.data!.taxQuote;
    expect(q.totalTax).toBe('2400.00');
    expect(
      q.lines.map((l: { origin: string; amount: string }) => `${l.origin} ${l.amount}`),
    ).toEqual(['STATE_RULE 1725.00', 'PROVIDER 375.00', 'PROVIDER 300.00']);
    expect(api.log[0]).toEqual({
      path: '/v2/rates/44114?country=US&state=OH&city=Cleveland',
      auth: 'Bearer e2e-token',
    });
  });

  it('asks once per address: a second quote and providerLocalRate use the cached answer', async () => {
    await gql(sys.routerUrl, QUOTE, { token: admin, variables: { input: cleveland } });
    const r = await gql(
      sys.routerUrl,
      `{ providerLocalRate(state: "OH", zip: "44114", city: "Cleveland", date: "2026-12-06") {
          rate { provider stale combinedRate countyRate specialRate } notice } }`,
      { token: admin },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.providerLocalRate.rate).toMatchObject({ provider: 'TaxJar', stale: false });
    expect(Number(r.data!.providerLocalRate.rate.combinedRate)).toBe(0.08);
    expect(rateRequests()).toBe(1);
  });

  it('the dealership’s own rate wins and the provider is not asked for that ZIP', async () => {
    const set = await gql(
      sys.routerUrl,
      `mutation($input: LocalTaxRateInput!) { setLocalTaxRate(input: $input) { zip } }`,
      {
        token: admin,
        variables: {
          input: { state: 'OH', zip: '44115', combinedRate: '0.0775', stateRate: '0.0575' },
        },
      },
    );
    expect(set.errors).toBeUndefined();
    const res = await gql(sys.routerUrl, QUOTE, {
      token: admin,
      variables: { input: { ...cleveland, zip: '44115' } },
    });
    expect(res.data!.taxQuote.lines.map((l: { origin: string }) => l.origin)).toEqual([
      'STATE_RULE',
      'DEALER_OVERRIDE',
    ]);
    expect(rateRequests()).toBe(1);
  });

  it('a state whose local tax follows the dealer (IL) is not asked with the buyer’s ZIP', async () => {
    const res = await gql(sys.routerUrl, QUOTE, {
      token: admin,
      variables: { input: { ...cleveland, state: 'IL', zip: '60601', city: 'Chicago' } },
    });
    expect(res.data!.taxQuote.notices.join(' ')).toMatch(/selling dealer’s location/);
    expect(rateRequests()).toBe(1);
  });

  it('an address TaxJar cannot answer falls back to the shipped table and says why', async () => {
    const res = await gql(sys.routerUrl, QUOTE, {
      token: admin,
      variables: { input: { ...cleveland, zip: '43215', city: 'Columbus' } },
    });
    const q = res.data!.taxQuote;
    expect(q.totalTax).toBe('2400.00'); // Franklin 8% from the shipped table
    expect(q.lines.map((l: { origin: string }) => l.origin)).toEqual([
      'STATE_RULE',
      'SHIPPED_TABLE',
    ]);
    expect(q.notices.join(' ')).toMatch(/TaxJar failed: TaxJar answered HTTP 404/);
  });
});
