// The salesperson check asks the graph through the router: when auth (or the router) is down, the
// write is refused with SERVICE_UNAVAILABLE naming it, not INTERNAL (found by the fault suite).
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@autolytiq/tools/embedded-postgres.ts';
import { teamCheck } from '../src/domain/team-check.ts';

let router: http.Server;
let url: string;
beforeAll(async () => {
  router = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        data: null,
        errors: [{ message: 'down', extensions: { code: 'SERVICE_UNAVAILABLE', service: 'auth' } }],
      }),
    );
  });
  router.listen(0, '127.0.0.1');
  await once(router, 'listening');
  url = `http://127.0.0.1:${(router.address() as AddressInfo).port}/graphql`;
});
afterAll(() => void router?.close());

describe('teamCheck when the graph cannot answer', () => {
  it('names auth when the router says auth is unavailable', async () => {
    await expect(teamCheck(url)('token', 'r1', 'input.x', 'u1')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'auth' },
    });
  });

  it('names the router when nothing listens', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    await expect(teamCheck(closed)('token', 'r1', 'input.x', 'u1')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'router' },
    });
  });
});
