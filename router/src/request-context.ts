// Per-request state: the request id (the client's if sane, else a UUID) and the verified caller.
// The token is verified before Apollo Server parses the operation, so a bad token is refused before
// any planning or subgraph call, whatever the operation asks for. Plain node:http types: the fast
// /graphql path (graphql-http.ts) never goes through express.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  bearerToken,
  normalizeFormattedError,
  type Principal,
  type TokenVerifier,
} from '@autolytiq/kit/core';

/** What resolvers, plugins and the subgraph data sources see as the Apollo context. */
export interface RouterContext {
  requestId: string;
  /** The client's Authorization header, forwarded verbatim once verified. */
  authorization?: string;
  principal?: Principal;
  /** The client's address (through trusted proxies): the subject of per-IP rate limits. */
  clientIp: string;
  /** The client's User-Agent, passed to subgraphs (x-client-user-agent) for session records. */
  userAgent?: string;
  /**
   * Filled by the router plugin for the per-operation log line. An object made here because Apollo
   * Server gives plugins a shallow copy of the context: only mutations of shared objects come back.
   */
  report: { operationName?: string; errorCodes?: string[]; internalErrors?: InternalErrorLog[] };
}

/** What operators need about an error whose message clients do not see. */
export interface InternalErrorLog {
  message: string;
  path?: ReadonlyArray<string | number>;
  serviceName?: unknown;
}

/** What the router keeps on `res.locals` while a /graphql request is handled. */
export interface RequestLocals {
  requestId: string;
  startedAt: number;
  context?: RouterContext;
  operationName?: string;
  errorCodes?: string[];
  internalErrors?: InternalErrorLog[];
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | undefined): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

// formatError has no access to the Apollo context; the request id reaches it through this store.
const store = new AsyncLocalStorage<RouterContext>();

export function currentRequestId(): string {
  return store.getStore()?.requestId ?? 'unknown';
}

/** Whether the current request has a verified caller (false outside a request). */
export function currentCallerSignedIn(): boolean {
  return store.getStore()?.principal !== undefined;
}

/** Runs the rest of a request (rate limits, Apollo Server) with its context in the store. */
export function runWithContext<T>(context: RouterContext, fn: () => T): T {
  return store.run(context, fn);
}

// On the response object itself (one property write; express's res.locals is not there on the fast path).
const LOCALS = Symbol('autolytiq.router.locals');
type WithLocals = ServerResponse & { [LOCALS]?: RequestLocals };

export function locals(res: ServerResponse): RequestLocals {
  return (res as WithLocals)[LOCALS]!;
}

/** First on /graphql: assigns and echoes the request id, starts the clock. */
export function startRequest(req: IncomingMessage, res: ServerResponse): RequestLocals {
  const header = req.headers['x-request-id'];
  const requestId = requestIdFrom(typeof header === 'string' ? header : undefined);
  const l: RequestLocals = { requestId, startedAt: performance.now() };
  (res as WithLocals)[LOCALS] = l;
  res.setHeader('x-request-id', requestId);
  return l;
}

/** Verifies a bearer token (absent = anonymous); resolves to undefined for a verification failure. */
export type Authenticator = (
  authorization: string | undefined,
) => Promise<Principal | undefined | AuthFailure>;

/** The 401 a bad token gets: a GraphQL errors body with code UNAUTHENTICATED. */
export class AuthFailure {
  constructor(readonly error: GraphQLError) {}
}

/**
 * An invalid, expired, tampered or unknown-`kid` token resolves to an AuthFailure (HTTP 401, nothing
 * else runs); any other failure (e.g. the JWKS cannot be fetched) rejects.
 */
export function authenticator(verify: TokenVerifier): Authenticator {
  return async (authorization) => {
    try {
      const token = bearerToken(authorization);
      return token ? await verify(token) : undefined;
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (code !== 'UNAUTHENTICATED') throw error;
      return new AuthFailure(error as GraphQLError);
    }
  };
}

export function errorBody(
  error: GraphQLFormattedError,
  requestId: string,
  development: boolean,
): { errors: GraphQLFormattedError[] } {
  return { errors: [normalizeFormattedError(error, { requestId, development })] };
}

/** What express's res.json(body) sends (no ETag: the router turns those off). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  if (headers) for (const name in headers) res.setHeader(name, headers[name]!);
  if (!res.hasHeader('content-type'))
    res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
