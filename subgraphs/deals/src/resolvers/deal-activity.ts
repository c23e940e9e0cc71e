// Subscription.dealEvents: the dealership's committed deal events from the event bus, each resolved
// as the subscriber. The tenant is the subscriber's token's (busIterator re-checks every message);
// the deal and the event are read under the subscriber's tenant (RLS), so a message that somehow
// named another dealership's deal would find nothing and be refused, not shown.
import {
  busIterator,
  notFound,
  requirePrincipal,
  type EventBus,
  type RequestContext,
} from '@autolytiq/kit';
import type { DealService } from '../domain/deal-service.ts';
import { DEALS_TOPIC, type DealActivityMessage } from '../domain/deal-activity.ts';
import type { SubscriptionResolvers } from '../generated/resolvers-types.ts';

type Loaded = Awaited<ReturnType<DealService['byIdWithEvents']>>;

/**
 * Every subscriber of a dealership hears the same message and reads the same rows: RLS is per
 * dealership, and what a subscriber may see of them (gross, costs) is decided by the field resolvers
 * with their own permissions. So the read is shared for a few seconds — one database read per event
 * in this process, not one per subscriber (with 200 subscribers that read was most of the CPU an
 * event cost: `npm run bench -- realtime-rate`).
 */
function sharedLoads(ttlMs = 5_000) {
  const loads = new Map<string, Promise<Loaded>>();
  return (key: string, load: () => Promise<Loaded>): Promise<Loaded> => {
    let hit = loads.get(key);
    if (!hit) {
      hit = load();
      loads.set(key, hit);
      setTimeout(() => loads.delete(key), ttlMs).unref();
      hit.catch(() => loads.delete(key));
    }
    return hit;
  };
}

export function dealActivityResolvers(service: DealService, bus: EventBus): SubscriptionResolvers {
  const shared = sharedLoads();
  return {
    dealEvents: {
      subscribe: (_parent, { dealId }, ctx) =>
        busIterator<DealActivityMessage>(bus, requirePrincipal(ctx).dealershipId, DEALS_TOPIC, {
          filter: (m) => !dealId || m.dealId === dealId,
        }) as never,
      resolve: async (message: DealActivityMessage, _args: unknown, ctx: RequestContext) => {
        const p = requirePrincipal(ctx);
        // The key holds the subscriber's dealership: never shared across tenants.
        const { deal, events } = await shared(
          `${p.dealershipId}:${message.dealId}:${message.eventId}`,
          () => service.byIdWithEvents(p, message.dealId),
        );
        const event = events.find((e) => e.id === message.eventId);
        if (!deal || !event) throw notFound('That deal event is not visible to you.');
        return { event, deal } as never;
      },
    },
  };
}
