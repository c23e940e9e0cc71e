// Follows each dealership's deals: reads what changed through the graph (graph-source.ts), keeps the
// facts in ml.deal_facts, learns closed deals' outcomes (Prime, once per deal), classifies changed
// customers against the saved segments (WHACO online), and starts a retraining when there is no
// model yet or the dealership has grown by a quarter since the last one. All of it in the background:
// requests only read what is saved. A deal event on the bus makes the next read happen now.
import type { Database, EventBus, Logger } from '@autolytiq/kit';
import type { DealSource } from './graph-source.ts';
import { strategyOf } from './features.ts';
import { learnOutcomes } from './prime-service.ts';
import { MIN_CUSTOMERS, type SegmentService } from './segment-service.ts';
import {
  followDealership,
  followedDealerships,
  latestDealPerCustomer,
  recordSync,
  syncState,
  upsertDeal,
  type StoredDeal,
} from '../store/deal-facts-store.ts';
import { loadModel } from '../store/models-store.ts';
import { isDesked } from './features.ts';

/** Re-read this far back from the last change seen: a transaction that committed late is not missed. */
const OVERLAP_MS = 2 * 60_000;

export interface LearnerOptions {
  /** How often each followed dealership is read again without a nudge. Default 60 s. */
  intervalMs?: number;
}

export class Learner {
  private readonly followed = new Map<
    string,
    { timer?: NodeJS.Timeout; unsubscribe?: () => Promise<void> }
  >();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly lastRead = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly source: DealSource | null,
    private readonly segments: SegmentService,
    private readonly bus: EventBus | null,
    private readonly logger: Logger,
    private readonly opts: LearnerOptions = {},
    /** Called after a read that changed deals (the team status subscribers hear of it). */
    private readonly onChange?: (dealershipId: string) => Promise<void>,
  ) {}

  /** Follows the dealerships followed before a restart. */
  async start(): Promise<void> {
    const ids = await this.db.asSystem((em) => followedDealerships(em));
    for (const id of ids) await this.follow(id);
  }

  /** Starts following a dealership (idempotent; a user of it asked ml something). */
  async follow(dealershipId: string): Promise<void> {
    if (this.stopped || this.followed.has(dealershipId)) return;
    const entry: { timer?: NodeJS.Timeout; unsubscribe?: () => Promise<void> } = {};
    this.followed.set(dealershipId, entry);
    await this.db.withTenant({ dealershipId }, (em) => followDealership(em, dealershipId));
    if (this.bus) {
      entry.unsubscribe = await this.bus.subscribe(dealershipId, 'deals', () =>
        this.nudge(dealershipId),
      );
    }
    this.nudge(dealershipId);
  }

  /**
   * A user of the dealership asked ml something: follow it, and read its changes in the background
   * when the last read is older than `freshMs` (the answer is what is saved now; the next one is
   * fresher). Deal events nudge too, but only with a shared bus (REDIS_URL).
   */
  async touch(dealershipId: string, freshMs = 5_000): Promise<void> {
    if (!this.followed.has(dealershipId)) return this.follow(dealershipId);
    const last = this.lastRead.get(dealershipId) ?? 0;
    if (Date.now() - last > freshMs) this.nudge(dealershipId);
  }

  /** Reads the dealership's changes now (or right after the read under way). */
  nudge(dealershipId: string): void {
    if (this.stopped || !this.source) return;
    if (this.running.has(dealershipId)) {
      this.again.add(dealershipId);
      return;
    }
    const entry = this.followed.get(dealershipId);
    if (entry?.timer) clearTimeout(entry.timer);
    this.lastRead.set(dealershipId, Date.now());
    let failed = false;
    const run = this.sync(dealershipId)
      .catch((error: unknown) => {
        failed = true;
        this.logger.warn({ err: error, dealershipId }, 'ml sync failed');
      })
      .finally(() => {
        this.running.delete(dealershipId);
        if (this.again.delete(dealershipId)) this.nudge(dealershipId);
        else if (entry && !this.stopped) {
          // After a failure (the router not up yet at start, say) try again soon.
          const interval = this.opts.intervalMs ?? 60_000;
          const wait = failed ? Math.min(interval, 5_000) : interval;
          entry.timer = setTimeout(() => this.nudge(dealershipId), wait);
          entry.timer.unref();
        }
      });
    this.running.set(dealershipId, run);
  }

  /** One incremental read of the dealership's deals and what follows from it. */
  async sync(dealershipId: string): Promise<void> {
    if (!this.source) return;
    const tenant = { dealershipId };
    const state = await this.db.withTenant(tenant, (em) => syncState(em));
    const since = state?.syncedThrough
      ? new Date(state.syncedThrough.getTime() - OVERLAP_MS)
      : null;
    let newest = state?.syncedThrough ?? null;
    const changed: StoredDeal[] = [];
    try {
      for await (const page of this.source.changedDeals(dealershipId, since)) {
        const stored = page.map((d): StoredDeal => ({
          dealId: d.id,
          customerId: d.customerId,
          salespersonId: d.salespersonId,
          status: d.status,
          strategy: strategyOf(d.facts),
          facts: d.facts,
          createdAt: d.createdAt,
          updatedAt: d.updatedAt,
        }));
        await this.db.withTenant(tenant, async (em) => {
          for (const d of stored) await upsertDeal(em, dealershipId, d);
          await learnOutcomes(em, dealershipId, stored);
        });
        changed.push(...stored);
        for (const d of stored) if (!newest || d.updatedAt > newest) newest = d.updatedAt;
      }
      await this.db.withTenant(tenant, (em) =>
        recordSync(em, { syncedThrough: newest, error: null }),
      );
    } catch (error) {
      await this.db
        .withTenant(tenant, (em) => recordSync(em, { syncedThrough: null, error: String(error) }))
        .catch(() => {});
      throw error;
    }
    await this.afterSync(dealershipId, changed);
  }

  private async afterSync(dealershipId: string, changed: StoredDeal[]): Promise<void> {
    if (changed.length > 0) await this.onChange?.(dealershipId);
    const { model, customers } = await this.db.withTenant({ dealershipId }, async (em) => ({
      model: await loadModel(em, 'WHACO'),
      customers: (await latestDealPerCustomer(em)).filter((d) => isDesked(d.facts)).length,
    }));
    const grown = model?.state && customers >= model.samples * 1.25;
    if ((!model?.state && customers >= MIN_CUSTOMERS) || grown) {
      await this.segments.retrain(dealershipId, null);
      return;
    }
    if (model?.state && changed.length > 0) {
      // The customers' latest deals among the changed ones.
      const latest = new Map<string, StoredDeal>();
      for (const d of changed) {
        const seen = latest.get(d.customerId);
        if (!seen || d.createdAt > seen.createdAt) latest.set(d.customerId, d);
      }
      await this.segments.classifyChanged(dealershipId, [...latest.values()]);
    }
  }

  /** Waits until no read is under way (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
    await this.segments.idle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.followed.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      await entry.unsubscribe?.();
    }
    await Promise.allSettled([...this.running.values()]);
    await this.segments.idle();
  }
}
