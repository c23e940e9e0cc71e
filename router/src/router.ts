// The router process: @apollo/gateway on the static supergraph, served by Apollo Server on express.
//
// /graphql pipeline (graphql-http.ts): request id → JSON body → token verification (401 on a bad
// token) → rate limits → Apollo Server, whose plugin checks limits and authorization before the
// gateway plans the operation. A plain JSON POST /graphql skips express entirely.
// Also served: /health (alive), /ready (not draining; which subgraphs are down), /metrics (Prometheus),
// and the GraphiQL explorer at / (and GET /graphql from a browser).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import {
  cachedTokenVerifier,
  createLogger,
  createTokenVerifier,
  normalizeFormattedError,
  remoteJwks,
} from '@autolytiq/kit/core';
import type { RouterConfig } from './config.ts';
import { createExplorer } from './explorer.ts';
import { SubgraphDataSource, createGateway } from './gateway.ts';
import proxyaddr from 'proxy-addr';
import { startRouterSubscriptions, type RouterSubscriptions } from './subscriptions/server.ts';
import { routerPlugin } from './plugin.ts';
import { dealershipTimezones } from './dealership-timezone.ts';
import { graphqlHttp } from './graphql-http.ts';
import {
  authenticator,
  currentCallerSignedIn,
  currentRequestId,
  type RouterContext,
} from './request-context.ts';
import { sessionRoutes } from './session.ts';
import { clientTokenRoutes } from './client-token.ts';
import { createRateLimiter } from './rate-limit-http.ts';
import { RevocationList, refuseRevoked } from '@autolytiq/kit/core';
import { createSubgraphConnections } from './subgraph-fetch.ts';
import { readiness, subgraphHealth } from './subgraph-health.ts';
import { loadSupergraph } from './supergraph.ts';
import { OperationTelemetry } from './telemetry.ts';

export interface RunningRouter {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  server: http.Server;
  /** graphql-ws on /graphql: counts, and `reload` for a new supergraph. */
  subscriptions: RouterSubscriptions;
  /** Stops accepting, drains in-flight requests, closes subgraph connections. Idempotent. */
  stop(): Promise<void>;
}

export async function createRouter(config: RouterConfig): Promise<RunningRouter> {
  // The gateway reads this in its constructor; the router never sends anything to Apollo.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  // …and its cloud resource detectors would probe metadata addresses (gcp-metadata honours this).
  process.env.METADATA_SERVER_DETECTION = 'none';
  const logger = config.logger ?? createLogger('router', config.logLevel);
  const supergraph = loadSupergraph(config.supergraphPath);
  const connections = createSubgraphConnections({ dedupe: config.dedupeQueries ?? true });
  const gateway = createGateway({
    supergraph,
    subgraphs: config.subgraphs,
    connections,
    queryPlanCacheMiB: config.queryPlanCacheMiB,
    logger: logger.child({ component: 'gateway' }),
  });
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses nobody revalidates: hashing each body for an ETag is wasted work.
  app.disable('etag');
  // Whose address is the client's: with a proxy in front (the web app's rewrites on loopback by
  // default), the X-Forwarded-For entry it added, not the proxy's own address.
  app.set('trust proxy', config.trustProxy ?? false);
  const limiter = config.rateLimits
    ? createRateLimiter(config.rateLimits, logger.child({ component: 'rate-limit' }))
    : undefined;
  // Filled in once Apollo Server has started; nothing listens before that.
  let handleFast: (req: http.IncomingMessage, res: http.ServerResponse) => boolean = () => false;
  const server = http.createServer((req, res) => {
    if (!handleFast(req, res)) app(req, res);
  });
  // Longer than the usual load balancer idle timeout (60 s), so the balancer closes idle
  // connections first and never sends a request on a socket the router is closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const telemetry = new OperationTelemetry(logger);
  telemetry.countSharedFetches(() => connections.joined);

  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.development,
    formatError: (formatted) =>
      normalizeFormattedError(withoutSuggestions(formatted), {
        requestId: currentRequestId(),
        development: config.development,
      }),
    // Bounds parsing itself; the document's size is checked before (graphql-http.ts).
    parseOptions: { maxTokens: config.limits.maxTokens },
    logger: logger.child({ component: 'apollo' }),
    // main.ts owns signal handling (Apollo's own handler re-raises the signal after stopping).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      routerPlugin({ authzSchema: supergraph.authzSchema, limits: config.limits, limiter }),
    ],
  });
  await apollo.start();
  const revocations = config.revocations
    ? new RevocationList(config.revocations, logger.child({ component: 'revocations' }))
    : undefined;
  await revocations?.start();
  if (limiter && !(await limiter.ready())) {
    logger.warn(
      'rate-limit store (REDIS_URL) not reachable yet; requests are not limited until it is',
    );
  }
  let ready = true;

  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  const health = subgraphHealth(config.subgraphs);
  app.get('/ready', async (req, res) => {
    const states = ready ? await health.states() : {};
    const { status, body } = readiness(!ready, states, req.query.all === '1');
    res.status(status).json(body);
  });
  app.get('/metrics', async (req, res) => {
    if (!metricsAllowed(req, config.metricsToken)) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.type(telemetry.registry.contentType).send(await telemetry.registry.metrics());
  });
  // Cookie sessions for the web app; they call /graphql on loopback once the server listens.
  let selfUrl = '';
  if (config.subgraphs.auth)
    app.use('/auth', clientTokenRoutes({ auth: config.subgraphs.auth, limiter }));
  app.use(
    '/auth',
    sessionRoutes(() => selfUrl, csrfKeyFrom(config)),
  );
  if (config.explorer)
    app.use(createExplorer({ cacheDir: config.explorerCacheDir, logger }).router);
  const timezones = dealershipTimezones(config.subgraphs.admin, logger);
  const authenticate = timezones.withTimezones(
    authenticator(
      refuseRevoked(
        cachedTokenVerifier(createTokenVerifier(remoteJwks(config.jwksUrl))),
        revocations,
      ),
    ),
  );
  const trustProxy = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const graphql = graphqlHttp({
    apollo,
    authenticate,
    limiter,
    telemetry,
    trustProxy,
    development: config.development,
    maxDocumentBytes: config.limits.maxDocumentBytes,
  });
  handleFast = graphql.handleFast;
  app.use('/graphql', ...graphql.expressStages);
  app.use('/graphql', graphql.expressErrors);
  // graphql-ws on the same port and path (subscriptions/server.ts).
  const subscriptions = startRouterSubscriptions({
    httpServer: server,
    sdl: supergraph.sdl,
    authzSchema: supergraph.authzSchema,
    dataSources: Object.fromEntries(
      supergraph.graphs.map((g) => [
        g.name,
        new SubgraphDataSource(g.name, config.subgraphs[g.name]!, connections),
      ]),
    ),
    endpoints: config.subgraphs,
    authenticate,
    sessionEnded: revocations ? (id) => revocations.has(id) : undefined,
    limits: config.limits,
    limiter,
    bounds: config.subscriptions,
    logger: logger.child({ component: 'subscriptions' }),
    development: config.development,
    clientIp: (req) =>
      (req.headers['x-forwarded-for'] === undefined ? undefined : proxyaddr(req, trustProxy)) ??
      req.socket.remoteAddress ??
      'unknown',
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}/graphql`;
  const loopback = ['0.0.0.0', '::', '[::]'].includes(config.host) ? '127.0.0.1' : host;
  selfUrl = `http://${loopback}:${port}/graphql`;
  logger.info({ url, subgraphs: supergraph.graphs.map((g) => g.name) }, 'router ready');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      ready = false;
      await subscriptions.close();
      await apollo.stop(); // drains the HTTP server and stops the gateway
      revocations?.stop();
      await connections.close();
      await limiter?.close();
      logger.info('router stopped');
    })());
  return { url, server, subscriptions, stop };
}

// Validation's "Did you mean …?" hints spell out field and type names: a schema map for anonymous
// callers, who may not introspect. Signed-in callers keep them.
const SUGGESTION = / Did you mean .*$/s;
function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (currentCallerSignedIn() || !SUGGESTION.test(formatted.message)) return formatted;
  return { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
}

/**
 * /metrics tells anyone who can read it which operations run, how often and how they fail. With a
 * ROUTER_METRICS_TOKEN it needs `Authorization: Bearer <token>`; without one only a scraper on this
 * machine may read it (a loopback socket and no X-Forwarded-For, i.e. not through the web app's or
 * any other proxy). Refusals look like an unknown path.
 */
function metricsAllowed(req: express.Request, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '::1' || /^(::ffff:)?127\./.test(address);
  return loopback && req.headers['x-forwarded-for'] === undefined;
}

/** The same on every replica and across restarts: derived from the auth subgraph's secret. */
function csrfKeyFrom(config: RouterConfig): Buffer {
  const secret = config.subgraphs.auth?.secret;
  return secret
    ? createHash('sha256').update(`autolytiq-csrf:${secret}`).digest()
    : randomBytes(32);
}
