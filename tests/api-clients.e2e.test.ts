// Integration clients through the router: an admin creates a client (inventory.read only); the
// client gets a token at POST /auth/token (form body or Basic + JSON) and reads what its scope
// allows and nothing else — not customers, not writes, not another dealership's vehicles. The audit
// trail shows the client as actor. Revoked: the endpoint refuses it at once and its live token stops
// across the graph within seconds. Another dealership's admin cannot see or revoke it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addVehicleVia,
  gql,
  login,
  must,
  provisionOtherDealership,
  startTestSystem,
  testVin,
  type TestSystem,
} from './support.ts';

const CREATE = `mutation($input: CreateApiClientInput!) {
  createApiClient(input: $input) { clientId clientSecret client { id name permissions createdBy } }
}`;
const VEHICLE = 'query($id: ID!) { vehicle(id: $id) { id make } }';

let sys: TestSystem;
let tokenUrl: string;
let adminToken: string;
let rivalToken: string;
let ownVehicle: string;
let rivalVehicle: string;
let client: { clientId: string; clientSecret: string };

const vehicle = (serial: number, make: string) => ({
  vin: testVin('1HGCM826X3A', serial),
  stockNumber: `API${serial}`,
  year: 2022,
  make,
  model: 'Civic',
  mileage: 1000,
  condition: 'USED',
  listPrice: '19995.00',
});

function askToken(init: { body: string; type: string; authorization?: string }) {
  return fetch(tokenUrl, {
    method: 'POST',
    headers: {
      'content-type': init.type,
      ...(init.authorization ? { authorization: init.authorization } : {}),
    },
    body: init.body,
  });
}
const formToken = (id: string, secret: string) =>
  askToken({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: id,
      client_secret: secret,
    }).toString(),
  });

beforeAll(async () => {
  sys = await startTestSystem();
  tokenUrl = new URL('/auth/token', sys.routerUrl).toString();
  adminToken = (await login(sys.routerUrl, 'admin')).accessToken;
  await provisionOtherDealership(sys.database.url, 'api-rival', ['admin']);
  rivalToken = (await login(sys.routerUrl, 'api-rival')).accessToken;
  ownVehicle = await addVehicleVia(sys.routerUrl, adminToken, vehicle(101, 'Honda'));
  rivalVehicle = await addVehicleVia(sys.routerUrl, rivalToken, vehicle(202, 'Honda'));
  client = must(
    await gql(sys.routerUrl, CREATE, {
      token: adminToken,
      variables: { input: { name: 'DMS sync', permissions: ['inventory.read'] } },
    }),
  ).createApiClient;
}, 240_000);
afterAll(async () => {
  await sys?.shutdown();
});

describe('integration clients through the router', () => {
  it('a client token reads what its scope allows and nothing else', async () => {
    const res = await formToken(client.clientId, client.clientSecret);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'inventory.read' });
    const token = body.access_token as string;

    expect(
      must(await gql(sys.routerUrl, VEHICLE, { token, variables: { id: ownVehicle } })),
    ).toEqual({ vehicle: { id: ownVehicle, make: 'Honda' } });
    // Another dealership's vehicle does not exist for it.
    const rival = await gql(sys.routerUrl, VEHICLE, { token, variables: { id: rivalVehicle } });
    expect(rival.errors).toBeUndefined();
    expect(rival.data).toEqual({ vehicle: null });
    // Outside its scope: customers and writes are FORBIDDEN.
    const customers = await gql(sys.routerUrl, '{ customers { edges { node { id } } } }', {
      token,
    });
    expect(customers.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const write = await gql(
      sys.routerUrl,
      'mutation($i: AddVehicleInput!) { addVehicle(input: $i) { id } }',
      { token, variables: { i: vehicle(303, 'Acura') } },
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const manage = await gql(sys.routerUrl, '{ apiClients { id } }', { token });
    expect(manage.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('Basic credentials with a JSON body; wrong secrets and grants get RFC 6749 errors', async () => {
    const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
    const ok = await askToken({
      type: 'application/json',
      authorization: basic,
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(ok.status).toBe(200);
    const wrong = await formToken(client.clientId, `${client.clientSecret}x`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await askToken({
      type: 'application/x-www-form-urlencoded',
      body: 'grant_type=password&username=admin&password=x',
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('the audit trail shows the client as the actor of its token', async () => {
    const log = must(
      await gql(
        sys.routerUrl,
        `query($f: AuditLogFilter) { auditLog(filter: $f, first: 20) {
          edges { node { action clientId actor { username kind } } } } }`,
        {
          token: adminToken,
          variables: { f: { entityType: 'ApiClient', entityId: client.clientId } },
        },
      ),
    ).auditLog.edges.map((e: { node: unknown }) => e.node);
    expect(log).toContainEqual({
      action: 'token',
      clientId: client.clientId,
      actor: { username: 'DMS sync', kind: 'CLIENT' },
    });
    expect(log.at(-1)).toMatchObject({ action: 'create', clientId: null });
  });

  it("another dealership's admin neither sees nor revokes it", async () => {
    const list = must(await gql(sys.routerUrl, '{ apiClients { id } }', { token: rivalToken }));
    expect(list.apiClients).toEqual([]);
    const revoke = await gql(sys.routerUrl, 'mutation($id: ID!) { revokeApiClient(id: $id) }', {
      token: rivalToken,
      variables: { id: client.clientId },
    });
    expect(revoke.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await formToken(client.clientId, client.clientSecret)).status).toBe(200);
  });

  it('revoked: refused at the endpoint at once, its live token stops within seconds', async () => {
    const token = (
      (await (await formToken(client.clientId, client.clientSecret)).json()) as {
        access_token: string;
      }
    ).access_token;
    expect(
      must(
        await gql(sys.routerUrl, 'mutation($id: ID!) { revokeApiClient(id: $id) }', {
          token: adminToken,
          variables: { id: client.clientId },
        }),
      ).revokeApiClient,
    ).toBe(true);
    expect((await formToken(client.clientId, client.clientSecret)).status).toBe(401);
    let res = await gql(sys.routerUrl, VEHICLE, { token, variables: { id: ownVehicle } });
    for (let i = 0; i < 50 && res.status !== 401; i++) {
      await new Promise((r) => setTimeout(r, 200)); // the router polls the feed every 2 s
      res = await gql(sys.routerUrl, VEHICLE, { token, variables: { id: ownVehicle } });
    }
    expect(res.status).toBe(401);
  });
});
