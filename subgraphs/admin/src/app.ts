// Assembles the admin subgraph (tenant core). `main.ts` runs it as a process.
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import {
  createLogger,
  createTokenVerifier,
  openDatabase,
  remoteJwks,
  startSubgraphServer,
  subgraphConfigSchema,
  type RunningSubgraph,
} from '@autolytiq/kit';
import type { z } from 'zod';
import { DealershipService } from './domain/dealership-service.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const adminConfigSchema = subgraphConfigSchema(4002);
export type AdminConfig = z.infer<typeof adminConfigSchema>;

const typeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

export async function startAdminSubgraph(config: AdminConfig): Promise<RunningSubgraph> {
  const db = await openDatabase({
    url: config.DATABASE_URL,
    appUrl: config.DATABASE_APP_URL,
    schema: 'admin',
    migrations,
  });
  try {
    await db.migrate();
    return await startSubgraphServer({
      name: 'admin',
      typeDefs,
      resolvers: createResolvers(new DealershipService(db)) as never,
      port: config.PORT,
      host: config.HOST,
      subgraphSecret: config.SUBGRAPH_SECRET,
      verifyToken: createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL)),
      logger: createLogger('admin', config.LOG_LEVEL),
      development: config.NODE_ENV === 'development',
      ready: async () => db.migrated && (await db.ping()),
      onStop: () => db.close(),
    });
  } catch (error) {
    await db.close();
    throw error;
  }
}
