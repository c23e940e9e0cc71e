// The variables every subgraph process reads. A subgraph extends this with its own.
import { z } from 'zod';
import { logLevel, nodeEnv, port, secret } from './config.ts';

export function subgraphConfigSchema(defaultPort: number) {
  return z.object({
    PORT: port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }),
    SUBGRAPH_SECRET: secret(16),
    AUTH_JWKS_URL: z.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
    NODE_ENV: nodeEnv(),
    LOG_LEVEL: logLevel(),
  });
}

export type SubgraphConfig = z.infer<ReturnType<typeof subgraphConfigSchema>>;
