// Issue 12's attacks replayed against the real system (every subgraph and the router as processes):
// each case is what the attacker sent, and each must now be refused with a typed error naming the
// field, with nothing changed and nothing answered as INTERNAL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addVehicleVia,
  createCustomerVia,
  gql,
  LOGIN,
  PASSWORD,
  login,
  must,
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
}, 300_000); // eight processes starting at once on a shared 2-core machine

afterAll(async () => {
  await sys?.shutdown();
});

let serial = 913_000;
/** A finance deal opened by `token`'s user (setup: throws on errors); `extra` goes into the input. */
async function newDeal(token: string, extra: Record<string, unknown> = {}) {
  serial += 1;
  const vehicleId = await addVehicleVia(sys.routerUrl, manager, {
    vin: testVin('1HGCM8260PA', serial),
    stockNumber: `ATK${Date.now()}${serial}`,
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
    lastName: `Attack${serial}`,
    addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
  });
  const created = await gql(
    sys.routerUrl,
    `mutation($i: CreateDealInput!) { createDeal(input: $i) { id version } }`,
    {
      token,
      variables: {
        i: {
          buyerId,
          vehicleId,
          dealDate: '2026-11-20',
          scenarios: [
            { kind: 'FINANCE', name: '60', finance: { lender: 'CU', apr: '6.9', termMonths: 60 } },
          ],
          ...extra,
        },
      },
    },
  );
  return must(created).createDeal as { id: string; version: number };
}

const me = async (token: string) =>
  must(await gql(sys.routerUrl, '{ me { id } }', { token })).me.id as string;

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
    const { id: dealId } = await newDeal(sales);
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

function refused(res: GqlResponse, code: string): void {
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
}

describe('separation of duties (weakness 2)', () => {
  const SUBMIT = `mutation($id: ID!, $v: Int!) { submitDeal(id: $id, version: $v) { id version } }`;
  const APPROVE = `mutation($id: ID!, $v: Int!) { approveDeal(id: $id, version: $v) { status } }`;

  it('a deal names only active users of the dealership', async () => {
    const ghost = '5f0c7a52-2f7e-4a3c-9d0e-0b8f4f1e2a77';
    for (const field of ['salespersonId', 'salesManagerId']) {
      await expect(newDeal(manager, { [field]: ghost })).rejects.toThrow(
        new RegExp(`input.${field}`),
      );
    }
    const deal = await newDeal(manager, { salespersonId: await me(sales) });
    const res = await gql(
      sys.routerUrl,
      `mutation($id: ID!, $v: Int!, $p: DealPatch!) { updateDeal(id: $id, version: $v, input: $p) { id } }`,
      { token: manager, variables: { id: deal.id, v: deal.version, p: { salespersonId: ghost } } },
    );
    badInput(res, 'input.salespersonId');
  });

  it("a customer's assigned salesperson is an active user of the dealership", async () => {
    const CREATE = `mutation($i: CustomerInput!) { createCustomer(input: $i, confirmNotDuplicate: true) { customer { id assignedSalesperson { id } } } }`;
    const ghost = await gql(sys.routerUrl, CREATE, {
      token: sales,
      variables: {
        i: { lastName: 'Assignee', assignedSalespersonId: '5f0c7a52-2f7e-4a3c-9d0e-0b8f4f1e2a77' },
      },
    });
    badInput(ghost, 'input.assignedSalespersonId');
    const salesId = await me(sales);
    const real = must(
      await gql(sys.routerUrl, CREATE, {
        token: sales,
        variables: { i: { lastName: 'Assignee', assignedSalespersonId: salesId } },
      }),
    );
    expect(real.createCustomer.customer.assignedSalesperson.id).toBe(salesId);
  });

  it('a manager cannot approve a deal he wrote, whoever he names as salesperson', async () => {
    // The attack: create with someone else as salesperson, submit, approve.
    const deal = await newDeal(manager, { salespersonId: await me(sales) });
    const submitted = must(
      await gql(sys.routerUrl, SUBMIT, {
        token: manager,
        variables: { id: deal.id, v: deal.version },
      }),
    ).submitDeal as { version: number };
    const approve = await gql(sys.routerUrl, APPROVE, {
      token: manager,
      variables: { id: deal.id, v: submitted.version },
    });
    refused(approve, 'FORBIDDEN');
    expect(approve.errors![0]!.message).toMatch(/another manager/);
  });
});

describe('gross stays with deals.gross.read (weaknesses 3 and 4)', () => {
  it('sales may not write reconditioning or product costs', async () => {
    const deal = await newDeal(sales);
    const UPDATE = `mutation($id: ID!, $v: Int!, $p: DealPatch!) { updateDeal(id: $id, version: $v, input: $p) { id } }`;
    for (const p of [
      { reconditioning: '-3000' },
      { products: [{ kind: 'GAP', price: '795', cost: '0' }] },
    ]) {
      const res = await gql(sys.routerUrl, UPDATE, {
        token: sales,
        variables: { id: deal.id, v: deal.version, p },
      });
      refused(res, 'FORBIDDEN');
    }
  });

  it('sales sees the sell rate, not the buy rate, markup or reserve share', async () => {
    const deal = await newDeal(manager, {
      scenarios: [
        {
          kind: 'FINANCE',
          finance: { lender: 'CU', buyRate: '5.00', rateMarkup: '1.50', termMonths: 60 },
        },
      ],
    });
    const READ = `query($id: ID!) { deal(id: $id) { scenarios { finance { apr buyRate rateMarkup } } } }`;
    const asSales = must(
      await gql(sys.routerUrl, READ, { token: sales, variables: { id: deal.id } }),
    );
    expect(asSales.deal.scenarios[0].finance).toEqual({
      apr: '6.50',
      buyRate: null,
      rateMarkup: null,
    });
    const asManager = must(
      await gql(sys.routerUrl, READ, { token: manager, variables: { id: deal.id } }),
    );
    expect(asManager.deal.scenarios[0].finance).toEqual({
      apr: '6.50',
      buyRate: '5.00',
      rateMarkup: '1.50',
    });
    refused(
      await gql(sys.routerUrl, '{ dealSettings { reserveShare } }', { token: sales }),
      'FORBIDDEN',
    );
  });
});

describe('date of birth is no duplicate-check oracle (weakness 1)', () => {
  it('sales learns nothing from guessing dates; createCustomer neither', async () => {
    await createCustomerVia(sys.routerUrl, manager, {
      firstName: 'Dob',
      lastName: 'Oracle',
      dateOfBirth: '1969-07-20',
    });
    // 25 aliased guesses per request, the right one among them.
    const fields = Array.from({ length: 25 }, (_v, i) => {
      const day = String(i + 1).padStart(2, '0');
      return `g${i}: possibleDuplicates(input: { firstName: "Dob", lastName: "Oracle", dateOfBirth: "1969-07-${day}" }) { id }`;
    });
    const res = await gql(sys.routerUrl, `{ ${fields.join(' ')} }`, { token: sales });
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data!).every((hits) => (hits as unknown[]).length === 0)).toBe(true);
    const created = must(
      await gql(
        sys.routerUrl,
        `mutation { createCustomer(input: { firstName: "Dee", lastName: "Oracle", dateOfBirth: "1969-07-20" }) { customer { id } duplicates { id } } }`,
        { token: sales },
      ),
    );
    expect(created.createCustomer.duplicates).toEqual([]);
  });
});

describe('nobody can lock another user out (weakness 5, with the identity lockout)', () => {
  it('ten wrong passwords from one address leave the user able to sign in from another', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 10; i += 1) {
      const wrong = await gql(sys.routerUrl, LOGIN, {
        variables: { u: 'finance', p: `wrong-password-${i}` },
        headers: from('203.0.113.66'),
      });
      expect(wrong.data?.login?.accessToken ?? null).toBeNull();
      expect(wrong.errors?.[0]?.extensions?.code).not.toBe('INTERNAL');
    }
    const real = await gql(sys.routerUrl, LOGIN, {
      variables: { u: 'finance', p: PASSWORD },
      headers: from('198.51.100.20'),
    });
    expect(real.errors).toBeUndefined();
    expect(real.data?.login).toMatchObject({
      status: 'SIGNED_IN',
      accessToken: expect.any(String),
    });
  });
});

describe('ended sessions at the subgraphs themselves (hardening)', () => {
  it('a signed-out token is refused by a subgraph called directly, not only by the router', async () => {
    const { accessToken } = await login(sys.routerUrl, 'admin');
    const deals = sys.subgraphs.deals!;
    const direct = () =>
      fetch(deals.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-subgraph-secret': deals.secret,
          authorization: `Bearer ${accessToken}`,
        },
        body: JSON.stringify({ query: '{ dealSettings { defaultDocFee } }' }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as GqlResponse }));
    expect((await direct()).body.errors).toBeUndefined();
    must(await gql(sys.routerUrl, 'mutation { logout }', { token: accessToken }));
    // Within a poll interval (2 s) of the sign-out.
    await vi.waitFor(
      async () => {
        const after = await direct();
        expect(after.status).toBe(401);
        expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      },
      { timeout: 15_000, interval: 250 },
    );
  });
});
