// Assembles the calc subgraph: the engine behind GraphQL, plus the dealership's local rate table.
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
import { CalcService } from './domain/calc-service.ts';
import { LocalRateService } from './domain/local-rates.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const calcConfigSchema = subgraphConfigSchema(4006);
export type CalcConfig = z.infer<typeof calcConfigSchema>;

const typeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

export async function startCalcSubgraph(config: CalcConfig): Promise<RunningSubgraph> {
  const db = await openDatabase({
    url: config.DATABASE_URL,
    appUrl: config.DATABASE_APP_URL,
    schema: 'calc',
    migrations,
  });
  try {
    await db.migrate();
    return await startSubgraphServer({
      name: 'calc',
      typeDefs,
      resolvers: createResolvers({
        calc: new CalcService(db),
        rates: new LocalRateService(db),
      }) as never,
      port: config.PORT,
      host: config.HOST,
      subgraphSecret: config.SUBGRAPH_SECRET,
      verifyToken: createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL)),
      logger: createLogger('calc', config.LOG_LEVEL),
      development: config.NODE_ENV === 'development',
      ready: async () => db.migrated && (await db.ping()),
      bodyLimit: '10mb', // rate tables are imported as CSV text
      onStop: () => db.close(),
    });
  } catch (error) {
    await db.close();
    throw error;
  }
}
