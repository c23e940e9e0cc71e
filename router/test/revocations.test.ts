// The router's list of ended sessions, against a stand-in of the auth subgraph's feed on loopback.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@autolytiq/kit/core';
import { RevocationList, refuseRevoked } from '@autolytiq/kit/core';

const SECRET = 'auth-secret-0123456789';
let feed: http.Server;
let url: string;
let sessions: Array<{ id: string; revokedAt: number }> = [];
let down = false;
const sinceSeen: number[] = [];

beforeAll(async () => {
  feed = http.createServer((req, res) => {
    const since = Number(new URL(req.url!, 'http://x').searchParams.get('since'));
    sinceSeen.push(since);
    if (down) return void res.writeHead(503).end();
    if (req.headers['x-subgraph-secret'] !== SECRET) return void res.writeHead(401).end();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ asOf: 1_000 + sinceSeen.length, sessions }));
  });
  feed.listen(0, '127.0.0.1');
  await once(feed, 'listening');
  url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/internal/revoked-sessions`;
});
afterAll(() => {
  feed.closeAllConnections();
  feed.close();
});

const logger = pino({ level: 'silent' });
const principal = (sessionId: string): Principal => ({
  userId: 'u1',
  dealershipId: 'd1',
  sessionId,
  username: 'alice',
  roles: [],
  permissions: [],
});

describe('RevocationList', () => {
  it('learns ended sessions from the feed and passes its cursor back', async () => {
    const list = new RevocationList({ url, secret: SECRET, pollMs: 60_000 }, logger);
    sessions = [{ id: 's-ended', revokedAt: Date.now() }];
    expect(await list.poll()).toBe(true);
    expect(list.has('s-ended')).toBe(true);
    expect(list.has('s-live')).toBe(false);
    sessions = [];
    await list.poll();
    expect(sinceSeen.at(-1)).toBe(1_000 + sinceSeen.length - 1); // the previous answer's asOf
    expect(list.has('s-ended')).toBe(true); // remembered, not only while the feed repeats it
  });

  it('keeps what it knows when the feed is down, and says so', async () => {
    const list = new RevocationList({ url, secret: SECRET, pollMs: 60_000 }, logger);
    sessions = [{ id: 's-x', revokedAt: Date.now() }];
    await list.poll();
    down = true;
    expect(await list.poll()).toBe(false);
    expect(list.has('s-x')).toBe(true);
    down = false;
  });

  it('refuses a verified token whose session has ended, and only that one', async () => {
    const list = new RevocationList({ url, secret: SECRET, pollMs: 60_000 }, logger);
    sessions = [{ id: 's-gone', revokedAt: Date.now() }];
    await list.poll();
    const verify = refuseRevoked(async (token) => principal(token), list);
    await expect(verify('s-gone')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(verify('s-here')).resolves.toMatchObject({ sessionId: 's-here' });
  });

  it('forgets a session once every token of it has expired', async () => {
    const list = new RevocationList({ url, secret: SECRET, pollMs: 60_000 }, logger);
    sessions = [{ id: 's-old', revokedAt: Date.now() - 17 * 60_000 }];
    await list.poll();
    expect(list.has('s-old')).toBe(false);
  });
});
