// Issue 12's attacks replayed against the real system (every subgraph and the router as processes):
// each case is what the attacker sent, and each must now be refused with a typed error naming the
// field, with nothing changed and nothing answered as INTERNAL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addVehicleVia,
  createCustomerVia,
  gql,
  login,
  startTestSystem,
  testVin,
  type GqlResponse,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let admin: string;
let manager: string;
let sales: string;

beforeAll(async () => {
  sys = await startTestSystem();
  admin = (await login(sys.routerUrl, 'admin')).accessToken;
  manager = (await login(sys.routerUrl, 'manager')).accessToken;
  sales = (await login(sys.routerUrl, 'sales')).accessToken;
});

afterAll(async () => {
  await sys?.shutdown();
});

function badInput(res: GqlResponse, field: string | RegExp): void {
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(res.errors?.[0]?.extensions?.field).toMatch(field);
  expect(res.data ?? undefined).toBeUndefined();
}

describe('bad input is BAD_USER_INPUT naming the field, never INTERNAL (weakness 7)', () => {
  const CREATE = `mutation($i: CustomerInput!) { createCustomer(input: $i, confirmNotDuplicate: true) { customer { id } } }`;

  it('a NUL byte in any string', async () => {
    const res = await gql(sys.routerUrl, CREATE, {
      token: sales,
      variables: { i: { firstName: 'Dana\u0000', lastName: 'Nul' } },
    });
    badInput(res, 'i.firstName');
    expect(res.errors![0]!.message).toMatch(/NUL/);
    const literal = await gql(
      sys.routerUrl,
      `mutation { createCustomer(input: { firstName: "A\\u0000", lastName: "B" }, confirmNotDuplicate: true) { customer { id } } }`,
      { token: sales },
    );
    badInput(literal, 'createCustomer.input.firstName');
  });

  it('a 1 MB username', async () => {
    const res = await gql(
      sys.routerUrl,
      `mutation L($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { status } }`,
      { variables: { u: 'u'.repeat(1024 * 1024 - 200), p: 'x' } },
    );
    badInput(res, 'u');
    expect(res.status).toBe(400);
  });

  it('combinedRate "", hex and out-of-range decimals', async () => {
    const SET = `mutation($input: LocalTaxRateInput!) { setLocalTaxRate(input: $input) { zip } }`;
    for (const combinedRate of ['', '0x10', '1e3', '1,000.00', '12345678901234567890']) {
      const res = await gql(sys.routerUrl, SET, {
        token: admin,
        variables: { input: { state: 'TX', zip: '78701', combinedRate } },
      });
      badInput(res, 'input.combinedRate');
    }
  });

  it('paymentGrid(apr: "1,000.00") and apr: "0x10" on a deal', async () => {
    const vehicleId = await addVehicleVia(sys.routerUrl, manager, {
      vin: testVin('1HGCM8260PA', 912_001),
      stockNumber: `ATK${Date.now()}`,
      year: 2023,
      make: 'Hyundai',
      model: 'Kona',
      mileage: 10,
      condition: 'NEW',
      msrp: '26000.00',
      listPrice: '25000.00',
      cost: '18000.00',
    });
    const buyerId = await createCustomerVia(sys.routerUrl, sales, {
      firstName: 'Grid',
      lastName: 'Attack',
    });
    const created = await gql(
      sys.routerUrl,
      `mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }`,
      {
        token: sales,
        variables: {
          i: {
            buyerId,
            vehicleId,
            dealDate: '2026-11-20',
            scenarios: [
              {
                kind: 'FINANCE',
                name: '60',
                finance: { lender: 'CU', buyRate: '5', termMonths: 60 },
              },
            ],
          },
        },
      },
    );
    const dealId = created.data?.createDeal.id as string;
    expect(dealId).toEqual(expect.any(String));
    for (const apr of ['1,000.00', '0x10']) {
      const res = await gql(
        sys.routerUrl,
        `query { deal(id: "${dealId}") { paymentGrid(terms: [60], downPayments: ["0"], apr: "${apr}") { __typename } } }`,
        { token: sales },
      );
      badInput(res, 'paymentGrid.apr');
    }
    const money = await gql(
      sys.routerUrl,
      `query($d: [Decimal!]!) { deal(id: "${dealId}") { paymentGrid(terms: [60], downPayments: $d) { __typename } } }`,
      { token: sales, variables: { d: ['0', '99999999999999'] } },
    );
    badInput(money, 'd[1]');
  });
});
