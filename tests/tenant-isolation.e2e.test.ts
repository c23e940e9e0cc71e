// A user of dealership B must not read dealership A's data by any route: through the router, by
// calling a subgraph directly (with and without the router's secret), or through `_entities`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gql,
  login,
  provisionOtherDealership,
  startTestSystem,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let tokenA: string; // admin of the demo dealership (A)
let tokenB: string; // admin of dealership B
let userA: string;
let dealershipB: string;

beforeAll(async () => {
  sys = await startTestSystem();
  const b = await provisionOtherDealership(sys.databaseUrl, 'rival-admin', ['admin']);
  dealershipB = b.dealership.id;
  tokenA = (await login(sys.routerUrl, 'admin')).accessToken;
  tokenB = (await login(sys.routerUrl, 'rival-admin')).accessToken;
  userA = (await gql(sys.routerUrl, '{ me { id } }', { token: tokenA })).data!.me.id;
}, 120_000);
afterAll(async () => {
  await sys?.shutdown();
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username } } }`;
const DEALERSHIP_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dealership { id name } } }`;

describe('through the router', () => {
  it("B's users list holds only B's users; A's holds only A's", async () => {
    const b = await gql(sys.routerUrl, '{ users { username } }', { token: tokenB });
    expect(b.data!.users.map((u: { username: string }) => u.username)).toEqual(['rival-admin']);
    const a = await gql(sys.routerUrl, '{ users { username } }', { token: tokenA });
    expect(a.data!.users.map((u: { username: string }) => u.username).sort()).toEqual([
      'admin',
      'finance',
      'manager',
      'sales',
      'sales2',
    ]);
  });

  it("B's me and myDealership are B's", async () => {
    const res = await gql(sys.routerUrl, '{ me { dealership { id name } } myDealership { id } }', {
      token: tokenB,
    });
    expect(res.data).toEqual({
      me: { dealership: { id: dealershipB, name: 'Rival Auto Group' } },
      myDealership: { id: dealershipB },
    });
  });

  it('the router does not expose _entities to clients', async () => {
    const res = await gql(sys.routerUrl, ENTITIES, {
      token: tokenB,
      variables: { r: [{ __typename: 'User', id: userA }] },
    });
    expect(res.data?._entities).toBeUndefined();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('calling a subgraph directly', () => {
  it('without the secret: refused before GraphQL, even for _service', async () => {
    for (const name of ['auth', 'admin']) {
      const res = await gql(sys.subgraphs[name]!.url, '{ _service { sdl } }', { token: tokenB });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data).toBeUndefined();
    }
  });

  it('with a wrong secret: refused', async () => {
    const res = await gql(sys.subgraphs.auth!.url, '{ me { id } }', {
      token: tokenA,
      headers: { 'x-subgraph-secret': 'guess' },
    });
    expect(res.status).toBe(401);
  });

  it("with the secret but B's token: _entities with A's ids answers null", async () => {
    const auth = sys.subgraphs.auth!;
    const users = await gql(auth.url, ENTITIES, {
      token: tokenB,
      headers: { 'x-subgraph-secret': auth.secret },
      variables: { r: [{ __typename: 'User', id: userA }] },
    });
    expect(users.errors).toBeUndefined();
    expect(users.data!._entities).toEqual([null]);
    const admin = sys.subgraphs.admin!;
    const dealers = await gql(admin.url, DEALERSHIP_ENTITIES, {
      token: tokenB,
      headers: { 'x-subgraph-secret': admin.secret },
      variables: { r: [{ __typename: 'Dealership', id: sys.seed.dealershipId }] },
    });
    expect(dealers.errors).toBeUndefined();
    expect(dealers.data!._entities).toEqual([null]);
  });

  it("with the secret and A's own token: _entities finds A's rows (the null above is isolation, not a bug)", async () => {
    const auth = sys.subgraphs.auth!;
    const res = await gql(auth.url, ENTITIES, {
      token: tokenA,
      headers: { 'x-subgraph-secret': auth.secret },
      variables: { r: [{ __typename: 'User', id: userA }] },
    });
    expect(res.data!._entities).toEqual([{ id: userA, username: 'admin' }]);
  });

  it('with the secret but no token: _entities is UNAUTHENTICATED', async () => {
    const auth = sys.subgraphs.auth!;
    const res = await gql(auth.url, ENTITIES, {
      headers: { 'x-subgraph-secret': auth.secret },
      variables: { r: [{ __typename: 'User', id: userA }] },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data?._entities?.[0] ?? null).toBeNull();
  });

  it('the subgraph enforces the directives itself (no router in between)', async () => {
    const sales = (await login(sys.routerUrl, 'sales')).accessToken;
    const auth = sys.subgraphs.auth!;
    const res = await gql(auth.url, '{ users { username } }', {
      token: sales,
      headers: { 'x-subgraph-secret': auth.secret },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.users).toBeUndefined();
  });
});

describe('writes', () => {
  it("B cannot change A's dealership: updateDealership only ever touches the caller's own", async () => {
    const before = await gql(sys.routerUrl, '{ myDealership { name version } }', { token: tokenA });
    const res = await gql(
      sys.routerUrl,
      'mutation($v: Int!) { updateDealership(input: { version: $v, name: "Hijacked" }) { id name } }',
      { token: tokenB, variables: { v: 1 } },
    );
    expect(res.data!.updateDealership.id).toBe(dealershipB);
    const after = await gql(sys.routerUrl, '{ myDealership { name version } }', { token: tokenA });
    expect(after.data).toEqual(before.data);
  });

  it('a stale version gets CONFLICT and changes nothing', async () => {
    const res = await gql(
      sys.routerUrl,
      'mutation { updateDealership(input: { version: 1, name: "Second Writer" }) { name } }',
      { token: tokenB },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const now = await gql(sys.routerUrl, '{ myDealership { name } }', { token: tokenB });
    expect(now.data!.myDealership.name).toBe('Hijacked');
  });

  it('bad input names the field and changes nothing', async () => {
    const res = await gql(
      sys.routerUrl,
      'mutation { updateDealership(input: { version: 2, timezone: "Mars/Olympus" }) { name } }',
      { token: tokenB },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.timezone',
    });
    const now = await gql(sys.routerUrl, '{ myDealership { timezone version } }', {
      token: tokenB,
    });
    expect(now.data!.myDealership).toEqual({ timezone: 'America/Denver', version: 2 });
  });
});
