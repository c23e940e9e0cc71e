// Rate limits: the counters (in process and in a real Redis shared by two "replicas"), the limiter's
// rules, and what a client sees through the router (HTTP 429, RATE_LIMITED, Retry-After).
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MemoryCounterStore,
  RateLimiter,
  RedisCounterStore,
  type RateLimitConfig,
} from '../src/rate-limit.ts';
import { assertLoginAllowed } from '../src/rate-limit-http.ts';
import { startHarness, type Harness } from './support.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const config = (over: Partial<RateLimitConfig> = {}): RateLimitConfig => ({
  windowMs: 60_000,
  perUser: 3,
  perTenant: 5,
  perIp: 2,
  loginPerIp: 2,
  ...over,
});

describe('RateLimiter (in-process counters)', () => {
  it('limits a user, then lets them in again in the next window', async () => {
    let now = 1_000_000 * 60_000 + 10_000; // 10 s into a window
    const limiter = new RateLimiter(
      config(),
      new MemoryCounterStore(() => now),
      undefined,
      () => now,
    );
    const alice = { userId: 'alice', dealershipId: 'd1', ip: '10.0.0.1' };
    for (let i = 0; i < 3; i++) expect((await limiter.request(alice)).allowed).toBe(true);
    const refused = await limiter.request(alice);
    expect(refused).toEqual({ allowed: false, limit: 'user', retryAfterSeconds: 50 });
    now += 50_000; // the next window
    expect((await limiter.request(alice)).allowed).toBe(true);
  });

  it('counts every user of a dealership against the dealership limit', async () => {
    const limiter = new RateLimiter(config(), new MemoryCounterStore());
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push(await limiter.request({ userId: `u${i}`, dealershipId: 'd1', ip: '10.0.0.1' }));
    }
    expect(results.slice(0, 5).every((r) => r.allowed)).toBe(true);
    expect(results[5]).toMatchObject({ allowed: false, limit: 'tenant' });
    // Another dealership is not affected.
    expect(
      (await limiter.request({ userId: 'x', dealershipId: 'd2', ip: '10.0.0.1' })).allowed,
    ).toBe(true);
  });

  it('limits anonymous requests per IP but not signed-in ones', async () => {
    const limiter = new RateLimiter(config(), new MemoryCounterStore());
    await limiter.request({ ip: '10.0.0.9' });
    await limiter.request({ ip: '10.0.0.9' });
    expect(await limiter.request({ ip: '10.0.0.9' })).toMatchObject({
      allowed: false,
      limit: 'ip',
    });
    expect((await limiter.request({ ip: '10.0.0.8' })).allowed).toBe(true);
    expect(
      (await limiter.request({ userId: 'u', dealershipId: 'd', ip: '10.0.0.9' })).allowed,
    ).toBe(true);
  });

  it('fails open when the counter store is unreachable', async () => {
    const broken = {
      increment: async () => {
        throw new Error('connection refused');
      },
      close: async () => undefined,
    };
    const limiter = new RateLimiter(config({ perIp: 0 }), broken);
    expect((await limiter.request({ ip: '10.0.0.1' })).allowed).toBe(true);
  });
});

describe('sign-in attempts', () => {
  const operationOf = (query: string) => {
    const document = parse(query);
    return { document, operation: document.definitions[0] as OperationDefinitionNode };
  };

  it('counts login mutations, however written, and nothing else', async () => {
    const limiter = new RateLimiter(config({ loginPerIp: 2 }), new MemoryCounterStore());
    const plain = operationOf(
      'mutation { login(input: {username: "a", password: "b"}) { status } }',
    );
    const spread = operationOf(
      'mutation M { ...F } fragment F on Mutation { ... on Mutation { login(input: {username: "a", password: "b"}) { status } } }',
    );
    const other = operationOf('mutation { logout }');
    const query = operationOf('query { login }');
    await assertLoginAllowed(limiter, plain.document, plain.operation, '10.1.1.1');
    await assertLoginAllowed(limiter, other.document, other.operation, '10.1.1.1');
    await assertLoginAllowed(limiter, query.document, query.operation, '10.1.1.1');
    await assertLoginAllowed(limiter, spread.document, spread.operation, '10.1.1.1');
    const third = assertLoginAllowed(limiter, plain.document, plain.operation, '10.1.1.1');
    await expect(third).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED', limit: 'login', http: { status: 429 } },
    });
    // Another address still may sign in.
    await assertLoginAllowed(limiter, plain.document, plain.operation, '10.1.1.2');
  });
});

describe('RedisCounterStore (real Redis)', () => {
  const prefix = `test-${process.pid}-${Date.now()}`;
  let a: RedisCounterStore;
  let b: RedisCounterStore;
  beforeAll(async () => {
    a = new RedisCounterStore(REDIS_URL);
    b = new RedisCounterStore(REDIS_URL);
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
  });
  afterAll(async () => {
    await a.redis.del(`${prefix}:k1`, `${prefix}:k2`);
    await a.close();
    await b.close();
  });

  it('shares counts between router replicas and expires them with the window', async () => {
    expect(await a.increment([`${prefix}:k1`, `${prefix}:k2`], 5_000)).toEqual([1, 1]);
    expect(await b.increment([`${prefix}:k1`], 5_000)).toEqual([2]);
    expect(await a.increment([`${prefix}:k1`], 5_000)).toEqual([3]);
    const ttl = await a.redis.pttl(`${prefix}:k1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it('lets requests through when Redis cannot be reached', async () => {
    const down = new RedisCounterStore('redis://127.0.0.1:1');
    const limiter = new RateLimiter(config({ perIp: 0 }), down);
    expect((await limiter.request({ ip: '10.0.0.1' })).allowed).toBe(true);
    await down.close();
  });
});

describe('through the router', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimits: config({ perIp: 2, perUser: 3 }) });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers 429 RATE_LIMITED with Retry-After past the anonymous per-IP limit', async () => {
    const before = h.callCount();
    expect((await h.post({ query: '{ ping }' })).status).toBe(200);
    expect((await h.post({ query: '{ ping }' })).status).toBe(200);
    const refused = await h.post({ query: '{ ping }' }, { 'x-request-id': 'limited-1' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      requestId: 'limited-1',
    });
    expect(h.callCount()).toBe(before + 2); // the refused request reached no subgraph
  });

  it('counts a signed-in user on their own limit, not the address', async () => {
    const token = await h.jwks.sign({}, {});
    const auth = { authorization: `Bearer ${token}` };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.post({ query: '{ ping }' }, auth)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
