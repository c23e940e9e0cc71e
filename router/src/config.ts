// The router's configuration: the shape createRouter takes, and how it is read from the environment.
// Which SUBGRAPH_<NAME>_SECRET variables are required depends on the supergraph, so the env schema is
// built after reading the supergraph file.
import { z } from 'zod';
import {
  SUBGRAPHS,
  defaultSubgraphUrl,
  flag,
  logLevel,
  loadConfig,
  nodeEnv,
  port,
  secret,
  subgraphEnvName,
  type Env,
  type Logger,
} from '@autolytiq/kit/core';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from './rate-limit.ts';
import type { RevocationFeedConfig } from '@autolytiq/kit/core';
import type { SubscriptionBounds } from './subscriptions/server.ts';
import { DEFAULT_SUPERGRAPH_PATH, type SupergraphGraph } from './supergraph.ts';

export interface OperationLimits {
  /** Deepest field nesting an operation may have (fragments add no depth of their own). */
  maxDepth: number;
  /** Aliased fields an operation may have, counted after expanding fragments. */
  maxAliases: number;
  /** Budget for the cost model of limits.ts (1 per field; list fields multiply their selection). */
  maxCost: number;
  /** Assumed list length when a list field has no `first`/`last`/`limit`/`take` argument. */
  defaultListSize: number;
  /** Longest operation text (UTF-8 bytes) accepted; checked before anything else reads it. */
  maxDocumentBytes: number;
  /** Most lexical tokens the parser reads before giving up (graphql-js `maxTokens`). */
  maxTokens: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 10_000,
  defaultListSize: 10,
  // Measured: the web app's largest operation definition is 106 tokens / 1 KB and GraphiQL's
  // introspection query 183 tokens / 2 KB. 64 KB and 5,000 tokens leave room for real clients while
  // keeping parse + validation of a hostile document under ≈ 20 ms (1.5 s for the 1 MB document of
  // 50,000 `__typename` aliases in issue 12; node_modules/.bin/node, warm, graphql 16.15).
  maxDocumentBytes: 64 * 1024,
  maxTokens: 5_000,
};

export interface SubgraphEndpoint {
  url: string;
  /** Sent as `x-subgraph-secret`; the subgraph refuses requests without it. */
  secret: string;
}

export interface RouterConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** The auth subgraph's JWKS; fetched lazily, cached, refetched on an unknown `kid`. */
  jwksUrl: string;
  /** By composed subgraph name (`auth`, `admin`...). Every graph of the supergraph needs an entry. */
  subgraphs: Record<string, SubgraphEndpoint>;
  introspection: boolean;
  explorer: boolean;
  limits: OperationLimits;
  /** Approximate size of the gateway's query-plan LRU cache. */
  queryPlanCacheMiB: number;
  /**
   * Identical subgraph query fetches in flight at once (same caller, document, variables) are sent
   * once and their answer shared. Never mutations. Default true.
   */
  dedupeQueries?: boolean;
  /** Show internal error messages and stack traces (NODE_ENV=development). */
  development: boolean;
  logLevel: z.infer<ReturnType<typeof logLevel>>;
  /** Where the GraphiQL bundle is cached between starts (built on first use otherwise). */
  explorerCacheDir?: string;
  /** Per-user/tenant/IP and sign-in limits; absent = not limited. */
  rateLimits?: RateLimitConfig;
  /** Where to learn about ended sessions (the auth subgraph's feed); absent = not checked. */
  revocations?: RevocationFeedConfig;
  /** Bounds of graphql-ws subscriptions (subscriptions/server.ts has the defaults). */
  subscriptions?: Partial<SubscriptionBounds>;
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client's address. */
  trustProxy?: boolean | number | string;
  /** Bearer token a Prometheus scraper sends for /metrics; absent = loopback scrapers only. */
  metricsToken?: string;
  /** Tests inject a logger writing to a buffer; otherwise one is made from logLevel. */
  logger?: Logger;
}

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The zod schema of the router's environment, for a supergraph with these subgraphs. */
export function routerEnvSchema(graphs: SupergraphGraph[]) {
  const perSubgraph: Record<string, z.ZodType> = {};
  for (const graph of graphs) {
    const known = SUBGRAPHS.find((s) => s.name === graph.name);
    const fallbackUrl = known ? defaultSubgraphUrl(known) : graph.url;
    perSubgraph[subgraphEnvName(graph.name, 'URL')] = fallbackUrl
      ? z.url().default(fallbackUrl)
      : z.url();
    perSubgraph[subgraphEnvName(graph.name, 'SECRET')] = secret();
  }
  return z.object({
    PORT: port(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
    AUTH_JWKS_URL: z.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
    ROUTER_INTROSPECTION: flag(true),
    ROUTER_EXPLORER: flag(true),
    ROUTER_MAX_DEPTH: positiveInt(DEFAULT_LIMITS.maxDepth),
    ROUTER_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.maxAliases),
    ROUTER_MAX_COST: positiveInt(DEFAULT_LIMITS.maxCost),
    ROUTER_DEFAULT_LIST_SIZE: positiveInt(DEFAULT_LIMITS.defaultListSize),
    ROUTER_MAX_DOCUMENT_BYTES: positiveInt(DEFAULT_LIMITS.maxDocumentBytes),
    ROUTER_MAX_TOKENS: positiveInt(DEFAULT_LIMITS.maxTokens),
    ROUTER_QUERY_PLAN_CACHE_MIB: positiveInt(30),
    ROUTER_DEDUPE_QUERIES: flag(true),
    ROUTER_WS_MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt(25),
    ROUTER_WS_MAX_SOCKETS_PER_USER: positiveInt(10),
    ROUTER_WS_MAX_SOCKETS_PER_DEALERSHIP: positiveInt(2000),
    ROUTER_EXPLORER_CACHE_DIR: z.string().min(1).optional(),
    ROUTER_RATE_LIMITS: flag(true),
    ROUTER_RATE_LIMIT_WINDOW_SECONDS: positiveInt(DEFAULT_RATE_LIMITS.windowMs / 1000),
    ROUTER_RATE_LIMIT_USER: positiveInt(DEFAULT_RATE_LIMITS.perUser),
    ROUTER_RATE_LIMIT_TENANT: positiveInt(DEFAULT_RATE_LIMITS.perTenant),
    ROUTER_RATE_LIMIT_IP: positiveInt(DEFAULT_RATE_LIMITS.perIp),
    ROUTER_RATE_LIMIT_LOGIN: positiveInt(DEFAULT_RATE_LIMITS.loginPerIp),
    ROUTER_TRUST_PROXY: z.string().min(1).default('loopback'),
    REDIS_URL: z.url().optional(),
    ROUTER_METRICS_TOKEN: secret().optional(),
    ROUTER_REVOCATION_POLL_MS: z.coerce.number().int().min(0).default(2000),
    LOG_LEVEL: logLevel(),
    NODE_ENV: nodeEnv(),
    ...perSubgraph,
  });
}

export type RouterEnv = z.infer<ReturnType<typeof routerEnvSchema>>;

export function routerConfigFromParsedEnv(env: RouterEnv, graphs: SupergraphGraph[]): RouterConfig {
  const raw = env as Record<string, unknown>;
  const subgraphs: Record<string, SubgraphEndpoint> = {};
  for (const graph of graphs) {
    subgraphs[graph.name] = {
      url: String(raw[subgraphEnvName(graph.name, 'URL')]),
      secret: String(raw[subgraphEnvName(graph.name, 'SECRET')]),
    };
  }
  return {
    port: env.PORT,
    host: env.HOST,
    supergraphPath: env.SUPERGRAPH_PATH,
    jwksUrl: env.AUTH_JWKS_URL,
    subgraphs,
    introspection: env.ROUTER_INTROSPECTION,
    explorer: env.ROUTER_EXPLORER,
    limits: {
      maxDepth: env.ROUTER_MAX_DEPTH,
      maxAliases: env.ROUTER_MAX_ALIASES,
      maxCost: env.ROUTER_MAX_COST,
      defaultListSize: env.ROUTER_DEFAULT_LIST_SIZE,
      maxDocumentBytes: env.ROUTER_MAX_DOCUMENT_BYTES,
      maxTokens: env.ROUTER_MAX_TOKENS,
    },
    queryPlanCacheMiB: env.ROUTER_QUERY_PLAN_CACHE_MIB,
    dedupeQueries: env.ROUTER_DEDUPE_QUERIES,
    development: env.NODE_ENV === 'development',
    logLevel: env.LOG_LEVEL,
    explorerCacheDir: env.ROUTER_EXPLORER_CACHE_DIR,
    rateLimits: env.ROUTER_RATE_LIMITS
      ? {
          windowMs: env.ROUTER_RATE_LIMIT_WINDOW_SECONDS * 1000,
          perUser: env.ROUTER_RATE_LIMIT_USER,
          perTenant: env.ROUTER_RATE_LIMIT_TENANT,
          perIp: env.ROUTER_RATE_LIMIT_IP,
          loginPerIp: env.ROUTER_RATE_LIMIT_LOGIN,
          redisUrl: env.REDIS_URL,
        }
      : undefined,
    trustProxy: trustProxySetting(env.ROUTER_TRUST_PROXY),
    metricsToken: env.ROUTER_METRICS_TOKEN,
    revocations: revocationFeed(subgraphs.auth, env.ROUTER_REVOCATION_POLL_MS),
    subscriptions: {
      maxSubscriptionsPerSocket: env.ROUTER_WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxSocketsPerUser: env.ROUTER_WS_MAX_SOCKETS_PER_USER,
      maxSocketsPerDealership: env.ROUTER_WS_MAX_SOCKETS_PER_DEALERSHIP,
    },
  };
}

/** Parse the environment for a supergraph's subgraphs; throws kit's ConfigError naming the variables. */
export function routerConfigFromEnv(env: Env, graphs: SupergraphGraph[]): RouterConfig {
  return routerConfigFromParsedEnv(loadConfig(routerEnvSchema(graphs), env), graphs);
}

/** ROUTER_TRUST_PROXY in express's terms: true/false, a hop count, or addresses/`loopback`/CIDRs. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** The auth subgraph publishes ended sessions beside its GraphQL endpoint; 0 ms = do not poll. */
function revocationFeed(
  auth: SubgraphEndpoint | undefined,
  pollMs: number,
): RevocationFeedConfig | undefined {
  if (!auth || pollMs === 0) return undefined;
  return {
    url: new URL('/internal/revoked-sessions', auth.url).toString(),
    secret: auth.secret,
    pollMs,
  };
}
