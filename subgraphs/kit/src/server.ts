// Server bootstrap shared by every subgraph: Apollo Server 5 on express 5 with /health, /ready,
// /metrics, the guards of http-guards.ts, and graceful shutdown.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import express, { type Express } from 'express';
import { Kind, type DocumentNode, type GraphQLScalarType } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from './context.ts';
import { runInRequestScope } from './audit/scope.ts';
import {
  locals,
  requestIdMiddleware,
  sendError,
  subgraphSecretMiddleware,
  tokenMiddleware,
} from './http-guards.ts';
import { createMetrics } from './metrics.ts';
import { operationPlugin } from './operation-plugin.ts';
import { SUBGRAPH_MAX_TOKENS } from './operation-check.ts';
import { DateScalar, DateTimeScalar, DecimalScalar } from './scalars.ts';
import { isUnavailableError, serviceUnavailable } from './unavailable.ts';
import type { TokenVerifier } from './tokens.ts';
import { startSubscriptionServer, type SubscriptionServer } from './ws-server.ts';

export interface SubgraphServerOptions {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<RequestContext>;
  port: number;
  host: string;
  subgraphSecret: string;
  verifyToken: TokenVerifier;
  logger: Logger;
  development: boolean;
  /** Readiness: database reachable and migrations done. */
  ready: () => Promise<boolean>;
  /** Largest request body accepted (express syntax, default "1mb"). */
  bodyLimit?: string;
  /** Extra routes mounted before /graphql (e.g. the auth subgraph's JWKS). */
  routes?: (app: Express) => void;
  /** Closed after the HTTP server on shutdown (database pools...). */
  onStop?: () => Promise<void>;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  /** graphql-ws on the same port and path, when the schema has subscription fields. */
  subscriptions?: SubscriptionServer;
  stop: () => Promise<void>;
}

export async function startSubgraphServer(opts: SubgraphServerOptions): Promise<RunningSubgraph> {
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses nobody revalidates: hashing each body for an ETag is wasted work.
  app.disable('etag');
  const httpServer = http.createServer({ keepAliveTimeout: 65_000 }, app);
  const metrics = createMetrics(opts.name);
  const resolvers = { ...sharedScalars(opts.typeDefs), ...opts.resolvers };
  const schema = buildSubgraphSchema([{ typeDefs: opts.typeDefs, resolvers }]);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    includeStacktraceInErrorResponses: opts.development,
    // The database (or another connection this subgraph needs) is down: SERVICE_UNAVAILABLE naming
    // this subgraph, not INTERNAL — the client may retry; the log still gets the driver's error.
    formatError: (formatted, error) => {
      if (!isUnavailableError(unwrapResolverError(error))) return formatted;
      const unavailable = serviceUnavailable(opts.name);
      return {
        ...formatted,
        message: unavailable.message,
        extensions: { ...formatted.extensions, ...unavailable.extensions },
      };
    },
    // The same token cap as the subgraph's WebSocket (operation-check.ts).
    parseOptions: { maxTokens: SUBGRAPH_MAX_TOKENS },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Traces are for Apollo's cloud; our router does not read them and they cost time per request.
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing here sets cache hints, and the plugin wraps every field resolver to compute them.
      ApolloServerPluginCacheControlDisabled(),
      operationPlugin({ schema: () => schema, metrics, development: opts.development }),
    ],
  });
  await apollo.start();

  app.use(requestIdMiddleware);
  app.get('/health', (_req, res) => void res.json({ status: 'ok', service: opts.name }));
  app.get('/ready', async (_req, res) => {
    const ok = await opts.ready().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', service: opts.name });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  opts.routes?.(app);
  app.use(
    '/graphql',
    subgraphSecretMiddleware(opts.subgraphSecret),
    tokenMiddleware(opts.verifyToken),
    express.json({ limit: opts.bodyLimit ?? '1mb' }),
    // The audit trail's view of the request (who, request id, client address and user agent) for
    // everything the operation does, however deep in the domain the write happens.
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const { requestId, principal } = locals(res);
      runInRequestScope(
        {
          requestId,
          principal,
          address: req.header('x-client-ip')?.slice(0, 64) || undefined,
          userAgent: req.header('x-client-user-agent')?.slice(0, 512) || undefined,
        },
        next,
      );
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const { requestId, principal, token } = locals(res);
        const logger = opts.logger.child({
          requestId,
          dealershipId: principal?.dealershipId,
          userId: principal?.userId,
        });
        const client = {
          ip: req.header('x-client-ip')?.slice(0, 64) || undefined,
          userAgent: req.header('x-client-user-agent')?.slice(0, 512) || undefined,
        };
        return { requestId, principal, token, logger, client, scoped: new Map() };
      },
    }),
  );
  app.use(
    (error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      opts.logger.error({ err: error, requestId: locals(res).requestId }, 'unhandled error');
      sendError(res, 500, 'INTERNAL', 'Internal error; quote the request id to support.');
    },
  );

  const subscriptions = schema.getSubscriptionType()
    ? startSubscriptionServer({
        httpServer,
        schema,
        subgraphSecret: opts.subgraphSecret,
        verifyToken: opts.verifyToken,
        logger: opts.logger,
        development: opts.development,
      })
    : undefined;
  await new Promise<void>((resolve) => httpServer.listen(opts.port, opts.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${opts.host}:${port}/graphql`;
  opts.logger.info({ url }, `${opts.name} subgraph listening`);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await subscriptions?.close();
      await apollo.stop();
      httpServer.closeAllConnections();
      await opts.onStop?.();
      opts.logger.info(`${opts.name} subgraph stopped`);
    })());
  return { url, port, subscriptions, stop };
}

/**
 * The graph's shared scalars (DateTime, Date, Decimal) for those the schema declares: one
 * implementation for the whole supergraph, which a subgraph's resolvers need not repeat.
 */
function sharedScalars(typeDefs: DocumentNode): Record<string, GraphQLScalarType> {
  const all: Record<string, GraphQLScalarType> = {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Decimal: DecimalScalar,
  };
  const declared = typeDefs.definitions.filter(
    (d) => d.kind === Kind.SCALAR_TYPE_DEFINITION && d.name.value in all,
  );
  return Object.fromEntries(
    declared.map((d) => {
      const name = (d as { name: { value: string } }).name.value;
      return [name, all[name]!];
    }),
  );
}

/** Stops the process cleanly on SIGTERM / SIGINT (in-flight requests are drained first). */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  const handler = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => handler('SIGTERM'));
  process.once('SIGINT', () => handler('SIGINT'));
}
