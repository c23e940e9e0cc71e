// Puts a rates provider behind a per-address cache so a desk never waits on the network for long:
// - a fresh answer (younger than the TTL, default one day) is used without asking: at most one
//   lookup per address per TTL, and concurrent quotes for one address share one request;
// - an expired answer is refreshed, but the quote waits at most `timeoutMs` for it; past that, or
//   when the provider fails, the last good answer is used and marked stale;
// - with no answer at all, the quote goes on without one (shipped table, dealer CSV) and says why;
// - after a failure (network, timeout, 5xx, 429) the provider is left alone for `backoffMs`, so an
//   outage costs one timeout, not one per quote; a 4xx about one address does not pause it.
import type { ProviderRate } from '../../engine/index.ts';
import { ProviderError, type RateAddress, type RatesProvider } from './provider.ts';

export interface CachedRatesOptions {
  ttlMs?: number;
  timeoutMs?: number;
  backoffMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export interface RateAnswer {
  rate?: ProviderRate;
  /** Said with the quote when the provider could not help ("TaxJar did not answer in 1500 ms"). */
  notice?: string;
}

interface Entry {
  rate: ProviderRate;
  at: number;
}

export function addressKey(a: RateAddress): string {
  const norm = (s: string | undefined) => (s ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
  return [norm(a.state), a.zip.slice(0, 5), norm(a.city), norm(a.street)].join('|');
}

export class CachedRates {
  readonly name: string;
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<ProviderRate>>();
  private downUntil = 0;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly backoffMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Requests sent to the provider (for tests and metrics). */
  lookups = 0;

  constructor(
    private readonly provider: RatesProvider,
    opts: CachedRatesOptions = {},
  ) {
    this.name = provider.name;
    this.ttlMs = opts.ttlMs ?? 24 * 3600_000;
    this.timeoutMs = opts.timeoutMs ?? 1500;
    this.backoffMs = opts.backoffMs ?? 30_000;
    this.maxEntries = opts.maxEntries ?? 50_000;
    this.now = opts.now ?? Date.now;
  }

  async rateFor(address: RateAddress): Promise<RateAnswer> {
    const key = addressKey(address);
    const hit = this.cache.get(key);
    const t = this.now();
    if (hit && t - hit.at < this.ttlMs) return { rate: hit.rate };
    const lastGood = hit ? { rate: { ...hit.rate, stale: true } } : {};
    if (t < this.downUntil) {
      return { ...lastGood, notice: `${this.name} is unavailable; retrying after a pause` };
    }
    const result = await this.withTimeout(this.fetchOnce(key, address));
    if (result.ok) return { rate: result.rate };
    return { ...lastGood, notice: `${this.name} ${result.why}` };
  }

  /** One request per address at a time; the cache is filled when it answers, even late. */
  private fetchOnce(key: string, address: RateAddress): Promise<ProviderRate> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const controller = new AbortController();
    // A late answer still fills the cache, but nothing waits forever on a hung connection.
    const hardStop = setTimeout(() => controller.abort(), Math.max(this.timeoutMs * 10, 10_000));
    this.lookups++;
    const p = this.provider
      .rateFor(address, controller.signal)
      .then((rate) => {
        this.store(key, rate);
        return rate;
      })
      .catch((e: unknown) => {
        // An answer about this address (404 unknown ZIP, 400) says nothing about the service.
        const status = e instanceof ProviderError ? e.status : undefined;
        const addressOnly = status !== undefined && status >= 400 && status < 500 && status !== 429;
        if (!addressOnly) this.downUntil = this.now() + this.backoffMs;
        throw e;
      })
      .finally(() => {
        clearTimeout(hardStop);
        this.inFlight.delete(key);
      });
    this.inFlight.set(key, p);
    return p;
  }

  private async withTimeout(
    p: Promise<ProviderRate>,
  ): Promise<{ ok: true; rate: ProviderRate } | { ok: false; why: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ ok: false; why: string }>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, why: `did not answer within ${this.timeoutMs} ms` }),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([
        p.then((rate) => ({ ok: true as const, rate })),
        timeout,
        // A failure after the race is decided is handled by fetchOnce (backoff); nothing unhandled.
      ]).catch((e: unknown) => ({
        ok: false as const,
        why: `failed: ${e instanceof Error ? e.message : String(e)}`,
      }));
    } finally {
      clearTimeout(timer);
      p.catch(() => undefined);
    }
  }

  private store(key: string, rate: ProviderRate): void {
    this.cache.delete(key);
    this.cache.set(key, { rate, at: this.now() });
    // Map iteration is insertion order: the first key is the least recently stored.
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }
}
