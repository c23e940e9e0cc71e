// GraphQL subscriptions on the router: graphql-ws (graphql-transport-ws) on the router's own port
// and /graphql path. What each stage does:
// - connection_init: `{ authorization: "Bearer …" }` is verified like an HTTP request's header (ended
//   sessions refused); missing → close 4401, bad → 4401, too many sockets for the user or the
//   dealership → 4429; nothing is sent before that.
// - every message: at most GRAPHQL_BODY_LIMIT bytes (as an HTTP body), else close 1009 unread.
// - subscribe: document size/tokens, parse, validation against the API schema, the authorization
//   directives (supergraph), the input screen (NUL bytes, oversize strings, hex decimals…, as the
//   HTTP plugin), depth/alias/cost limits, the rate limits and a per-socket bound —
//   each refusal is a GraphQL `error` message with our codes; only subscriptions are accepted.
// - then: plan (planner.ts), open the primary upstream over graphql-ws (upstream.ts) as the user,
//   and for every upstream event resolve the fields other subgraphs own through `_entities`.
// - one sweep timer per server closes sockets whose token expired (4401 "Token expired") or whose
//   session ended (4401 "Session ended") within `sweepMs`.
// - in-band token refresh: a `ping` whose payload is `{ authorization: "Bearer <new token>" }` renews
//   the socket's token without dropping its subscriptions (refresh.ts); the `pong` answers
//   `{ refreshed: true, expiresAt }` or `{ refreshed: false, reason }` — never the token.
import type http from 'node:http';
import { GraphQLError, getVariableValues, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeJwt } from 'jose';
import type { GraphQLDataSource } from '@apollo/gateway';
import {
  AppError,
  checkOperation,
  normalizeFormattedError,
  type Logger,
  type Principal,
} from '@autolytiq/kit/core';
import type { OperationLimits, SubgraphEndpoint } from '../config.ts';
import { GRAPHQL_BODY_LIMIT } from '../graphql-http.ts';
import { assertWithinLimits, operationMeasurer } from '../limits.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { rateLimitedError } from '../rate-limit-http.ts';
import {
  AuthFailure,
  requestIdFrom,
  type Authenticator,
  type RouterContext,
} from '../request-context.ts';
import {
  createSubscriptionPlanner,
  type SubscriptionPlan,
  type SubscriptionPlanner,
} from './planner.ts';
import { refreshSocketToken, type RefreshableSocket } from './refresh.ts';
import { EventStream } from './stream.ts';
import { UpstreamPool } from './upstream.ts';

export interface SubscriptionBounds {
  maxSubscriptionsPerSocket: number;
  maxSocketsPerUser: number;
  maxSocketsPerDealership: number;
  /** Time a client has to send connection_init. */
  connectionInitWaitTimeoutMs: number;
  /** WebSocket ping interval (dead peers are dropped). */
  keepAliveMs: number;
  /** How often expired tokens and ended sessions are looked for. */
  sweepMs: number;
}

export const DEFAULT_SUBSCRIPTION_BOUNDS: SubscriptionBounds = {
  maxSubscriptionsPerSocket: 25,
  maxSocketsPerUser: 10,
  maxSocketsPerDealership: 2000,
  connectionInitWaitTimeoutMs: 5_000,
  keepAliveMs: 12_000,
  sweepMs: 1_000,
};

export const CLOSE = {
  unauthorized: 4401,
  forbidden: 4403,
  tooMany: 4429,
  goingAway: 1001,
} as const;

export interface RouterSubscriptionsOptions {
  httpServer: http.Server;
  sdl: string;
  authzSchema: GraphQLSchema;
  dataSources: Record<string, GraphQLDataSource<RouterContext>>;
  endpoints: Record<string, SubgraphEndpoint>;
  authenticate: Authenticator;
  /** True when the session has ended (the router's revocation list). */
  sessionEnded?: (sessionId: string) => boolean;
  limits: OperationLimits;
  limiter?: RateLimiter;
  bounds?: Partial<SubscriptionBounds>;
  logger: Logger;
  development: boolean;
  /** The client's address as the HTTP side resolves it (trusted proxies' X-Forwarded-For). */
  clientIp?: (request: http.IncomingMessage) => string;
}

interface Socket extends RefreshableSocket {
  principal: Principal;
  authorization: string;
  /** Token expiry (epoch ms). */
  expiresAt: number;
  requestId: string;
  clientIp: string;
  userAgent?: string;
  pool: UpstreamPool;
  streams: Map<string, EventStream>;
  close(code: number, reason: string): void;
}

interface Prepared {
  socket: Socket;
  id: string;
  plan: SubscriptionPlan;
  variables: Record<string, unknown>;
}

export interface RouterSubscriptions {
  /** Sockets and subscriptions open now (metrics, leak tests). */
  stats(): { sockets: number; subscriptions: number };
  /** A new supergraph: running subscriptions complete with an error saying so. */
  reload(sdl: string, authzSchema: GraphQLSchema): void;
  close(): Promise<void>;
}

export function startRouterSubscriptions(opts: RouterSubscriptionsOptions): RouterSubscriptions {
  const bounds = { ...DEFAULT_SUBSCRIPTION_BOUNDS, ...opts.bounds };
  let planner: SubscriptionPlanner = createSubscriptionPlanner(opts.sdl, opts.dataSources);
  let authzSchema = opts.authzSchema;
  let measure = operationMeasurer(authzSchema, opts.limits.defaultListSize);
  let plans = new Map<string, SubscriptionPlan>();
  const sockets = new Map<object, Socket>();
  const perUser = new Map<string, number>();
  const perTenant = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string, by: number) => {
    const n = (map.get(key) ?? 0) + by;
    if (n > 0) map.set(key, n);
    else map.delete(key);
  };

  // A message larger than an HTTP body may be is refused by ws (close 1009) before it is parsed.
  const wss = new WebSocketServer({
    server: opts.httpServer,
    path: '/graphql',
    maxPayload: GRAPHQL_BODY_LIMIT,
  });
  const format = (socket: Socket | undefined, errors: readonly GraphQLError[]) =>
    errors.map((e) =>
      normalizeFormattedError(e instanceof GraphQLError ? e.toJSON() : (e as never), {
        requestId: socket?.requestId ?? 'unknown',
        development: opts.development,
      }),
    );

  const connect = async (
    extra: { socket: WebSocket; request: http.IncomingMessage },
    params: Record<string, unknown>,
  ) => {
    const close = (code: number, reason: string) => extra.socket.close(code, reason);
    const authorization = params.authorization ?? params.Authorization;
    if (typeof authorization !== 'string' || !authorization) {
      close(CLOSE.unauthorized, 'Unauthorized: send { authorization: "Bearer <token>" }');
      return false;
    }
    const principal = await opts.authenticate(authorization);
    if (!principal || principal instanceof AuthFailure) {
      close(CLOSE.unauthorized, 'Unauthorized');
      return false;
    }
    if ((perUser.get(principal.userId) ?? 0) >= bounds.maxSocketsPerUser) {
      close(CLOSE.tooMany, 'Too many connections for this user');
      return false;
    }
    if ((perTenant.get(principal.dealershipId) ?? 0) >= bounds.maxSocketsPerDealership) {
      close(CLOSE.tooMany, 'Too many connections for this dealership');
      return false;
    }
    const header = extra.request.headers['x-request-id'];
    const requestId = requestIdFrom(typeof header === 'string' ? header : undefined);
    const clientIp = (opts.clientIp ?? clientAddress)(extra.request);
    const userAgent = extra.request.headers['user-agent'];
    const exp = decodeJwt(authorization.replace(/^Bearer\s+/i, '')).exp;
    const socket: Socket = {
      principal,
      authorization,
      expiresAt: typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY,
      requestId,
      clientIp,
      userAgent,
      pool: new UpstreamPool(opts.endpoints, {
        authorization,
        requestId,
        clientIp,
        userAgent,
        timezone: principal.timezone,
      }),
      streams: new Map(),
      close,
    };
    sockets.set(extra, socket);
    bump(perUser, principal.userId, 1);
    bump(perTenant, principal.dealershipId, 1);
    return true;
  };

  const disconnect = (extra: object) => {
    const socket = sockets.get(extra);
    if (!socket) return;
    sockets.delete(extra);
    bump(perUser, socket.principal.userId, -1);
    bump(perTenant, socket.principal.dealershipId, -1);
    for (const stream of socket.streams.values()) void stream.return();
    socket.streams.clear();
    void socket.pool.close();
  };

  const planFor = (
    query: string,
    document: Parameters<SubscriptionPlanner['plan']>[0],
    name: string | undefined,
  ) => {
    const key = `${name ?? ''}\0${query}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = planner.plan(document, name);
      if (plans.size >= 500) plans = new Map(); // crude bound: plans are cheap to rebuild
      plans.set(key, plan);
    }
    return plan;
  };

  const prepare = async (
    socket: Socket,
    id: string,
    payload: {
      query: string;
      operationName?: string | null;
      variables?: Record<string, unknown> | null;
    },
  ) => {
    if (Buffer.byteLength(payload.query ?? '') > opts.limits.maxDocumentBytes) {
      return [
        new AppError(
          'BAD_USER_INPUT',
          `The operation is larger than ${opts.limits.maxDocumentBytes} bytes.`,
        ),
      ];
    }
    if (socket.streams.size >= bounds.maxSubscriptionsPerSocket) {
      return [
        new AppError(
          'BAD_USER_INPUT',
          `At most ${bounds.maxSubscriptionsPerSocket} subscriptions per connection.`,
        ),
      ];
    }
    const checked = checkOperation(planner.apiSchema, authzSchema, payload, socket.principal, {
      maxTokens: opts.limits.maxTokens,
    });
    if (Array.isArray(checked)) return checked;
    const { document, operation } = checked;
    if (operation.operation !== 'subscription') {
      return [
        new AppError(
          'BAD_USER_INPUT',
          'Only subscriptions are served over the WebSocket; send queries and mutations to POST /graphql.',
        ),
      ];
    }
    const variables = payload.variables ?? {};
    try {
      assertWithinLimits(measure(document, operation, variables), opts.limits);
    } catch (error) {
      return [error as GraphQLError];
    }
    const coerced = getVariableValues(
      planner.apiSchema,
      operation.variableDefinitions ?? [],
      variables,
    );
    if (coerced.errors) {
      return coerced.errors.map(
        (e) => new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT' } }),
      );
    }
    if (opts.limiter) {
      const decision = await opts.limiter.request({
        userId: socket.principal.userId,
        dealershipId: socket.principal.dealershipId,
        ip: socket.clientIp,
      });
      if (!decision.allowed) return [rateLimitedError(decision)];
    }
    const operationName = operation.name?.value;
    let plan: SubscriptionPlan;
    try {
      plan = planFor(payload.query, document, operationName);
    } catch (error) {
      opts.logger.warn({ err: error }, 'subscription could not be planned');
      return [
        new AppError(
          'BAD_USER_INPUT',
          'This subscription cannot be served: select one subscription field.',
        ),
      ];
    }
    return { document, operationName, variables: coerced.coerced, plan, id };
  };

  const start = (
    socket: Socket,
    id: string,
    plan: SubscriptionPlan,
    variables: Record<string, unknown>,
  ) => {
    // Read through the socket: after an in-band refresh every event's entity fetches use the new token.
    const context: RouterContext = {
      requestId: socket.requestId,
      get authorization() {
        return socket.authorization;
      },
      get principal() {
        return socket.principal;
      },
      clientIp: socket.clientIp,
      userAgent: socket.userAgent,
      report: {},
    };
    const upstreamVariables: Record<string, unknown> = {};
    for (const name of plan.variableUsages) {
      if (variables[name] !== undefined) upstreamVariables[name] = variables[name];
    }
    const stream = new EventStream(
      (sink) =>
        socket.pool.subscribe(
          plan.subgraph,
          { query: plan.query, variables: upstreamVariables },
          sink,
        ),
      (data) => plan.resolve(data, variables, context),
      () => socket.streams.delete(id),
      opts.logger,
    );
    socket.streams.set(id, stream);
    return stream;
  };

  const disposable = useServer<Record<string, unknown>>(
    {
      connectionInitWaitTimeout: bounds.connectionInitWaitTimeoutMs,
      onConnect: (ctx) => connect(ctx.extra, ctx.connectionParams ?? {}),
      onClose: (ctx) => disconnect(ctx.extra),
      onPing: async (ctx, payload) => {
        if (!payload || !('authorization' in payload)) return;
        const socket = sockets.get(ctx.extra);
        await refreshSocketToken(socket, payload as Record<string, unknown>, opts.authenticate);
      },
      onSubscribe: async (ctx, id, payload) => {
        const socket = sockets.get(ctx.extra);
        if (!socket) return [new AppError('UNAUTHENTICATED', 'Not connected.')];
        // Whatever goes wrong here is answered as a GraphQL error; the connection stays.
        const prepared = await prepare(socket, id, payload).catch((error: unknown) => {
          opts.logger.error({ err: error }, 'subscription refused: internal error');
          return [new AppError('INTERNAL', 'Internal error.')];
        });
        if (Array.isArray(prepared)) return prepared;
        return {
          schema: planner.apiSchema,
          document: prepared.document,
          operationName: prepared.operationName,
          variableValues: prepared.variables,
          contextValue: { ...prepared, socket } satisfies Prepared,
        };
      },
      subscribe: (args) => {
        const p = args.contextValue as Prepared;
        return start(p.socket, p.id, p.plan, p.variables);
      },
      onError: (ctx, _id, _payload, errors) => format(sockets.get(ctx.extra), errors),
      onNext: (ctx, _id, _payload, _args, result: ExecutionResult) => {
        if (!result.errors) return undefined;
        return { ...result, errors: format(sockets.get(ctx.extra), result.errors) };
      },
    },
    wss,
    bounds.keepAliveMs,
  );

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const socket of sockets.values()) {
      if (socket.expiresAt <= now) socket.close(CLOSE.unauthorized, 'Token expired');
      else if (opts.sessionEnded?.(socket.principal.sessionId)) {
        socket.close(CLOSE.unauthorized, 'Session ended');
      }
    }
  }, bounds.sweepMs);
  sweep.unref();

  return {
    stats: () => {
      let subscriptions = 0;
      for (const s of sockets.values()) subscriptions += s.streams.size;
      return { sockets: sockets.size, subscriptions };
    },
    reload(sdl, schema) {
      planner = createSubscriptionPlanner(sdl, opts.dataSources);
      authzSchema = schema;
      measure = operationMeasurer(authzSchema, opts.limits.defaultListSize);
      plans = new Map();
      const error = new AppError('CONFLICT', 'The schema changed: subscribe again.', {
        details: { reason: 'SCHEMA_RELOADED' },
      });
      for (const socket of sockets.values()) {
        for (const stream of socket.streams.values()) stream.fail(error);
      }
    },
    async close() {
      clearInterval(sweep);
      for (const socket of sockets.values()) socket.close(CLOSE.goingAway, 'Router stopping');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function clientAddress(request: http.IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}
