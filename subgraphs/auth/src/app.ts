// Assembles the auth subgraph: database, signing keys, services, server. `main.ts` runs it as a
// process; tests call startAuthSubgraph directly with their own config.
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import {
  createLogger,
  createTokenVerifier,
  openDatabase,
  startSubgraphServer,
  type RunningSubgraph,
} from '@autolytiq/kit';
import type { z } from 'zod';
import { subgraphConfigSchema, secret } from '@autolytiq/kit';
import { AuthService } from './domain/auth-service.ts';
import { KeyManager } from './domain/key-manager.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const authConfigSchema = subgraphConfigSchema(4001).extend({
  /** Encrypts the private signing keys at rest. Losing it means every key must be regenerated. */
  AUTH_KEY_SECRET: secret(32),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;

const typeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

export interface RunningAuth extends RunningSubgraph {
  keys: KeyManager;
}

export async function startAuthSubgraph(config: AuthConfig): Promise<RunningAuth> {
  const logger = createLogger('auth', config.LOG_LEVEL);
  const db = await openDatabase({
    url: config.DATABASE_URL,
    appUrl: config.DATABASE_APP_URL,
    schema: 'auth',
    migrations,
  });
  try {
    await db.migrate();
    const keys = await KeyManager.open(db, config.AUTH_KEY_SECRET);
    const auth = new AuthService(db, keys);
    const server = await startSubgraphServer({
      name: 'auth',
      typeDefs,
      resolvers: createResolvers({ db, auth }) as never,
      port: config.PORT,
      host: config.HOST,
      subgraphSecret: config.SUBGRAPH_SECRET,
      // The auth subgraph verifies against its own key table rather than fetching its own JWKS.
      verifyToken: createTokenVerifier(keys.getKey),
      logger,
      development: config.NODE_ENV === 'development',
      ready: async () => db.migrated && (await db.ping()),
      routes: (app) => {
        app.get('/.well-known/jwks.json', (_req, res) => {
          res.setHeader('cache-control', 'public, max-age=300');
          res.json(keys.jwks());
        });
      },
      onStop: () => db.close(),
    });
    return { ...server, keys };
  } catch (error) {
    await db.close();
    throw error;
  }
}
