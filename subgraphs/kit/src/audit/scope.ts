// Who is behind the current request, for the audit trail, without threading the request context
// through every domain method: the HTTP server opens one scope per request (AsyncLocalStorage), and
// `recordAudit` reads it. Code outside a request (jobs, the demo seed) has no scope; its rows fall
// back to the transaction's own `app.user_id` and carry no request id.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../tokens.ts';

export interface RequestScope {
  requestId?: string;
  principal?: Principal;
  /** The end client as the router saw it (x-client-ip / x-client-user-agent). */
  address?: string;
  userAgent?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything it starts) inside `scope`. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current request's scope, or undefined outside a request. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
