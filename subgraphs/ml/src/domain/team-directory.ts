// Who is on the team right now, for the Oscillator network: which users are still active (a
// deactivated salesperson gets no new lead) and who is online with what status (presence). Read
// through the graph as "service:ml" — auth's `team` and admin's `teamOnline` — never from their
// tables. Cached per dealership for a few seconds; the teamStatus subscription applies presence
// changes from the bus to the cache as they come, so the board follows sign-ins at once.
import type { Logger } from '@autolytiq/kit';

export type PresenceStatus = 'AVAILABLE' | 'WITH_CUSTOMER' | 'BUSY' | 'AWAY';

export interface TeamView {
  /** userId → active; a user not listed is taken as active (a newer user than the read). */
  active: Map<string, boolean>;
  /** userId → presence status, for the members online now. */
  online: Map<string, PresenceStatus>;
}

export interface TeamDirectory {
  read(dealershipId: string): Promise<TeamView>;
}

/** A change as admin publishes it on the `presence` topic. */
export interface PresenceChange {
  online: boolean;
  presence: { userId: string; status: PresenceStatus };
}

export const PRESENCE_TOPIC = 'presence';
const FRESH_MS = 15_000;
const RETRY_MS = 2_000;

/** The directory with a per-dealership cache; a failed read answers null (status without it). */
export class CachedTeamDirectory {
  private readonly cache = new Map<string, { until: number; view: Promise<TeamView | null> }>();

  constructor(
    private readonly source: TeamDirectory | null,
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** `fresh`: read now (a lead assignment must not go to someone deactivated seconds ago). */
  view(dealershipId: string, options: { fresh?: boolean } = {}): Promise<TeamView | null> {
    if (!this.source) return Promise.resolve(null);
    const hit = this.cache.get(dealershipId);
    if (hit && hit.until > this.now() && !options.fresh) return hit.view;
    const entry = { until: this.now() + FRESH_MS, view: Promise.resolve<TeamView | null>(null) };
    entry.view = this.source.read(dealershipId).catch((error: unknown) => {
      this.logger?.warn({ err: error, dealershipId }, 'team directory read failed');
      entry.until = this.now() + RETRY_MS;
      return null;
    });
    this.cache.set(dealershipId, entry);
    return entry.view;
  }

  /** Applies a presence change to the cached view (idempotent: every subscriber may apply it). */
  async apply(dealershipId: string, change: PresenceChange): Promise<void> {
    const view = await this.cache.get(dealershipId)?.view;
    if (!view || !change?.presence?.userId) return;
    if (change.online) view.online.set(change.presence.userId, change.presence.status);
    else view.online.delete(change.presence.userId);
  }
}
