// Delivers queued vehicle-status changes to inventory through the router, as "service:deals" with a
// short-lived token from auth. At-least-once here, exactly-once in effect: inventory records the
// outbox row id and ignores a second delivery. Failures back off (1 s, 2 s, 4 s … 5 min) and survive
// restarts because the queue is the deals.outbox table.
import type { Logger } from 'pino';
import type { Database } from '@autolytiq/kit';
import {
  claimOutbox,
  insertEvent,
  markDelivered,
  markFailed,
  markRefused,
  type OutboxItem,
} from '../store/events-store.ts';
import type { GraphClient } from './graph.ts';

const APPLY = `mutation ApplyDealVehicleStatus($input: ApplyDealVehicleStatusInput!) {
  applyDealVehicleStatus(input: $input) { id status }
}`;

/**
 * Errors that a retry cannot fix: instead of retrying forever, the change is kept as refused and the
 * refusal is written into the deal's history (so the desk sees that the vehicle did not follow).
 */
const PERMANENT = new Set(['NOT_FOUND', 'BAD_USER_INPUT']);

export interface ServiceTokens {
  /** A token for `dealershipId` carrying only inventory.status.write. */
  tokenFor(dealershipId: string): Promise<string>;
}

/** Asks auth's internal endpoint for service tokens, caching each until a minute before expiry. */
export function serviceTokensFrom(url: string, secret: string): ServiceTokens {
  const cache = new Map<string, { token: string; refreshAt: number }>();
  return {
    async tokenFor(dealershipId) {
      const hit = cache.get(dealershipId);
      if (hit && hit.refreshAt > Date.now()) return hit.token;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-service-token-secret': secret },
        body: JSON.stringify({ service: 'deals', dealershipId }),
      });
      if (!response.ok) throw new Error(`service token: HTTP ${response.status}`);
      const body = (await response.json()) as { accessToken: string; expiresAt: string };
      cache.set(dealershipId, {
        token: body.accessToken,
        refreshAt: new Date(body.expiresAt).getTime() - 60_000,
      });
      return body.accessToken;
    },
  };
}

export interface RelayOptions {
  intervalMs?: number;
  batchSize?: number;
  /** How long a claimed row stays invisible to other replicas while this one delivers it. */
  leaseSeconds?: number;
}

export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly graph: GraphClient,
    private readonly tokens: ServiceTokens,
    private readonly logger: Logger,
    private readonly opts: RelayOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deliver now (after a commit that queued something) instead of at the next tick. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick() {
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay pass failed');
    }
    const next = this.again ? 0 : (this.opts.intervalMs ?? 1000);
    this.again = false;
    this.schedule(next);
  }

  /** One pass: claim due rows and deliver them in order. Returns how many were delivered. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const items = await this.db.asSystem((em) =>
      claimOutbox(em, this.opts.batchSize ?? 20, this.opts.leaseSeconds ?? 30),
    );
    let delivered = 0;
    const failedVehicles = new Set<string>();
    for (const item of items) {
      // A later change for a vehicle whose earlier change just failed waits for the retry.
      if (failedVehicles.has(item.vehicleId)) {
        await this.db.asSystem((em) => markFailed(em, item.id, 'an earlier change is pending'));
        continue;
      }
      const outcome = await this.deliver(item);
      if (outcome === 'retry') failedVehicles.add(item.vehicleId);
      else delivered += 1;
    }
    return delivered;
  }

  /** Settles the row as refused and adds the refusal to the deal's history, in one transaction. */
  private async recordRefusal(item: OutboxItem, message: string): Promise<void> {
    await this.db.withTenant({ dealershipId: item.dealershipId }, async (em) => {
      await markRefused(em, item.id, message);
      await insertEvent(em, item.dealershipId, item.dealId, {
        kind: 'VEHICLE_STATUS_REFUSED',
        actorId: null,
        fromStatus: null,
        toStatus: null,
        changes: [{ field: 'vehicleStatus', from: null, to: JSON.stringify(item.vehicleStatus) }],
        note: `Inventory refused to set the vehicle ${item.vehicleStatus}: ${message}`,
      });
    });
  }

  private async deliver(item: OutboxItem): Promise<'done' | 'retry'> {
    try {
      const token = await this.tokens.tokenFor(item.dealershipId);
      await this.graph.request(token, `outbox-${item.id}`, APPLY, {
        input: {
          eventId: item.id,
          vehicleId: item.vehicleId,
          dealId: item.dealId,
          status: item.vehicleStatus,
        },
      });
      await this.db.asSystem((em) => markDelivered(em, item.id));
      this.logger.info(
        { outboxId: item.id, vehicleId: item.vehicleId, status: item.vehicleStatus },
        'vehicle status delivered',
      );
      return 'done';
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      const message = error instanceof Error ? error.message : String(error);
      if (code && PERMANENT.has(code)) {
        this.logger.error(
          { outboxId: item.id, vehicleId: item.vehicleId, code, message },
          'vehicle status change refused by inventory; recorded on the deal',
        );
        await this.recordRefusal(item, message);
        return 'done';
      }
      this.logger.warn(
        { outboxId: item.id, attempts: item.attempts, message },
        'vehicle status delivery failed; will retry',
      );
      await this.db.asSystem((em) => markFailed(em, item.id, message));
      return 'retry';
    }
  }
}
