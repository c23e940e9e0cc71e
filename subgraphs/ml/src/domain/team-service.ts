// The team status and lead assignment for the caller's dealership, from the deals ml has read and
// who is active and online now (team-directory.ts); and the `teamStatus` subscription: every read
// that changed deals publishes `ml.team` on the bus, every presence change (admin's `presence` topic)
// is applied to the directory's cache, and each subscriber gets the status recomputed as themselves.
import {
  busIterator,
  isUuid,
  notFound,
  type Database,
  type EventBus,
  type Principal,
} from '@autolytiq/kit';
import { dealsChangedSince, latestDealOf } from '../store/deal-facts-store.ts';
import { CachedTeamDirectory, PRESENCE_TOPIC, type PresenceChange } from './team-directory.ts';
import {
  assignLeadFrom,
  teamStatusOf,
  TEAM_WINDOW_DAYS,
  type LeadAssignment,
  type TeamStatus,
} from './team-model.ts';

export const TEAM_TOPIC = 'ml.team';

type TeamEvent = { at: string } | PresenceChange;

/** One iterator over several: values in arrival order; return() ends them all. */
function merge<T>(sources: AsyncIterableIterator<T>[]): AsyncIterableIterator<T> {
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const pull = (i: number) =>
    pending.set(
      i,
      sources[i]!.next().then((r) => ({ i, r })),
    );
  sources.forEach((_, i) => pull(i));
  let ended = false;
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      while (!ended && pending.size > 0) {
        const { i, r } = await Promise.race(pending.values());
        if (r.done) {
          pending.delete(i);
          continue;
        }
        pull(i);
        return { value: r.value, done: false };
      }
      return { value: undefined, done: true };
    },
    async return() {
      ended = true;
      await Promise.all(sources.map((s) => s.return?.()));
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

export class TeamService {
  constructor(
    private readonly db: Database,
    private readonly bus: EventBus | null,
    private readonly now: () => Date = () => new Date(),
    private readonly directory: CachedTeamDirectory = new CachedTeamDirectory(null),
  ) {}

  async status(p: Principal): Promise<TeamStatus> {
    const now = this.now();
    const [deals, view] = await Promise.all([
      this.db.withTenant({ dealershipId: p.dealershipId }, (em) =>
        dealsChangedSince(em, new Date(now.getTime() - TEAM_WINDOW_DAYS * 86_400_000)),
      ),
      this.directory.view(p.dealershipId),
    ]);
    return teamStatusOf(deals, now, view);
  }

  /** The salesperson to give `customerId`'s lead to (a recommendation: nothing is changed). */
  async assignLead(p: Principal, customerId: string): Promise<LeadAssignment> {
    if (!isUuid(customerId)) throw notFound('No such customer.');
    const now = this.now();
    const [{ deals, existing }, view] = await Promise.all([
      this.db.withTenant({ dealershipId: p.dealershipId }, async (em) => ({
        deals: await dealsChangedSince(em, new Date(now.getTime() - TEAM_WINDOW_DAYS * 86_400_000)),
        existing: await latestDealOf(em, customerId),
      })),
      this.directory.view(p.dealershipId, { fresh: true }),
    ]);
    return assignLeadFrom(teamStatusOf(deals, now, view), existing?.salespersonId ?? null);
  }

  /** Tells the dealership's teamStatus subscribers that its deals changed. */
  async changed(dealershipId: string): Promise<void> {
    await this.bus?.publish(dealershipId, TEAM_TOPIC, { at: new Date().toISOString() });
  }

  /** Deal changes and presence changes of the subscriber's dealership (from the verified token). */
  async subscribe(p: Principal): Promise<AsyncIterableIterator<TeamEvent>> {
    if (!this.bus) throw new Error('teamStatus needs the event bus');
    const dealershipId = p.dealershipId;
    const deals = await busIterator<TeamEvent>(this.bus, dealershipId, TEAM_TOPIC);
    const presence = await busIterator<TeamEvent>(this.bus, dealershipId, PRESENCE_TOPIC).catch(
      async (error: unknown) => {
        await deals.return?.();
        throw error;
      },
    );
    const both = merge([deals, presence]);
    const directory = this.directory;
    const iterator: AsyncIterableIterator<TeamEvent> = {
      async next() {
        const r = await both.next();
        if (!r.done && 'presence' in r.value) await directory.apply(dealershipId, r.value);
        return r;
      },
      return: () => both.return!(),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
