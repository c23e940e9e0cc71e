// Whether the API answered the last time we asked. A blip (router restarting, network gone) is not a
// sign-out: the app keeps the session, says "connection lost — retrying" and retries reads with
// backoff; an answer of any kind clears it. Input, permission and conflict errors are never retried:
// asking again gives the same answer.
import { useSyncExternalStore } from 'react';
import { ApiError } from './errors.ts';

let lost = false;
const listeners = new Set<() => void>();

export function markConnection(ok: boolean): void {
  if (lost === !ok) return;
  lost = !ok;
  for (const l of listeners) l();
}

export function useConnectionLost(): boolean {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => void listeners.delete(l)),
    () => lost,
    () => false,
  );
}

/** Codes whose answer will not change by asking again. */
const FINAL_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

/** An HTTP status meaning the API (or the way to it) is down for now, not that we asked wrongly. */
export const isUnreachableStatus = (status: number) =>
  status === 0 || status === 502 || status === 503 || status === 504;

/** Whether a failed read is worth asking again (the server may answer differently later). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return error instanceof TypeError; // fetch: network failure
  if (error.errors.some((e) => FINAL_CODES.has(String(e.extensions?.code)))) return false;
  // A subgraph (or its database) is down: the router answers 200 with this code; it comes back.
  if (error.errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return true;
  return error.status === 0 || error.status >= 500 || error.status === 429;
}

/** Reads: up to 8 tries, 0.5 s doubling to 8 s between them (≈ 40 s of outage covered). */
export const READ_RETRY = {
  retry: (failures: number, error: unknown) => failures < 8 && isRetryable(error),
  retryDelay: (failures: number) => Math.min(500 * 2 ** failures, 8_000),
};
