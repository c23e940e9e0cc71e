// Express middleware that runs before GraphQL: request id, the router's per-subgraph secret, and the
// caller's token. A request failing a guard never reaches a resolver (nor `_entities` / `_service`).
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { AppError, type ErrorCode } from './errors.ts';
import { isTimeZone } from './context.ts';
import { bearerToken, type Principal, type TokenVerifier } from './tokens.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface GuardedLocals {
  requestId: string;
  principal: Principal | undefined;
  /** The bearer token the principal was verified from. */
  token: string | undefined;
}

export function locals(res: Response): GuardedLocals {
  return res.locals as GuardedLocals;
}

/** Accepts a sane incoming x-request-id (from the router or a client) or makes one. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  locals(res).requestId = requestId;
  res.setHeader('x-request-id', requestId);
  next();
}

export function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({
    errors: [{ message, extensions: { code, requestId: locals(res).requestId } }],
  });
}

// Hash both sides first so the comparison takes the same time whatever the lengths.
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function subgraphSecretMiddleware(expected: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.header('x-subgraph-secret');
    if (!given || !sameSecret(given, expected)) {
      sendError(res, 401, 'UNAUTHENTICATED', 'This subgraph only answers the router.');
      return;
    }
    next();
  };
}

/** Verifies the bearer token when present; a request without one is anonymous. */
export function tokenMiddleware(verify: TokenVerifier) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const token = bearerToken(req.header('authorization'));
      const verified = token ? await verify(token) : undefined;
      // The dealership's time zone as the router looked it up (believed because the subgraph secret
      // was checked first). A copy: the verified principal is the token cache's frozen object.
      const zone = req.header('x-dealership-timezone');
      locals(res).principal =
        verified && zone && isTimeZone(zone) ? { ...verified, timezone: zone } : verified;
      locals(res).token = token ?? undefined;
      next();
    } catch (error) {
      if (error instanceof AppError || error instanceof GraphQLError) {
        const code = (error.extensions.code as ErrorCode) ?? 'UNAUTHENTICATED';
        sendError(res, code === 'INTERNAL' ? 503 : 401, code, error.message);
        return;
      }
      next(error);
    }
  };
}
