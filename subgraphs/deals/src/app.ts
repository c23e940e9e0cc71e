// Assembles the deals subgraph (desking, state machine, vehicle-status outbox). `main.ts` runs it.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import { z } from 'zod';
import { DealService } from './domain/deal-service.ts';
import { createGraphClient } from './domain/graph.ts';
import { OutboxRelay, serviceTokensFrom } from './domain/outbox-relay.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';
import { dealActivityResolvers } from './resolvers/deal-activity.ts';
import { publishDealActivityOn } from './domain/deal-activity.ts';

export const dealsConfigSchema = subgraphConfigSchema('deals').extend({
  /** The router (base URL, as the web app takes it): deals asks its /graphql, as the caller. */
  ROUTER_URL: z.url().default('http://127.0.0.1:4000'),
  /** Shared with auth: lets the outbox relay get a service token. Unset = the relay is off. */
  SERVICE_TOKEN_SECRET: z.string().min(32).optional(),
  /** Where the relay asks for its token; default: the auth server of AUTH_JWKS_URL. */
  AUTH_SERVICE_TOKEN_URL: z.url().optional(),
  /** Milliseconds between relay passes when idle. */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
});
export type DealsConfig = z.infer<typeof dealsConfigSchema>;

export function startDealsSubgraph(config: DealsConfig) {
  return bootSubgraph({
    name: 'deals',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    setup: async (db, { bus, logger }) => {
      const stopPublishing = publishDealActivityOn(bus);
      const graph = createGraphClient(`${config.ROUTER_URL.replace(/\/+$/, '')}/graphql`);
      let relay: OutboxRelay | undefined;
      if (config.SERVICE_TOKEN_SECRET) {
        const url =
          config.AUTH_SERVICE_TOKEN_URL ??
          new URL('/internal/service-token', config.AUTH_JWKS_URL).toString();
        relay = new OutboxRelay(
          db,
          graph,
          serviceTokensFrom(url, config.SERVICE_TOKEN_SECRET),
          logger,
          {
            intervalMs: config.OUTBOX_INTERVAL_MS,
          },
        );
        relay.start();
      } else {
        logger.warn(
          'SERVICE_TOKEN_SECRET is not set: vehicle-status changes stay queued in deals.outbox',
        );
      }
      const service = new DealService(db, graph, () => relay?.kick());
      return {
        services: { service, relay, stopPublishing },
        resolvers: {
          ...createResolvers(service),
          Subscription: dealActivityResolvers(service, bus),
        },
      };
    },
    stop: async ({ stopPublishing, relay }) => {
      stopPublishing();
      await relay?.stop();
    },
  });
}
