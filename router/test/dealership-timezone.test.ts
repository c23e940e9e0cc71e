// The router learns each dealership's time zone from the admin subgraph (as the caller, with the
// admin subgraph's secret), caches it, and puts it on the verified principal; a failed lookup leaves
// the request without it.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@autolytiq/kit/core';
import { dealershipTimezones } from '../src/dealership-timezone.ts';
import { AuthFailure } from '../src/request-context.ts';

const seen: Array<{ authorization?: string; secret?: string; body: string }> = [];
let answer: () => { status: number; body: unknown } = () => ({ status: 200, body: {} });
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        authorization: req.headers.authorization,
        secret: req.headers['x-subgraph-secret'] as string | undefined,
        body,
      });
      const { status, body: out } = answer();
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(() => server?.close());

const principal = (dealershipId: string): Principal => ({
  userId: 'u1',
  dealershipId,
  sessionId: 's1',
  username: 'sales',
  roles: ['salesperson'],
  permissions: [],
});

describe('dealership time zones', () => {
  it('asks admin once per dealership as the caller and sets the zone on the principal', async () => {
    answer = () => ({
      status: 200,
      body: { data: { myDealership: { timezone: 'America/Chicago' } } },
    });
    let clock = 0;
    const tz = dealershipTimezones(
      { url, secret: 'admin-secret' },
      pino({ level: 'silent' }),
      () => clock,
    );
    // The token cache hands out frozen principals.
    const authenticate = tz.withTimezones(async () => Object.freeze(principal('d1')));
    seen.length = 0;
    const first = await authenticate('Bearer token-1');
    const second = await authenticate('Bearer token-1');
    expect(first).toMatchObject({ dealershipId: 'd1', timezone: 'America/Chicago' });
    expect(second).toMatchObject({ timezone: 'America/Chicago' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ authorization: 'Bearer token-1', secret: 'admin-secret' });
    expect(JSON.parse(seen[0]!.body).query).toContain('myDealership');
    clock += 11 * 60_000; // stale after ten minutes: asked again
    await authenticate('Bearer token-1');
    expect(seen).toHaveLength(2);
  });

  it('leaves the zone out when admin fails, and passes refusals and anonymous calls through', async () => {
    answer = () => ({ status: 500, body: { errors: [{ message: 'down' }] } });
    const tz = dealershipTimezones({ url, secret: 's' }, pino({ level: 'silent' }));
    const signedIn = await tz.withTimezones(async () => principal('d2'))('Bearer t');
    expect(signedIn).toMatchObject({ dealershipId: 'd2' });
    expect((signedIn as Principal).timezone).toBeUndefined();
    const refused = new AuthFailure(new Error('x') as never);
    expect(await tz.withTimezones(async () => refused)('Bearer bad')).toBe(refused);
    seen.length = 0;
    expect(await tz.withTimezones(async () => undefined)(undefined)).toBeUndefined();
    expect(seen).toHaveLength(0);
  });
});
