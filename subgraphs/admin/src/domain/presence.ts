// Team presence: who is online in the dealership and what they are on. Presence is live state, not a
// record: it exists while the member holds at least one `teamPresence` subscription (one per open
// tab, through the router), and ends — everyone hears online: false — when the last one closes.
//
// Each change goes to the dealership's `presence` topic on the event bus; every admin process that
// has subscribers in that dealership listens there and keeps the dealership's members in memory, so
// a new subscriber first gets the members online now, then the changes. Limitation (stated in the
// README): with several admin replicas, a replica that starts listening to a dealership later only
// knows the members who changed since, until each member's next change.
import { busIterator, isUuid, type EventBus, type Principal } from '@autolytiq/kit';

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

interface Tenant {
  members: Map<string, PresenceRecord>;
  /** Local subscriptions per user (this process). */
  connections: Map<string, number>;
  /** The bus listener keeping `members` current while this process has subscribers here. */
  stopListening?: () => Promise<void>;
  listening?: Promise<void>;
}

export class PresenceHub {
  private readonly tenants = new Map<string, Tenant>();

  constructor(private readonly bus: EventBus) {}

  private tenant(dealershipId: string): Tenant {
    let t = this.tenants.get(dealershipId);
    if (!t) this.tenants.set(dealershipId, (t = { members: new Map(), connections: new Map() }));
    return t;
  }

  private apply(t: Tenant, change: PresenceChangeRecord): void {
    if (change.online) t.members.set(change.presence.userId, change.presence);
    else t.members.delete(change.presence.userId);
  }

  private publish(dealershipId: string, change: PresenceChangeRecord): Promise<void> {
    this.apply(this.tenant(dealershipId), change);
    return this.bus.publish(dealershipId, PRESENCE_TOPIC, change);
  }

  /** The subscription: the members online now, then every change; joining makes the caller online. */
  async subscribe(p: Principal): Promise<AsyncIterableIterator<PresenceChangeRecord>> {
    const t = this.tenant(p.dealershipId);
    if (!t.listening) {
      t.listening = this.bus
        .subscribe<PresenceChangeRecord>(p.dealershipId, PRESENCE_TOPIC, (m) =>
          this.apply(t, m.payload),
        )
        .then((stop) => void (t.stopListening = stop));
    }
    await t.listening;
    const changes = await busIterator<PresenceChangeRecord>(
      this.bus,
      p.dealershipId,
      PRESENCE_TOPIC,
    );
    const count = (t.connections.get(p.userId) ?? 0) + 1;
    t.connections.set(p.userId, count);
    if (count === 1 && !t.members.has(p.userId)) {
      await this.publish(p.dealershipId, {
        online: true,
        presence: {
          userId: p.userId,
          username: p.username,
          status: 'AVAILABLE',
          note: null,
          viewing: null,
          since: new Date().toISOString(),
        },
      });
    }
    const snapshot: PresenceChangeRecord[] = [...t.members.values()].map((presence) => ({
      online: true,
      presence,
    }));
    let left = false;
    const leave = async () => {
      if (left) return;
      left = true;
      await changes.return?.();
      await this.leave(p);
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

  private async leave(p: Principal): Promise<void> {
    const t = this.tenant(p.dealershipId);
    const count = (t.connections.get(p.userId) ?? 1) - 1;
    if (count > 0) {
      t.connections.set(p.userId, count);
      return;
    }
    t.connections.delete(p.userId);
    const last = t.members.get(p.userId);
    if (last) {
      await this.publish(p.dealershipId, {
        online: false,
        presence: { ...last, since: new Date().toISOString() },
      }).catch(() => undefined);
    }
    if (t.connections.size === 0) {
      // No subscriber here any more: stop listening and forget the dealership.
      this.tenants.delete(p.dealershipId);
      await t.listening;
      await t.stopListening?.();
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
    await this.publish(p.dealershipId, { online: true, presence });
    // Not connected: the change is told, but the member is not kept as online.
    const t = this.tenants.get(p.dealershipId);
    if (!t?.connections.get(p.userId)) t?.members.delete(p.userId);
    return presence;
  }

  /** Dealerships and local subscriptions held (leak tests). */
  stats(): { dealerships: number; connections: number } {
    let connections = 0;
    for (const t of this.tenants.values()) for (const n of t.connections.values()) connections += n;
    return { dealerships: this.tenants.size, connections };
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
