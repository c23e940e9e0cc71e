// The audit trail end to end: a write through the router is recorded with who, request id, client
// address and user agent, and auditLog serves it — only to holders of audit.read, and only to the
// dealership it belongs to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gql,
  login,
  must,
  provisionOtherDealership,
  startTestSystem,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let admin: string;
let rival: string;
let dealershipId: string;

const AUDIT = `query($f: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $f, first: $first, after: $after) {
    edges { node { id at actor { id username kind } clientId action entityType entityId source
      changes { field from to sealed } requestId address userAgent } }
    pageInfo { hasNextPage endCursor }
  }
}`;

beforeAll(async () => {
  sys = await startTestSystem();
  await provisionOtherDealership(sys.databaseUrl, 'rival-audit', ['admin']);
  admin = (await login(sys.routerUrl, 'admin')).accessToken;
  rival = (await login(sys.routerUrl, 'rival-audit')).accessToken;
  dealershipId = must(await gql(sys.routerUrl, '{ myDealership { id } }', { token: admin }))
    .myDealership.id;
}, 300_000);
afterAll(async () => {
  await sys?.shutdown();
});

describe('a write through the router is audited', () => {
  it('updateDealership: who, what changed, request id, address and user agent', async () => {
    const { version } = must(
      await gql(sys.routerUrl, '{ myDealership { version } }', { token: admin }),
    ).myDealership;
    const res = await gql(
      sys.routerUrl,
      'mutation($i: UpdateDealershipInput!) { updateDealership(input: $i) { name } }',
      {
        token: admin,
        variables: { i: { version, name: 'Audited Motors' } },
        headers: { 'user-agent': 'AuditE2E/1.0', 'x-request-id': 'audit-e2e-req-1' },
      },
    );
    must(res);
    const log = must(
      await gql(sys.routerUrl, AUDIT, {
        token: admin,
        variables: { f: { entityType: 'Dealership', entityId: dealershipId }, first: 5 },
      }),
    ).auditLog;
    const entry = log.edges[0].node;
    expect(entry).toMatchObject({
      actor: { username: 'admin', kind: 'USER' },
      clientId: null,
      action: 'update',
      entityType: 'Dealership',
      entityId: dealershipId,
      source: 'admin',
      userAgent: 'AuditE2E/1.0',
    });
    expect(entry.changes).toContainEqual(
      expect.objectContaining({ field: 'name', to: 'Audited Motors', sealed: false }),
    );
    expect(entry.requestId).toBeTruthy();
    expect(entry.address).toBeTruthy();
  });

  it('a refused write leaves no entry', async () => {
    const before = must(
      await gql(sys.routerUrl, AUDIT, {
        token: admin,
        variables: { f: { entityType: 'Dealership' } },
      }),
    ).auditLog.edges.length;
    const res = await gql(
      sys.routerUrl,
      'mutation { updateDealership(input: { version: 1, name: "Stale" }) { name } }',
      { token: admin },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const after = must(
      await gql(sys.routerUrl, AUDIT, {
        token: admin,
        variables: { f: { entityType: 'Dealership' } },
      }),
    ).auditLog.edges.length;
    expect(after).toBe(before);
  });
});

describe('who may read it', () => {
  it('another dealership sees none of it (wrong tenant), even asking by entity id', async () => {
    const log = must(
      await gql(sys.routerUrl, AUDIT, {
        token: rival,
        variables: { f: { entityId: dealershipId } },
      }),
    ).auditLog;
    expect(log.edges).toEqual([]);
    const csv = must(
      await gql(sys.routerUrl, '{ auditLogCsv { csv rows } }', { token: rival }),
    ).auditLogCsv;
    expect(csv.csv).not.toContain(dealershipId);
  });

  it('a salesperson (no audit.read) is refused', async () => {
    const sales = (await login(sys.routerUrl, 'sales')).accessToken;
    const res = await gql(sys.routerUrl, AUDIT, { token: sales });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
