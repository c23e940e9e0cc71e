// In-band token refresh on a live graphql-ws socket. graphql-transport-ws has no message for it, but
// `ping` may carry a payload and the server answers with a `pong` carrying the same payload object:
// the client sends `{ type: "ping", payload: { authorization: "Bearer <new token>" } }` and the
// router, before the pong goes out, verifies the token like connection_init's, swaps it in (the
// expiry sweep, rate limits, every later event's entity fetches and new upstream connections use it)
// and rewrites the payload into the answer — `{ refreshed: true, expiresAt }` or `{ refreshed:
// false, reason }` — so the token is never echoed. The subscriptions keep running.
//
// A token of another user or dealership is not a refresh: the socket is closed with 4403. A bad or
// expired token is refused and changes nothing (the socket lives until its current token expires).
import { decodeJwt } from 'jose';
import type { Principal } from '@autolytiq/kit/core';
import { AuthFailure, type Authenticator } from '../request-context.ts';

export interface RefreshableSocket {
  principal: Principal;
  authorization: string;
  expiresAt: number;
  pool: { reauthorize(authorization: string): void };
  close(code: number, reason: string): void;
}

function expiryOf(authorization: string): number {
  const exp = decodeJwt(authorization.replace(/^Bearer\s+/i, '')).exp;
  return typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY;
}

/** Applies a refresh ping to `socket`; `payload` (the pong's) is rewritten into the outcome. */
export async function refreshSocketToken(
  socket: RefreshableSocket | undefined,
  payload: Record<string, unknown>,
  authenticate: Authenticator,
): Promise<void> {
  const given = payload.authorization;
  delete payload.authorization;
  const refuse = (reason: string) => Object.assign(payload, { refreshed: false, reason });
  if (!socket) return void refuse('Not connected: send connection_init first.');
  if (typeof given !== 'string' || !/^Bearer\s+\S+$/i.test(given)) {
    return void refuse('Send { authorization: "Bearer <token>" }.');
  }
  const principal = await authenticate(given);
  if (!principal || principal instanceof AuthFailure) return void refuse('Unauthorized');
  if (
    principal.userId !== socket.principal.userId ||
    principal.dealershipId !== socket.principal.dealershipId
  ) {
    socket.close(4403, 'Forbidden: a refresh must be for the same user');
    return void refuse('Forbidden');
  }
  socket.principal = principal;
  socket.authorization = given;
  socket.expiresAt = expiryOf(given);
  socket.pool.reauthorize(given);
  Object.assign(payload, {
    refreshed: true,
    expiresAt: Number.isFinite(socket.expiresAt) ? new Date(socket.expiresAt).toISOString() : null,
  });
}
