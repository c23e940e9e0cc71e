// Team presence: who is online in the dealership and what they are on. A member is online while they
// hold at least one `teamPresence` subscription (one per open tab, through the router) on ANY admin
// replica, and ends — everyone hears online: false — when the last one closes.
//
// The truth is in PostgreSQL (store/presence-store.ts): a row per open subscription, refreshed by the
// replica that holds it, and a row per online member. So a new subscriber on any replica gets the
// members online now from the database, then the changes from the event bus (Redis pub/sub across
// replicas). A replica that dies stops refreshing its connections; any replica's periodic sweep ends
// them after `staleAfterMs` and tells the team, once.
import { randomUUID } from 'node:crypto';
import {
  afterCommit,
  busIterator,
  isUuid,
  tenantOf,
  type Database,
  type EventBus,
  type Logger,
  type Principal,
} from '@autolytiq/kit';
import {
  joinPresence,
  leavePresence,
  listPresence,
  refreshConnections,
  sweepPresence,
  updatePresence,
} from '../store/presence-store.ts';

export type PresenceStatus = 'AVAILABLE' | 'WITH_CUSTOMER' | 'BUSY' | 'AWAY';
export type ViewingKind = 'DEAL' | 'CUSTOMER' | 'VEHICLE';

export interface PresenceRecord {
  userId: string;
  username: string;
  status: PresenceStatus;
  note: string | null;
  viewing: { kind: ViewingKind; id: string } | null;
  since: string;
}

export interface PresenceChangeRecord {
  online: boolean;
  presence: PresenceRecord;
}

export const PRESENCE_TOPIC = 'presence';
const NOTE_MAX = 140;

export interface PresenceHubOptions {
  /** How often this replica refreshes its connections and sweeps dead ones (default 10 s). */
  heartbeatMs?: number;
  /** A connection not refreshed for this long belonged to a replica that stopped (default 30 s). */
  staleAfterMs?: number;
  logger?: Logger;
}

interface LocalConnection {
  dealershipId: string;
  userId: string;
}

export class PresenceHub {
  /** This replica's open subscriptions, by connection id (refreshed every heartbeat). */
  private readonly local = new Map<string, LocalConnection>();
  private readonly timer: NodeJS.Timeout;
  private readonly staleSeconds: number;

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly options: PresenceHubOptions = {},
  ) {
    this.staleSeconds = Math.max(1, Math.round((options.staleAfterMs ?? 30_000) / 1000));
    this.timer = setInterval(() => void this.heartbeat(), options.heartbeatMs ?? 10_000);
    this.timer.unref();
  }

  /** The members online now (reading does not make the caller online). */
  online(p: Principal): Promise<PresenceRecord[]> {
    return this.db.withTenant(tenantOf(p), (em) => listPresence(em));
  }

  /** The subscription: the members online now, then every change; joining makes the caller online. */
  async subscribe(p: Principal): Promise<AsyncIterableIterator<PresenceChangeRecord>> {
    // Listen first, then read: a change in between is heard twice at worst (changes are upserts).
    const changes = await busIterator<PresenceChangeRecord>(
      this.bus,
      p.dealershipId,
      PRESENCE_TOPIC,
    );
    const connectionId = randomUUID();
    let snapshot: PresenceChangeRecord[];
    try {
      snapshot = await this.db.withTenant(tenantOf(p), async (em) => {
        const joined = await joinPresence(em, {
          connectionId,
          dealershipId: p.dealershipId,
          userId: p.userId,
          username: p.username,
        });
        if (joined) this.publishAfter(em, p.dealershipId, { online: true, presence: joined });
        return (await listPresence(em)).map((presence) => ({ online: true, presence }));
      });
    } catch (error) {
      await changes.return?.();
      throw error;
    }
    this.local.set(connectionId, { dealershipId: p.dealershipId, userId: p.userId });
    let left = false;
    const leave = async () => {
      if (left) return;
      left = true;
      this.local.delete(connectionId);
      await changes.return?.();
      await this.leave(p, connectionId);
    };
    const iterator: AsyncIterableIterator<PresenceChangeRecord> = {
      next: () =>
        snapshot.length > 0
          ? Promise.resolve({ value: snapshot.shift()!, done: false })
          : changes.next(),
      return: async () => {
        await leave();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private async leave(p: Principal, connectionId: string): Promise<void> {
    try {
      await this.db.withTenant(tenantOf(p), async (em) => {
        const last = await leavePresence(em, { connectionId, userId: p.userId });
        if (last) {
          const presence = { ...last, since: new Date().toISOString() };
          this.publishAfter(em, p.dealershipId, { online: false, presence });
        }
      });
    } catch (error) {
      // The row stays; the sweep ends it once this replica stops refreshing it.
      this.options.logger?.warn(
        { err: error },
        'presence: leave not recorded; the sweep will end it',
      );
    }
  }

  private publishAfter(
    em: Parameters<typeof afterCommit>[0],
    dealershipId: string,
    change: PresenceChangeRecord,
  ) {
    afterCommit(
      em,
      () => void this.bus.publish(dealershipId, PRESENCE_TOPIC, change).catch(() => undefined),
    );
  }

  /** Refreshes this replica's connections and ends those of replicas that stopped. */
  async heartbeat(): Promise<void> {
    try {
      const byDealership = new Map<string, string[]>();
      for (const [id, c] of this.local) {
        const ids = byDealership.get(c.dealershipId) ?? [];
        ids.push(id);
        byDealership.set(c.dealershipId, ids);
      }
      for (const [dealershipId, ids] of byDealership) {
        await this.db.withTenant({ dealershipId }, (em) => refreshConnections(em, ids));
      }
      const gone = await this.db.asSystem((em) => sweepPresence(em, this.staleSeconds));
      for (const g of gone) {
        const presence = { ...g.presence, since: new Date().toISOString() };
        await this.bus.publish(g.dealershipId, PRESENCE_TOPIC, { online: false, presence });
      }
    } catch (error) {
      this.options.logger?.warn(
        { err: error },
        'presence heartbeat failed; retrying at the next one',
      );
    }
  }

  /** setPresence: validated, published to the team; the caller's record as it now is. */
  async set(
    p: Principal,
    input: {
      status: PresenceStatus;
      note?: string | null;
      viewing?: { kind: ViewingKind; id: string } | null;
    },
  ): Promise<PresenceRecord> {
    const note = input.note?.trim() || null;
    if (note && note.length > NOTE_MAX) {
      throw new PresenceInputError('input.note', `Keep the note to ${NOTE_MAX} characters.`);
    }
    if (input.viewing && !isUuid(input.viewing.id)) {
      throw new PresenceInputError('input.viewing.id', 'viewing.id must be a record id.');
    }
    const presence: PresenceRecord = {
      userId: p.userId,
      username: p.username,
      status: input.status,
      note,
      viewing: input.viewing ? { kind: input.viewing.kind, id: input.viewing.id } : null,
      since: new Date().toISOString(),
    };
    // Not connected: the change is told, but the member is not kept as online.
    await this.db.withTenant(tenantOf(p), async (em) => {
      await updatePresence(em, presence);
      this.publishAfter(em, p.dealershipId, { online: true, presence });
    });
    return presence;
  }

  /** Stops the heartbeat (shutdown); open subscriptions end through their own `return`. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** Dealerships and subscriptions held by this replica (leak tests). */
  stats(): { dealerships: number; connections: number } {
    const dealerships = new Set([...this.local.values()].map((c) => c.dealershipId));
    return { dealerships: dealerships.size, connections: this.local.size };
  }
}

export class PresenceInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
