// In-flight deduplication of subgraph fetches (subgraph-fetch.ts, gateway.ts): identical query fetches
// of one caller that are in flight together reach the subgraph once; nothing else is ever shared.
// The fake subgraph holds requests at a gate, so "in flight together" is certain, not a race.
import { afterEach, describe, expect, it } from 'vitest';
import type { RouterConfig } from '../src/config.ts';
import { startHarness, type GraphQLBody, type Harness } from './support.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const USERS = 'query Users($first: Int) { users(first: $first) { id username } }';

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function sharedCount(harness: Harness): Promise<number> {
  const text = await (await fetch(new URL('/metrics', harness.router.url))).text();
  const line = text.split('\n').find((l) => l.startsWith('router_subgraph_fetches_shared_total '));
  if (!line) throw new Error('router_subgraph_fetches_shared_total missing from /metrics');
  return Number(line.split(' ')[1]);
}

async function start(overrides: Partial<RouterConfig> = {}) {
  h = await startHarness({ rateLimits: undefined, ...overrides });
  return h;
}

/**
 * Sends `first`, waits until the subgraph holds it, sends `second`, waits until the second either
 * reached the subgraph or joined the first, then releases both.
 */
async function together(
  harness: Harness,
  first: () => Promise<{ status: number; body: GraphQLBody }>,
  second: () => Promise<{ status: number; body: GraphQLBody }>,
) {
  const release = harness.accounts.hold();
  const sharedBefore = await sharedCount(harness);
  const callsBefore = harness.accounts.calls.length;
  const a = first();
  let b: ReturnType<typeof second>;
  try {
    await until('the first fetch', () => harness.accounts.calls.length === callsBefore + 1);
    b = second();
    await until(
      'the second fetch to arrive or join',
      async () =>
        harness.accounts.calls.length === callsBefore + 2 ||
        (await sharedCount(harness)) === sharedBefore + 1,
    );
  } finally {
    release();
  }
  const answers = await Promise.all([a, b]);
  return {
    answers,
    subgraphCalls: harness.accounts.calls.length - callsBefore,
    shared: (await sharedCount(harness)) - sharedBefore,
  };
}

describe('in-flight deduplication of subgraph query fetches', () => {
  it('sends identical queries of one caller once and gives each caller the whole answer', async () => {
    const harness = await start();
    const token = await harness.jwks.sign();
    const ask = () =>
      harness.post(
        { query: USERS, variables: { first: 2 } },
        { authorization: `Bearer ${token}`, 'x-request-id': `r-${Math.random()}` },
      );
    const { answers, subgraphCalls, shared } = await together(harness, ask, ask);
    expect(subgraphCalls).toBe(1);
    expect(shared).toBe(1);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        data: {
          users: [
            { id: 'u0', username: 'user-u0' },
            { id: 'u1', username: 'user-u1' },
          ],
        },
      });
    }
    // Each answer is its own object: changing one cannot change the other.
    expect(answers[0]!.body).not.toBe(answers[1]!.body);
  });

  it('never shares between two callers, even of the same dealership', async () => {
    const harness = await start();
    const alice = await harness.jwks.sign({ username: 'alice' });
    const bob = await harness.jwks.sign({ username: 'bob' });
    const ask = (token: string) => () =>
      harness.post({ query: USERS, variables: { first: 2 } }, { authorization: `Bearer ${token}` });
    const { subgraphCalls, shared } = await together(harness, ask(alice), ask(bob));
    expect(subgraphCalls).toBe(2);
    expect(shared).toBe(0);
    const tokens = harness.accounts.calls.slice(-2).map((c) => c.headers.authorization);
    expect(tokens).toEqual([`Bearer ${alice}`, `Bearer ${bob}`]);
  });

  it('never shares between different variables', async () => {
    const harness = await start();
    const token = await harness.jwks.sign();
    const ask = (first: number) => () =>
      harness.post({ query: USERS, variables: { first } }, { authorization: `Bearer ${token}` });
    const { answers, subgraphCalls } = await together(harness, ask(2), ask(3));
    expect(subgraphCalls).toBe(2);
    expect((answers[1]!.body.data!.users as unknown[]).length).toBe(3);
  });

  it('never shares mutations', async () => {
    const harness = await start();
    const token = await harness.jwks.sign();
    const touch = () =>
      harness.post({ query: 'mutation { touch }' }, { authorization: `Bearer ${token}` });
    const { answers, subgraphCalls, shared } = await together(harness, touch, touch);
    expect(subgraphCalls).toBe(2);
    expect(shared).toBe(0);
    const counts = answers.map((a) => a.body.data!.touch as number).sort();
    expect(counts[1]).toBe(counts[0]! + 1); // both ran
  });

  it("a caller's read after its own write does not join a read sent before the write", async () => {
    const harness = await start();
    const token = await harness.jwks.sign();
    const auth = { authorization: `Bearer ${token}` };
    const release = harness.accounts.hold((query) => !query.startsWith('mutation'));
    const sharedBefore = await sharedCount(harness);
    const before = harness.accounts.calls.length;
    const early = harness.post({ query: USERS, variables: { first: 1 } }, auth);
    await until('the early read', () => harness.accounts.calls.length === before + 1);
    const write = await harness.post({ query: 'mutation { touch }' }, auth); // not held
    expect(write.status).toBe(200);
    // The early read is still held at the subgraph: the late one must be a fetch of its own.
    const late = harness.post({ query: USERS, variables: { first: 1 } }, auth);
    try {
      await until('the late read', async () => harness.accounts.calls.length === before + 3);
    } finally {
      release();
    }
    expect((await early).status).toBe(200);
    expect((await late).status).toBe(200);
    expect(await sharedCount(harness)).toBe(sharedBefore);
  });

  it('can be switched off (dedupeQueries: false, ROUTER_DEDUPE_QUERIES=false)', async () => {
    const harness = await start({ dedupeQueries: false });
    const token = await harness.jwks.sign();
    const ask = () =>
      harness.post({ query: USERS, variables: { first: 2 } }, { authorization: `Bearer ${token}` });
    const { subgraphCalls, shared } = await together(harness, ask, ask);
    expect(subgraphCalls).toBe(2);
    expect(shared).toBe(0);
  });
});
