// The tenant-scoped event bus subscriptions stream from. A channel is always `t:<dealershipId>:<topic>`:
// a publisher names the tenant it writes for and a subscriber the tenant of its verified token, so no
// API here can listen across dealerships. Every message also carries its tenant, and delivery checks
// it again (defence in depth against a mis-built channel name).
//
// With REDIS_URL the bus is Redis pub/sub, so every replica of every process sees every event; without
// it an in-process bus serves one process set (`npm start`). Redis needs two connections: one in
// SUBSCRIBE mode (which can do nothing else) and one to PUBLISH. Channels are reference-counted: the
// Redis SUBSCRIBE happens for the first local listener and the UNSUBSCRIBE with the last, so a
// finished subscription leaves no Redis subscription behind (`stats()` counts them for tests).
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isUuid } from '../ids.ts';

/** What a listener receives: the payload as published, with the tenant it was published for. */
export interface BusMessage<T = unknown> {
  dealershipId: string;
  topic: string;
  payload: T;
}

export type BusListener<T = unknown> = (message: BusMessage<T>) => void;

export interface EventBus {
  /** Publishes to `t:<dealershipId>:<topic>`. Call it after the change committed. */
  publish(dealershipId: string, topic: string, payload: unknown): Promise<void>;
  /** Listens on one tenant's topic until the returned function is called (idempotent). */
  subscribe<T>(
    dealershipId: string,
    topic: string,
    listener: BusListener<T>,
  ): Promise<() => Promise<void>>;
  /** Channels subscribed (in Redis, for the Redis bus) and local listeners: for leak tests. */
  stats(): { channels: number; listeners: number };
  close(): Promise<void>;
}

const TOPIC = /^[a-z][a-z0-9._-]{0,63}$/;

export function channelOf(dealershipId: string, topic: string): string {
  if (!isUuid(dealershipId)) throw new Error('event bus: dealershipId must be a UUID');
  if (!TOPIC.test(topic)) throw new Error(`event bus: bad topic "${topic}"`);
  return `t:${dealershipId.toLowerCase()}:${topic}`;
}

/** Local fan-out shared by both buses: channel → listeners, with the tenant re-check. */
class Listeners {
  readonly byChannel = new Map<string, Set<BusListener>>();

  add(channel: string, listener: BusListener): boolean {
    let set = this.byChannel.get(channel);
    const first = !set;
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(listener);
    return first;
  }

  /** Removes; true when the channel has no listener left. */
  remove(channel: string, listener: BusListener): boolean {
    const set = this.byChannel.get(channel);
    if (!set) return false;
    set.delete(listener);
    if (set.size > 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  deliver(channel: string, message: BusMessage, logger?: Logger): void {
    const set = this.byChannel.get(channel);
    if (!set) return;
    // The channel names the tenant; the message must name the same one or it is dropped.
    if (channel !== `t:${String(message.dealershipId).toLowerCase()}:${message.topic}`) {
      logger?.warn({ channel }, 'event bus: message tenant does not match its channel; dropped');
      return;
    }
    for (const listener of [...set]) {
      try {
        listener(message);
      } catch (error) {
        logger?.error({ err: error, channel }, 'event bus listener failed');
      }
    }
  }

  count(): number {
    let n = 0;
    for (const set of this.byChannel.values()) n += set.size;
    return n;
  }
}

export class MemoryEventBus implements EventBus {
  private readonly listeners = new Listeners();

  constructor(private readonly logger?: Logger) {}

  async publish(dealershipId: string, topic: string, payload: unknown): Promise<void> {
    const channel = channelOf(dealershipId, topic);
    const message: BusMessage = { dealershipId: dealershipId.toLowerCase(), topic, payload };
    // Asynchronous like Redis: a publisher never runs subscribers' code inside its own call.
    queueMicrotask(() => this.listeners.deliver(channel, message, this.logger));
  }

  async subscribe<T>(dealershipId: string, topic: string, listener: BusListener<T>) {
    const channel = channelOf(dealershipId, topic);
    const l = listener as BusListener;
    this.listeners.add(channel, l);
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      this.listeners.remove(channel, l);
    };
  }

  stats() {
    return { channels: this.listeners.byChannel.size, listeners: this.listeners.count() };
  }

  async close(): Promise<void> {
    this.listeners.byChannel.clear();
  }
}

export class RedisEventBus implements EventBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Listeners();
  /** SUBSCRIBE/UNSUBSCRIBE per channel run one after another, so counts and Redis agree. */
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(
    url: string,
    private readonly logger?: Logger,
  ) {
    this.pub = new Redis(url, { maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { maxRetriesPerRequest: 2 });
    for (const r of [this.pub, this.sub]) {
      r.on('error', (error) => this.logger?.warn({ err: error }, 'event bus: Redis error'));
    }
    this.sub.on('message', (channel: string, text: string) => {
      let message: BusMessage;
      try {
        message = JSON.parse(text) as BusMessage;
      } catch {
        this.logger?.warn({ channel }, 'event bus: unreadable message dropped');
        return;
      }
      this.listeners.deliver(channel, message, this.logger);
    });
  }

  async publish(dealershipId: string, topic: string, payload: unknown): Promise<void> {
    const channel = channelOf(dealershipId, topic);
    const message: BusMessage = { dealershipId: dealershipId.toLowerCase(), topic, payload };
    await this.pub.publish(channel, JSON.stringify(message));
  }

  private serial(channel: string, step: () => Promise<unknown>): Promise<unknown> {
    const before = this.pending.get(channel) ?? Promise.resolve();
    const next = before.then(step, step);
    this.pending.set(channel, next);
    void next.finally(() => {
      if (this.pending.get(channel) === next) this.pending.delete(channel);
    });
    return next;
  }

  async subscribe<T>(dealershipId: string, topic: string, listener: BusListener<T>) {
    const channel = channelOf(dealershipId, topic);
    const l = listener as BusListener;
    if (this.listeners.add(channel, l)) {
      try {
        await this.serial(channel, () => this.sub.subscribe(channel));
      } catch (error) {
        this.listeners.remove(channel, l);
        throw error;
      }
    }
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      if (this.listeners.remove(channel, l)) {
        await this.serial(channel, async () => {
          // Someone may have subscribed again meanwhile: then the channel stays.
          if (!this.listeners.byChannel.has(channel)) await this.sub.unsubscribe(channel);
        }).catch((error: unknown) =>
          this.logger?.warn({ err: error, channel }, 'event bus: unsubscribe failed'),
        );
      }
    };
  }

  stats() {
    return { channels: this.listeners.byChannel.size, listeners: this.listeners.count() };
  }

  /** Channels Redis itself has this connection subscribed to (what a leak test should count). */
  async redisChannels(pattern = 't:*'): Promise<number> {
    const channels = (await this.pub.call('pubsub', 'channels', pattern)) as string[];
    return channels.length;
  }

  async close(): Promise<void> {
    this.listeners.byChannel.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

/** Redis when a URL is given, else the in-process bus. */
export function createEventBus(redisUrl: string | undefined, logger?: Logger): EventBus {
  return redisUrl ? new RedisEventBus(redisUrl, logger) : new MemoryEventBus(logger);
}
