// Per-request state: the request id (the client's if sane, else a UUID) and the verified caller.
// The token is verified here, in express, before Apollo Server parses the operation, so a bad token
// is refused before any planning or subgraph call, whatever the operation asks for.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
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

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/** First on /graphql: assigns and echoes the request id, starts the clock. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const requestId = requestIdFrom(req.get('x-request-id'));
  res.locals.requestId = requestId;
  res.locals.startedAt = performance.now();
  res.setHeader('x-request-id', requestId);
  next();
};

/**
 * Verifies the bearer token (absent = anonymous). An invalid, expired, tampered or unknown-`kid`
 * token gets HTTP 401 with a GraphQL errors body (code UNAUTHENTICATED); nothing else runs.
 */
export function authenticate(verify: TokenVerifier, development: boolean): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const l = locals(res);
    l.operationName = operationNameOf(req);
    const authorization = req.get('authorization');
    let principal: Principal | undefined;
    try {
      const token = bearerToken(authorization);
      principal = token ? await verify(token) : undefined;
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (code !== 'UNAUTHENTICATED') return next(error);
      const body = errorBody((error as GraphQLError).toJSON(), l.requestId, development);
      l.errorCodes = ['UNAUTHENTICATED'];
      res.status(401).setHeader('www-authenticate', 'Bearer error="invalid_token"').json(body);
      return;
    }
    const context: RouterContext = {
      requestId: l.requestId,
      authorization,
      principal,
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      report: {},
    };
    l.context = context;
    store.run(context, next);
  };
}

export function errorBody(
  error: GraphQLFormattedError,
  requestId: string,
  development: boolean,
): { errors: GraphQLFormattedError[] } {
  return { errors: [normalizeFormattedError(error, { requestId, development })] };
}

function operationNameOf(req: Request): string | undefined {
  const body: unknown = req.body;
  const fromBody =
    body && typeof body === 'object' && 'operationName' in body
      ? (body as { operationName: unknown }).operationName
      : undefined;
  const name = fromBody ?? req.query.operationName;
  return typeof name === 'string' && name ? name : undefined;
}
