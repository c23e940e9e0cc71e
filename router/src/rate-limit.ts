// Rate limits: fixed-window counters per user, per dealership, per client IP (anonymous requests)
// and per client IP for sign-in attempts. Counters live in Redis when REDIS_URL is set, so every
// router replica shares them; otherwise in this process (one router, e.g. `npm start`).
//
// Fixed windows (a counter per subject per window, expiring with it) cost one round trip per request
// and let a client burst at most twice the limit across a window boundary — acceptable for abuse
// protection, which is what this is; fair-share scheduling is not.
import { Redis } from 'ioredis';
import type { Logger } from '@autolytiq/kit/core';

export interface RateLimitConfig {
  windowMs: number;
  /** Requests per window per signed-in user. */
  perUser: number;
  /** Requests per window per dealership (all its users and integrations together). */
  perTenant: number;
  /** Requests per window per client IP, for requests without a token. */
  perIp: number;
  /** Sign-in attempts (`login`) per window per client IP. */
  loginPerIp: number;
  /** redis://… to share counters between router replicas; in-process counters otherwise. */
  redisUrl?: string;
}

export const DEFAULT_RATE_LIMITS: Omit<RateLimitConfig, 'redisUrl'> = {
  windowMs: 60_000,
  perUser: 1200,
  perTenant: 12_000,
  perIp: 600,
  loginPerIp: 10,
};

/** A counter store: adds one to `key` in the window ending at `windowEndsAt` and returns the count. */
export interface CounterStore {
  increment(keys: string[], windowMs: number): Promise<number[]>;
  /** Waits for a remote store to connect; false if it did not in time. */
  ready?(): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  private readonly counts = new Map<string, { count: number; expiresAt: number }>();
  private sincePrune = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(keys: string[], windowMs: number): Promise<number[]> {
    const at = this.now();
    if (++this.sincePrune >= 1000) this.prune(at);
    return keys.map((key) => {
      const entry = this.counts.get(key);
      if (entry && entry.expiresAt > at) return ++entry.count;
      this.counts.set(key, { count: 1, expiresAt: at + windowMs });
      return 1;
    });
  }

  private prune(at: number): void {
    this.sincePrune = 0;
    for (const [key, entry] of this.counts) if (entry.expiresAt <= at) this.counts.delete(key);
  }

  async close(): Promise<void> {
    this.counts.clear();
  }
}

export class RedisCounterStore implements CounterStore {
  readonly redis: Redis;

  constructor(url: string) {
    // No offline queue: when Redis is down a call fails at once (and the limiter lets the request
    // through) instead of waiting for a reconnect that may never come.
    this.redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      keyPrefix: 'autolytiq:ratelimit:',
    });
    this.redis.on('error', () => undefined); // reported per call by the limiter
  }

  /** Resolves once connected (true) or after `timeoutMs` (false); calls before that fail open. */
  async ready(timeoutMs = 2000): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      this.redis.once('ready', onReady);
    });
  }

  async increment(keys: string[], windowMs: number): Promise<number[]> {
    const pipeline = this.redis.multi();
    for (const key of keys) pipeline.incr(key).pexpire(key, windowMs, 'NX');
    const results = (await pipeline.exec()) ?? [];
    return keys.map((_key, i) => {
      const [error, value] = results[i * 2] ?? [new Error('no reply'), null];
      if (error) throw error;
      return Number(value);
    });
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export interface LimitDecision {
  allowed: boolean;
  /** Which limit was exceeded (`user`, `tenant`, `ip`, `login`). */
  limit?: string;
  retryAfterSeconds: number;
}

export interface Subject {
  userId?: string;
  dealershipId?: string;
  ip: string;
}

export class RateLimiter {
  private lastStoreError = 0;

  constructor(
    readonly config: RateLimitConfig,
    private readonly store: CounterStore,
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request by this subject against every limit that applies to it. */
  request(subject: Subject): Promise<LimitDecision> {
    const { perUser, perTenant, perIp } = this.config;
    const checks: Array<[string, string, number]> = [];
    if (subject.userId) checks.push(['user', subject.userId, perUser]);
    if (subject.dealershipId) checks.push(['tenant', subject.dealershipId, perTenant]);
    if (!subject.userId) checks.push(['ip', subject.ip, perIp]);
    return this.check(checks);
  }

  /** Counts one sign-in attempt from this IP. */
  login(ip: string): Promise<LimitDecision> {
    return this.check([['login', ip, this.config.loginPerIp]]);
  }

  private async check(checks: Array<[string, string, number]>): Promise<LimitDecision> {
    const { windowMs } = this.config;
    const at = this.now();
    const window = Math.floor(at / windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - at) / 1000));
    let counts: number[];
    try {
      counts = await this.store.increment(
        checks.map(([kind, id]) => `${kind}:${id}:${window}`),
        windowMs,
      );
    } catch (error) {
      // Fail open: an unreachable counter store must not take the dealership's system down.
      if (at - this.lastStoreError > 60_000) {
        this.lastStoreError = at;
        this.logger?.warn({ err: error }, 'rate-limit store unavailable; requests not limited');
      }
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const exceeded = checks.findIndex(([, , limit], i) => counts[i]! > limit);
    if (exceeded < 0) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, limit: checks[exceeded]![0], retryAfterSeconds };
  }

  async ready(): Promise<boolean> {
    return (await this.store.ready?.()) ?? true;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

export function createRateLimiter(config: RateLimitConfig, logger?: Logger): RateLimiter {
  const store = config.redisUrl ? new RedisCounterStore(config.redisUrl) : new MemoryCounterStore();
  return new RateLimiter(config, store, logger);
}

export const RATE_LIMIT_MESSAGES: Record<string, string> = {
  user: 'Too many requests from this user; try again shortly.',
  tenant: "Too many requests for this dealership's account; try again shortly.",
  ip: 'Too many requests from this address; try again shortly.',
  login: 'Too many sign-in attempts from this address; try again in a minute.',
};
