// A tool that cannot reach the router reports SERVICE_UNAVAILABLE (retry later), not INTERNAL.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { codeOf, createGraphClient, type Caller } from '../src/domain/graph.ts';

const caller: Caller = {
  token: 't',
  requestId: 'r',
  userId: '00000000-0000-4000-8000-000000000002',
  dealershipId: '00000000-0000-4000-8000-000000000001',
  permissions: [],
};

/** A loopback port nothing listens on (taken, then released). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return `http://127.0.0.1:${port}/graphql`;
}

describe('ai graph client when the router is down', () => {
  it('says SERVICE_UNAVAILABLE', async () => {
    const graph = createGraphClient(await closedPortUrl(), 2_000);
    const error = await graph.request(caller, '{ me { id } }').catch((e: unknown) => e);
    expect(codeOf(error)).toBe('SERVICE_UNAVAILABLE');
  });
});
