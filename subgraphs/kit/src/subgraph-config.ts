// The variables every subgraph process reads. A subgraph extends this with its own.
import { z } from 'zod';
import { logLevel, nodeEnv, port, secret } from './config.ts';
import { subgraphInfo } from './subgraphs.ts';

/** The subgraph's variables; its default port comes from SUBGRAPHS when given its name. */
export function subgraphConfigSchema(nameOrPort: string | number) {
  const defaultPort = typeof nameOrPort === 'number' ? nameOrPort : subgraphInfo(nameOrPort).port;
  return z.object({
    PORT: port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    /** The schema owner: migrations run as this user. */
    DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }),
    /**
     * Optional separate login for application queries (a member of autolytiq_app). Without it the
     * owner's connections switch to autolytiq_app with SET ROLE, which RLS honours but raw SQL could undo.
     */
    DATABASE_APP_URL: z.url({ message: 'must be a postgres:// URL' }).optional(),
    SUBGRAPH_SECRET: secret(16),
    AUTH_JWKS_URL: z.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
    /**
     * The auth subgraph's feed of ended sessions (…/internal/revoked-sessions) and the secret it
     * accepts for it: with both, this subgraph refuses a signed-out session's token itself instead of
     * trusting that every caller came through the router. Auth accepts AUTH_REVOCATIONS_SECRET.
     */
    AUTH_REVOCATIONS_URL: z.url().optional(),
    AUTH_REVOCATIONS_SECRET: secret(16).optional(),
    AUTH_REVOCATIONS_POLL_MS: z.coerce.number().int().min(100).optional(),
    /** Redis for the event bus subscriptions stream from; unset = in-process (one process set). */
    REDIS_URL: z.url().optional(),
    NODE_ENV: nodeEnv(),
    LOG_LEVEL: logLevel(),
  });
}

export type SubgraphConfig = z.infer<ReturnType<typeof subgraphConfigSchema>>;
