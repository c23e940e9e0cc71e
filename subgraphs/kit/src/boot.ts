// The one start-up sequence of every subgraph: open its schema, migrate, serve; close the pool if
// anything fails half-way. A subgraph's app.ts only says what is its own; its main.ts is one
// `runSubgraph` call. The kit owns the logger (handed to setup), the shared scalars (server.ts),
// the default port (SUBGRAPHS) and the shutdown order (server, then `stop`, bus, database).
import { readFileSync } from 'node:fs';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { RequestContext } from './context.ts';
import { openDatabase, type Database, type MigrationList } from './db/index.ts';
import { createEventBus, type EventBus } from './events/bus.ts';
import { createLogger, type Logger } from './logger.ts';
import type { LevelWithSilent } from 'pino';
import type { z } from 'zod';
import { loadConfigOrExit } from './config.ts';
import {
  startSubgraphServer,
  stopOnSignals,
  type RunningSubgraph,
  type SubgraphServerOptions,
} from './server.ts';
import type { SubgraphConfig } from './subgraph-config.ts';
import { createTokenVerifier, remoteJwks, type TokenVerifier } from './tokens.ts';
import { cachedTokenVerifier } from './token-cache.ts';
import { RevocationList, refuseRevoked } from './revocations.ts';

export interface BootOptions<T> {
  /** The subgraph's name, which is also its PostgreSQL schema. */
  name: string;
  config: SubgraphConfig;
  /** URL of the subgraph's schema.graphql (new URL('../schema.graphql', import.meta.url)). */
  schemaUrl: URL;
  migrations: MigrationList;
  /** Builds the services and resolvers once the database is migrated. */
  setup: (
    db: Database,
    shared: { bus: EventBus; logger: Logger },
  ) => Promise<{
    resolvers: unknown;
    services: T;
    verifyToken?: TokenVerifier;
  }>;
  routes?: (services: T) => SubgraphServerOptions['routes'];
  /** Stops background work of the services (mail relay...) before the database pool closes. */
  stop?: (services: T) => Promise<void>;
  bodyLimit?: string;
}

export type BootedSubgraph<T> = RunningSubgraph & { services: T; bus: EventBus };

export async function bootSubgraph<T>(opts: BootOptions<T>): Promise<BootedSubgraph<T>> {
  const { config } = opts;
  const typeDefs = parse(readFileSync(opts.schemaUrl, 'utf8'));
  const db = await openDatabase({
    url: config.DATABASE_URL,
    appUrl: config.DATABASE_APP_URL,
    schema: opts.name,
    migrations: opts.migrations,
  });
  const logger = createLogger(opts.name, config.LOG_LEVEL);
  let revocations: RevocationList | undefined;
  // Subscriptions stream from this bus; publishers write to it after their transaction commits.
  const bus = createEventBus(config.REDIS_URL, logger.child({ component: 'event-bus' }));
  try {
    await db.migrate();
    const { resolvers, services, verifyToken } = await opts.setup(db, { bus, logger });
    revocations = revocationListFor(config, logger);
    await revocations?.start();
    const server = await startSubgraphServer({
      name: opts.name,
      typeDefs,
      // Resolver maps are typed per subgraph by codegen; Apollo's map type is looser.
      resolvers: resolvers as GraphQLResolverMap<RequestContext>,
      port: config.PORT,
      host: config.HOST,
      subgraphSecret: config.SUBGRAPH_SECRET,
      verifyToken: refuseRevoked(
        verifyToken ?? cachedTokenVerifier(createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL))),
        revocations,
      ),
      logger,
      development: config.NODE_ENV === 'development',
      ready: async () => db.migrated && (await db.ping()),
      routes: opts.routes?.(services),
      bodyLimit: opts.bodyLimit,
      onStop: async () => {
        revocations?.stop();
        await opts.stop?.(services);
        await bus.close();
        await db.close();
      },
    });
    return { ...server, services, bus };
  } catch (error) {
    revocations?.stop();
    await bus.close();
    await db.close();
    throw error;
  }
}

/** The ended-sessions feed when configured (the auth subgraph itself has no need: it reads its table). */
function revocationListFor(config: SubgraphConfig, logger: Logger): RevocationList | undefined {
  if (!config.AUTH_REVOCATIONS_URL || !config.AUTH_REVOCATIONS_SECRET) return undefined;
  return new RevocationList(
    {
      url: config.AUTH_REVOCATIONS_URL,
      secret: config.AUTH_REVOCATIONS_SECRET,
      pollMs: config.AUTH_REVOCATIONS_POLL_MS ?? 2000,
    },
    logger.child({ component: 'revocations' }),
  );
}

/**
 * A subgraph process: its configuration from the environment (exit 78 with the reasons when
 * invalid), started, and stopped cleanly on SIGTERM / SIGINT.
 */
export async function runSubgraph<
  S extends z.ZodObject<{ LOG_LEVEL: z.ZodType<LevelWithSilent> }>,
  R extends RunningSubgraph,
>(name: string, configSchema: S, start: (config: z.infer<S>) => Promise<R>): Promise<R> {
  const config = loadConfigOrExit(configSchema);
  const running = await start(config);
  stopOnSignals(running.stop, createLogger(name, config.LOG_LEVEL));
  return running;
}
