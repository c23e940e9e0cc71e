// The team status and lead assignment for the caller's dealership, from the deals ml has read; and
// the `teamStatus` subscription: every read that changed deals publishes `ml.team` on the bus, and
// each subscriber gets the status recomputed as themselves.
import {
  busIterator,
  isUuid,
  notFound,
  type Database,
  type EventBus,
  type Principal,
} from '@autolytiq/kit';
import { dealsChangedSince, latestDealOf } from '../store/deal-facts-store.ts';
import {
  assignLeadFrom,
  teamStatusOf,
  TEAM_WINDOW_DAYS,
  type LeadAssignment,
  type TeamStatus,
} from './team-model.ts';

export const TEAM_TOPIC = 'ml.team';

export class TeamService {
  constructor(
    private readonly db: Database,
    private readonly bus: EventBus | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async status(p: Principal): Promise<TeamStatus> {
    const now = this.now();
    const deals = await this.db.withTenant({ dealershipId: p.dealershipId }, (em) =>
      dealsChangedSince(em, new Date(now.getTime() - TEAM_WINDOW_DAYS * 86_400_000)),
    );
    return teamStatusOf(deals, now);
  }

  /** The salesperson to give `customerId`'s lead to (a recommendation: nothing is changed). */
  async assignLead(p: Principal, customerId: string): Promise<LeadAssignment> {
    if (!isUuid(customerId)) throw notFound('No such customer.');
    const now = this.now();
    const { deals, existing } = await this.db.withTenant(
      { dealershipId: p.dealershipId },
      async (em) => ({
        deals: await dealsChangedSince(em, new Date(now.getTime() - TEAM_WINDOW_DAYS * 86_400_000)),
        existing: await latestDealOf(em, customerId),
      }),
    );
    return assignLeadFrom(teamStatusOf(deals, now), existing?.salespersonId ?? null);
  }

  /** Tells the dealership's teamStatus subscribers that its deals changed. */
  async changed(dealershipId: string): Promise<void> {
    await this.bus?.publish(dealershipId, TEAM_TOPIC, { at: new Date().toISOString() });
  }

  subscribe(p: Principal) {
    if (!this.bus) throw new Error('teamStatus needs the event bus');
    return busIterator<{ at: string }>(this.bus, p.dealershipId, TEAM_TOPIC);
  }
}
