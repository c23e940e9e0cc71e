// POST /internal/service-token: only with the shared secret, only for known services, a short-lived
// token carrying only that service's permissions for one dealership. No human role holds them.
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { jwtVerify, createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, openDatabase, type Database } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { KeyManager } from '../src/domain/key-manager.ts';
import { BUILT_IN_ROLES, SERVICE_ONLY } from '../src/domain/permissions.ts';
import { serviceTokenRoute, SERVICE_PERMISSIONS } from '../src/routes/service-token.ts';
import { migrations } from '../src/migrations/index.ts';

const SECRET = 'service-token-test-secret-0123456789abcdef';
let testDb: TestDatabase;
let db: Database;
let keys: KeyManager;
let server: Server;
let url: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  keys = await KeyManager.open(db, 'service-token-key-secret-0123456789abcdef');
  const app = express();
  serviceTokenRoute(app, keys, SECRET, createLogger('auth-test', 'silent'));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/service-token`;
});
afterAll(async () => {
  server?.close();
  await db?.close();
  await testDb?.drop();
});

function ask(body: unknown, secret?: string) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-service-token-secret': secret } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('service tokens', () => {
  it('issues a 5-minute RS256 token for service:deals with only inventory.status.write', async () => {
    const dealershipId = randomUUID();
    const res = await ask({ service: 'deals', dealershipId }, SECRET);
    expect(res.status).toBe(200);
    const { accessToken } = (await res.json()) as { accessToken: string };
    const { payload, protectedHeader } = await jwtVerify(
      accessToken,
      createLocalJWKSet(keys.jwks()),
      {
        issuer: 'autolytiq-auth',
        audience: 'autolytiq',
      },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: 'service:deals',
      dealershipId,
      permissions: ['inventory.status.write'],
      roles: ['service'],
    });
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it('issues service:ml a token that only reads deals and customers', async () => {
    const dealershipId = randomUUID();
    const res = await ask({ service: 'ml', dealershipId }, SECRET);
    expect(res.status).toBe(200);
    const { accessToken } = (await res.json()) as { accessToken: string };
    const { payload } = await jwtVerify(accessToken, createLocalJWKSet(keys.jwks()), {
      issuer: 'autolytiq-auth',
      audience: 'autolytiq',
    });
    expect(payload).toMatchObject({
      sub: 'service:ml',
      dealershipId,
      permissions: ['deals.read', 'customers.read'],
    });
  });

  it('refuses a missing or wrong secret, unknown services and bad dealership ids', async () => {
    expect((await ask({ service: 'deals', dealershipId: randomUUID() })).status).toBe(401);
    expect((await ask({ service: 'deals', dealershipId: randomUUID() }, `${SECRET}x`)).status).toBe(
      401,
    );
    expect((await ask({ service: 'nobody', dealershipId: randomUUID() }, SECRET)).status).toBe(400);
    expect((await ask({ service: 'deals', dealershipId: 'nope' }, SECRET)).status).toBe(400);
  });

  it("no built-in role holds a service-only permission, and each is some service's", () => {
    // Services may also read what people read (ml: deals.read); the service-only ones stay theirs.
    const servicePerms = new Set(Object.values(SERVICE_PERMISSIONS).flat());
    for (const p of SERVICE_ONLY) expect(servicePerms.has(p), p).toBe(true);
    for (const role of BUILT_IN_ROLES) {
      expect(
        role.permissions.filter((p) => SERVICE_ONLY.includes(p)),
        role.name,
      ).toEqual([]);
    }
  });
});
