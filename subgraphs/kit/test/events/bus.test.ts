// The event bus over real Redis (127.0.0.1:6379) and in-process: tenant scoping, the tenant re-check,
// reference-counted channels (no Redis subscription left behind), and two buses sharing one Redis
// each delivering every event once to their own listeners.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MemoryEventBus,
  RedisEventBus,
  busIterator,
  channelOf,
  type BusMessage,
  type EventBus,
} from '../../src/index.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const opened: EventBus[] = [];
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close()));
});

function redisBus(): RedisEventBus {
  const bus = new RedisEventBus(REDIS_URL);
  opened.push(bus);
  return bus;
}

/** Resolves once `n` messages arrived (or after `ms` with what arrived). */
function collect(bus: EventBus, tenant: string, topic: string) {
  const got: BusMessage[] = [];
  const ready = bus.subscribe(tenant, topic, (m) => void got.push(m));
  return { got, ready };
}

const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['in-process', () => new MemoryEventBus()],
  ['Redis', () => redisBus()],
])('%s bus', (_name, make) => {
  it('delivers a tenant its own events only', async () => {
    const bus = make();
    const [a, b] = [randomUUID(), randomUUID()];
    const onA = collect(bus, a, 'deals');
    const onB = collect(bus, b, 'deals');
    const stopA = await onA.ready;
    const stopB = await onB.ready;
    await bus.publish(a, 'deals', { n: 1 });
    await bus.publish(b, 'deals', { n: 2 });
    await bus.publish(a, 'presence', { n: 3 });
    await settle();
    expect(onA.got.map((m) => m.payload)).toEqual([{ n: 1 }]);
    expect(onB.got.map((m) => m.payload)).toEqual([{ n: 2 }]);
    expect(onA.got[0]!.dealershipId).toBe(a);
    await stopA();
    await stopB();
    expect(bus.stats()).toEqual({ channels: 0, listeners: 0 });
  });

  it('refuses channel names that are not a tenant id and a topic', async () => {
    const bus = make();
    await expect(bus.publish('not-a-uuid', 'deals', {})).rejects.toThrow(/UUID/);
    expect(() => channelOf(randomUUID(), 'Deals:*')).toThrow(/topic/);
  });

  it('iterates with a filter and ends cleanly on return()', async () => {
    const bus = make();
    const tenant = randomUUID();
    const it1 = await busIterator<{ dealId: string }>(bus, tenant, 'deals', {
      filter: (p) => p.dealId === 'x',
    });
    await bus.publish(tenant, 'deals', { dealId: 'y' });
    await bus.publish(tenant, 'deals', { dealId: 'x' });
    expect((await it1.next()).value).toEqual({ dealId: 'x' });
    const pending = it1.next();
    await it1.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(bus.stats().listeners).toBe(0);
  });
});

describe('Redis bus', () => {
  it('subscribes a channel once for many listeners and unsubscribes with the last', async () => {
    const bus = redisBus();
    const tenant = randomUUID();
    const pattern = `t:${tenant}:*`;
    const stops = await Promise.all(
      [1, 2, 3].map(() => bus.subscribe(tenant, 'deals', () => undefined)),
    );
    expect(await bus.redisChannels(pattern)).toBe(1);
    await stops[0]!();
    await stops[1]!();
    expect(await bus.redisChannels(pattern)).toBe(1);
    await stops[2]!();
    await stops[2]!(); // idempotent
    expect(await bus.redisChannels(pattern)).toBe(0);
    expect(bus.stats()).toEqual({ channels: 0, listeners: 0 });
  });

  it('two processes sharing one Redis: each delivers every event once to its own listeners', async () => {
    const [one, two, publisher] = [redisBus(), redisBus(), redisBus()];
    const tenant = randomUUID();
    const onOne = collect(one, tenant, 'deals');
    const onTwo = collect(two, tenant, 'deals');
    await onOne.ready;
    await onTwo.ready;
    for (let i = 0; i < 20; i++) await publisher.publish(tenant, 'deals', { i });
    await settle(300);
    const expected = Array.from({ length: 20 }, (_, i) => ({ i }));
    expect(onOne.got.map((m) => m.payload)).toEqual(expected);
    expect(onTwo.got.map((m) => m.payload)).toEqual(expected);
  });

  it('drops a message whose tenant does not match its channel', async () => {
    const bus = redisBus();
    const [a, b] = [randomUUID(), randomUUID()];
    const onA = collect(bus, a, 'deals');
    await onA.ready;
    // Forged: published on A's channel but naming B (what a bug in a publisher could do).
    const raw = redisBus() as unknown as {
      pub: { publish(c: string, m: string): Promise<number> };
    };
    await raw.pub.publish(
      channelOf(a, 'deals'),
      JSON.stringify({ dealershipId: b, topic: 'deals', payload: 1 }),
    );
    await bus.publish(a, 'deals', 2);
    await settle();
    expect(onA.got.map((m) => m.payload)).toEqual([2]);
  });
});
