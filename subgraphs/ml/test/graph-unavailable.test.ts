// When the router or a subgraph behind it is down, ml's graph reads say SERVICE_UNAVAILABLE (naming
// the service) rather than INTERNAL, so the caller knows retrying later is expected to work.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { graphTeamDirectory, type ServiceTokens } from '../src/domain/graph-source.ts';

const tokens: ServiceTokens = { tokenFor: async () => 'service-token' };
const dealershipId = '00000000-0000-4000-8000-000000000001';
let server: Server | undefined;

afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A loopback stand-in for the router answering every request with `body`. */
async function routerAnswering(body: object): Promise<string> {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<string> {
  const url = await routerAnswering({});
  await new Promise<void>((done) => server!.close(() => done()));
  server = undefined;
  return url;
}

describe('ml graph reads when something is down', () => {
  it('names the router when it cannot be reached', async () => {
    const directory = graphTeamDirectory(await closedPort(), tokens);
    await expect(directory.read(dealershipId)).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'router' },
    });
  });

  it('passes on the service the router names', async () => {
    const url = await routerAnswering({
      data: null,
      errors: [{ message: 'down', extensions: { code: 'SERVICE_UNAVAILABLE', service: 'auth' } }],
    });
    await expect(graphTeamDirectory(url, tokens).read(dealershipId)).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'auth' },
    });
  });

  it('keeps INTERNAL for other graph errors', async () => {
    const url = await routerAnswering({ errors: [{ message: 'boom' }] });
    await expect(graphTeamDirectory(url, tokens).read(dealershipId)).rejects.toMatchObject({
      extensions: { code: 'INTERNAL' },
    });
  });
});
