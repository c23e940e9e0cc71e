// Assembles the ml subgraph: the learning engines per dealership. `main.ts` runs it as a process.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import { z } from 'zod';
import { graphDealSource, graphTeamDirectory, serviceTokensFrom } from './domain/graph-source.ts';
import { CachedTeamDirectory, type TeamDirectory } from './domain/team-directory.ts';
import { Learner } from './domain/learner.ts';
import { ModelService } from './domain/model-service.ts';
import { PrimeService } from './domain/prime-service.ts';
import { SegmentService } from './domain/segment-service.ts';
import { TeamService } from './domain/team-service.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const mlConfigSchema = subgraphConfigSchema('ml').extend({
  /** The router (base URL): ml reads each dealership's deals through its /graphql. */
  ROUTER_URL: z.url().default('http://127.0.0.1:4000'),
  /** Shared with auth: ml's service token ("service:ml", deals.read + customers.read). Unset = ml reads nothing. */
  SERVICE_TOKEN_SECRET: z.string().min(32).optional(),
  /** Where to ask for it; default: the auth server of AUTH_JWKS_URL. */
  AUTH_SERVICE_TOKEN_URL: z.url().optional(),
  /** Milliseconds between reads of a dealership's deals without a deal event. */
  ML_SYNC_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /**
   * Dealerships to follow from the start (comma-separated ids), before any of their users asks ml
   * anything: `npm start` names the demo dealership so its segments are learned at once.
   */
  ML_FOLLOW_DEALERSHIPS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.uuid())),
});
export type MlConfig = z.infer<typeof mlConfigSchema>;

export function startMlSubgraph(config: MlConfig) {
  return bootSubgraph({
    name: 'ml',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    setup: async (db, { bus, logger }) => {
      let source = null;
      let directory: TeamDirectory | null = null;
      if (config.SERVICE_TOKEN_SECRET) {
        const url =
          config.AUTH_SERVICE_TOKEN_URL ??
          new URL('/internal/service-token', config.AUTH_JWKS_URL).toString();
        const graphUrl = `${config.ROUTER_URL.replace(/\/+$/, '')}/graphql`;
        const tokens = serviceTokensFrom(url, config.SERVICE_TOKEN_SECRET);
        source = graphDealSource(graphUrl, tokens);
        directory = graphTeamDirectory(graphUrl, tokens);
      } else {
        logger.warn('SERVICE_TOKEN_SECRET is not set: ml reads no deals and learns nothing');
      }
      const segments = new SegmentService(db, logger);
      const team = new TeamService(
        db,
        bus,
        undefined,
        new CachedTeamDirectory(directory, logger.child({ component: 'team-directory' })),
      );
      const learner = new Learner(
        db,
        source,
        segments,
        bus,
        logger,
        { intervalMs: config.ML_SYNC_INTERVAL_MS },
        (dealershipId) => team.changed(dealershipId),
      );
      await learner.start();
      for (const id of config.ML_FOLLOW_DEALERSHIPS) await learner.follow(id);
      const services = {
        models: new ModelService(db),
        segments,
        prime: new PrimeService(db),
        learner,
        team,
      };
      return { services, resolvers: createResolvers(services) };
    },
    stop: async ({ learner }) => {
      await learner.stop();
    },
  });
}
