// A subgraph that is down: the caller gets the rest of the answer and SERVICE_UNAVAILABLE naming the
// missing subgraph (never INTERNAL, never HTTP 500); /ready says which subgraph is down.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.router.stop();
  await Promise.allSettled([h?.accounts.stop(), h?.dealers.stop(), h?.jwks.stop()]);
  h = undefined;
});

const ready = async (harness: Harness, query = '') => {
  const res = await fetch(new URL(`/ready${query}`, harness.router.url));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('a subgraph that cannot be reached', () => {
  it('leaves partial data and a typed error naming it; other operations are unaffected', async () => {
    h = await startHarness();
    const auth = { authorization: `Bearer ${await h.jwks.sign()}` };
    await h.dealers.stop();
    const res = await h.post({ query: '{ me { username dealership { name } } }' }, auth);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: { username: 'user-u1', dealership: null } });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: 'The dealers service is unavailable right now; try again shortly.',
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', service: 'dealers' }),
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect((await h.post({ query: '{ ping }' })).body).toEqual({ data: { ping: 'pong' } });
  });

  it('says a refused write was not applied, and a write cut off mid-request may have been', async () => {
    h = await startHarness();
    const auth = { authorization: `Bearer ${await h.jwks.sign()}` };
    h.accounts.dropNext();
    const cut = await h.post({ query: 'mutation { touch }' }, auth);
    expect(cut.status).toBe(200);
    expect(cut.body.errors![0]!.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      service: 'accounts',
      writeOutcome: 'UNKNOWN',
    });
    await h.accounts.stop();
    const refused = await h.post({ query: 'mutation { touch }' }, auth);
    expect(refused.body.errors![0]!.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      writeOutcome: 'NOT_APPLIED',
    });
  });

  it('is reported by /ready as degraded (still 200), and as 503 when all subgraphs are required', async () => {
    h = await startHarness();
    expect(await ready(h)).toEqual({
      status: 200,
      body: { status: 'ready', down: [], subgraphs: { accounts: 'up', dealers: 'up' } },
    });
    await h.dealers.stop();
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the probe cache
    expect(await ready(h)).toEqual({
      status: 200,
      body: {
        status: 'degraded',
        down: ['dealers'],
        subgraphs: { accounts: 'up', dealers: 'down' },
      },
    });
    expect((await ready(h, '?all=1')).status).toBe(503);
    expect((await fetch(new URL('/health', h.router.url))).status).toBe(200);
  });
});
