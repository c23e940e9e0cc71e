// User administration through the router: an admin creates, edits and deactivates users of their
// dealership only; a deactivated user's token stops working across the graph within seconds; a
// role change reaches tokens the same way; without admin.users every field is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  gql,
  login,
  must,
  provisionOtherDealership,
  startTestSystem,
  type TestSystem,
} from './support.ts';

const CREATE = `mutation($input: CreateUserInput!) {
  createUser(input: $input) { id username status version roles }
}`;
const USERS = `query($filter: UserFilter, $first: Int, $after: String) {
  userAccounts(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id username status roles } }
  }
}`;
const MY_DEALERSHIP = '{ myDealership { name } }'; // the admin subgraph: it does not check sessions

let sys: TestSystem;
let adminToken: string;
let rivalToken: string;
beforeAll(async () => {
  sys = await startTestSystem();
  adminToken = (await login(sys.routerUrl, 'admin')).accessToken;
  await provisionOtherDealership(sys.database.url, 'rival-boss', ['admin']);
  rivalToken = (await login(sys.routerUrl, 'rival-boss')).accessToken;
}, 120_000);
afterAll(async () => {
  await sys?.shutdown();
});

async function refusedWithin(token: string): Promise<number> {
  const started = Date.now();
  let res = await gql(sys.routerUrl, MY_DEALERSHIP, { token });
  for (let i = 0; i < 50 && res.status !== 401; i++) {
    await new Promise((r) => setTimeout(r, 200)); // the router polls the feed every 2 s
    res = await gql(sys.routerUrl, MY_DEALERSHIP, { token });
  }
  expect(res.status).toBe(401);
  return Date.now() - started;
}

describe('user administration through the router', () => {
  it('creates a user who signs in; deactivation stops their token everywhere within seconds', async () => {
    const created = must(
      await gql(sys.routerUrl, CREATE, {
        token: adminToken,
        variables: {
          input: {
            username: 'e2e-sam',
            displayName: 'Sam E2E',
            roles: ['salesperson'],
            password: PASSWORD,
          },
        },
      }),
    ).createUser;
    expect(created).toMatchObject({ username: 'e2e-sam', status: 'ACTIVE', version: 1 });
    const sam = await login(sys.routerUrl, 'e2e-sam');
    expect(
      must(await gql(sys.routerUrl, MY_DEALERSHIP, { token: sam.accessToken })).myDealership,
    ).toBeTruthy();
    const off = must(
      await gql(sys.routerUrl, 'mutation($id: ID!) { deactivateUser(id: $id) { status active } }', {
        token: adminToken,
        variables: { id: created.id },
      }),
    ).deactivateUser;
    expect(off).toEqual({ status: 'DEACTIVATED', active: false });
    expect(await refusedWithin(sam.accessToken)).toBeLessThan(10_000);
    const again = await gql(
      sys.routerUrl,
      'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { status } }',
      {
        variables: { u: 'e2e-sam', p: PASSWORD },
      },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a change of roles reaches the user: the old token stops, a new sign-in carries the new permissions', async () => {
    const created = must(
      await gql(sys.routerUrl, CREATE, {
        token: adminToken,
        variables: {
          input: {
            username: 'e2e-max',
            displayName: 'Max',
            roles: ['salesperson'],
            password: PASSWORD,
          },
        },
      }),
    ).createUser;
    const max = await login(sys.routerUrl, 'e2e-max');
    const updated = must(
      await gql(
        sys.routerUrl,
        'mutation($id: ID!, $v: Int!, $input: UpdateUserInput!) { updateUser(id: $id, version: $v, input: $input) { roles version } }',
        {
          token: adminToken,
          variables: { id: created.id, v: created.version, input: { roles: ['manager'] } },
        },
      ),
    ).updateUser;
    expect(updated).toEqual({ roles: ['manager'], version: 2 });
    await refusedWithin(max.accessToken);
    const me = must(
      await gql(sys.routerUrl, '{ me { permissions } }', {
        token: (await login(sys.routerUrl, 'e2e-max')).accessToken,
      }),
    ).me;
    expect(me.permissions).toContain('deals.approve');
    const stale = await gql(
      sys.routerUrl,
      'mutation($id: ID!, $v: Int!, $input: UpdateUserInput!) { updateUser(id: $id, version: $v, input: $input) { version } }',
      {
        token: adminToken,
        variables: { id: created.id, v: created.version, input: { displayName: 'Lost' } },
      },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lists, searches and pages; another dealership sees and changes none of it', async () => {
    const page = must(
      await gql(sys.routerUrl, USERS, { token: adminToken, variables: { first: 2 } }),
    ).userAccounts;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const found = must(
      await gql(sys.routerUrl, USERS, {
        token: adminToken,
        variables: { filter: { search: 'e2e-', status: 'ACTIVE' } },
      }),
    ).userAccounts;
    expect(found.edges.map((e: { node: { username: string } }) => e.node.username)).toEqual([
      'e2e-max',
    ]);
    const rival = must(
      await gql(sys.routerUrl, USERS, {
        token: rivalToken,
        variables: { filter: { search: 'e2e' } },
      }),
    ).userAccounts;
    expect(rival.totalCount).toBe(0);
    const id = found.edges[0].node.id;
    for (const op of [
      'mutation($id: ID!) { deactivateUser(id: $id) { id } }',
      'mutation($id: ID!) { reactivateUser(id: $id) { id } }',
      'mutation($id: ID!) { resetUserPassword(id: $id) }',
      'mutation($id: ID!) { resendInvitation(id: $id) { id } }',
      'query($id: ID!) { userAccount(id: $id) { id } }',
    ]) {
      const res = await gql(sys.routerUrl, op, { token: rivalToken, variables: { id } });
      expect(res.errors?.[0]?.extensions?.code, op).toBe('NOT_FOUND');
    }
    const upd = await gql(
      sys.routerUrl,
      'mutation($id: ID!) { updateUser(id: $id, version: 2, input: { roles: ["admin"] }) { id } }',
      {
        token: rivalToken,
        variables: { id },
      },
    );
    expect(upd.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const still = must(
      await gql(sys.routerUrl, 'query($id: ID!) { userAccount(id: $id) { status roles } }', {
        token: adminToken,
        variables: { id },
      }),
    ).userAccount;
    expect(still).toEqual({ status: 'ACTIVE', roles: ['manager'] });
  });

  it('without admin.users every administration field is refused', async () => {
    const sales = (await login(sys.routerUrl, 'sales')).accessToken;
    const res = await gql(sys.routerUrl, USERS, { token: sales });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const create = await gql(sys.routerUrl, CREATE, {
      token: sales,
      variables: {
        input: { username: 'nope-x', displayName: 'N', roles: ['admin'], email: 'n@x.test' },
      },
    });
    expect(create.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
