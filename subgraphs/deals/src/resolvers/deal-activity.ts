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

export function dealActivityResolvers(service: DealService, bus: EventBus): SubscriptionResolvers {
  return {
    dealEvents: {
      subscribe: (_parent, { dealId }, ctx) =>
        busIterator<DealActivityMessage>(bus, requirePrincipal(ctx).dealershipId, DEALS_TOPIC, {
          filter: (m) => !dealId || m.dealId === dealId,
        }) as never,
      resolve: async (message: DealActivityMessage, _args: unknown, ctx: RequestContext) => {
        const { deal, events } = await service.byIdWithEvents(
          requirePrincipal(ctx),
          message.dealId,
        );
        const event = events.find((e) => e.id === message.eventId);
        if (!deal || !event) throw notFound('That deal event is not visible to you.');
        return { event, deal } as never;
      },
    },
  };
}
