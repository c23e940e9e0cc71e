// Subscription fields over graphql-ws (protocol graphql-transport-ws) on the subgraph's own port and
// /graphql path. Only the router talks to it, as over HTTP: `connection_init` must carry the router's
// per-subgraph secret and may carry the user's token —
//   { "x-subgraph-secret": "<SUBGRAPH_SECRET>", "authorization": "Bearer <access token>", "x-request-id": "…",
//     "x-dealership-timezone": "America/Chicago" }  (the zone as over HTTP: the transaction's TimeZone)
// A wrong secret closes the socket with 4403, a bad token with 4401, before `connection_ack`.
// Every operation gets what HTTP gives it before it starts: the token cap, the authorization
// directives and the input screen (operation-check.ts); a message over 1 MB (HTTP's body limit)
// closes the socket (1009) before it is parsed.
//
// Each event is executed with a fresh request context (`scoped` is new per event), so DataLoaders
// never serve one event's records to the next.
import type http from 'node:http';
import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { isTimeZone, type RequestContext } from './context.ts';
import { checkOperation } from './operation-check.ts';
import { normalizeFormattedError } from './format-error.ts';
import { bearerToken, type Principal, type TokenVerifier } from './tokens.ts';
import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';

/** Close codes shared with the router (graphql-ws uses 4400–4499 for protocol refusals). */
export const WS_CLOSE = { unauthorized: 4401, forbidden: 4403 } as const;

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  subgraphSecret: string;
  verifyToken: TokenVerifier;
  logger: Logger;
  development: boolean;
}

export interface SubscriptionServer {
  /** Open sockets (for leak tests and metrics). */
  sockets(): number;
  close(): Promise<void>;
}

interface SocketState {
  principal?: Principal;
  token?: string;
  requestId: string;
  client: RequestContext['client'];
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The largest graphql-ws message read (ws's default is 100 MiB); HTTP bodies stop at 1 MB too. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function startSubscriptionServer(opts: SubscriptionServerOptions): SubscriptionServer {
  const wss = new WebSocketServer({
    server: opts.httpServer,
    path: '/graphql',
    maxPayload: MAX_MESSAGE_BYTES,
  });
  const states = new WeakMap<object, SocketState>();
  const contextOf = (extra: object): RequestContext => {
    const state = states.get(extra) ?? { requestId: randomUUID(), client: {} };
    const logger = opts.logger.child({
      requestId: state.requestId,
      dealershipId: state.principal?.dealershipId,
      userId: state.principal?.userId,
    });
    return {
      requestId: state.requestId,
      principal: state.principal,
      token: state.token,
      logger,
      client: state.client,
      scoped: new Map(),
    };
  };

  const disposable = useServer(
    {
      schema: opts.schema,
      connectionInitWaitTimeout: 5_000,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        if (!sameSecret(params['x-subgraph-secret'], opts.subgraphSecret)) return false; // 4403
        const id = params['x-request-id'];
        const text = (name: string, max: number) => {
          const value = params[name];
          return typeof value === 'string' && value ? value.slice(0, max) : undefined;
        };
        const state: SocketState = {
          requestId: typeof id === 'string' && REQUEST_ID.test(id) ? id : randomUUID(),
          // Believed only because the secret proved the router sent them (as over HTTP).
          client: { ip: text('x-client-ip', 64), userAgent: text('x-client-user-agent', 512) },
        };
        try {
          const auth = params.authorization;
          const token = bearerToken(typeof auth === 'string' ? auth : undefined);
          const verified = token ? await opts.verifyToken(token) : undefined;
          // The dealership's time zone as the router looked it up, as over HTTP (http-guards.ts):
          // believed because the secret was checked first; a copy (the verified one is frozen).
          const zone = params['x-dealership-timezone'];
          state.principal =
            verified && typeof zone === 'string' && isTimeZone(zone)
              ? { ...verified, timezone: zone }
              : verified;
          state.token = token ?? undefined;
        } catch {
          ctx.extra.socket.close(WS_CLOSE.unauthorized, 'Unauthorized');
          return false;
        }
        states.set(ctx.extra, state);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const state = states.get(ctx.extra);
        const checked = checkOperation(opts.schema, opts.schema, payload, state?.principal);
        if (Array.isArray(checked)) return checked;
        return {
          schema: opts.schema,
          document: checked.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contextOf(ctx.extra),
        };
      },
      subscribe: (args) => subscribeFreshContext(args),
      onError: (ctx, _id, _payload, errors) =>
        errors.map((e) =>
          normalizeFormattedError(e.toJSON(), {
            requestId: states.get(ctx.extra)?.requestId ?? 'unknown',
            development: opts.development,
          }),
        ),
      onNext: (ctx, _id, _payload, _args, result) => {
        if (!result.errors) return undefined;
        const requestId = states.get(ctx.extra)?.requestId ?? 'unknown';
        return {
          ...result,
          errors: result.errors.map((e) =>
            normalizeFormattedError(e.toJSON(), { requestId, development: opts.development }),
          ),
        };
      },
    },
    wss,
  );

  return {
    sockets: () => wss.clients.size,
    async close() {
      for (const socket of wss.clients) socket.close(1001, 'Going away');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * graphql's `subscribe`, except that each event runs with a copy of the context whose per-request
 * memo (`scoped`) is new: one subscription lives for hours, its DataLoaders must not.
 */
async function subscribeFreshContext(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
  const events = source as AsyncIterableIterator<unknown>;
  const base = args.contextValue as RequestContext;
  // Not an async generator: a generator's return() waits until it reaches a yield, i.e. until the
  // next event, so an idle subscription could never be ended. return() here ends the source at once.
  const results: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const event = await events.next();
      if (event.done) return { value: undefined, done: true };
      const value = await execute({
        ...args,
        rootValue: event.value,
        contextValue: { ...base, scoped: new Map() },
      });
      return { value: value as ExecutionResult, done: false };
    },
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => results,
  };
  return results;
}
