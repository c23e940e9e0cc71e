// The browser session. The access token lives in this module's memory only (never in storage); the
// refresh token is an httpOnly cookie the router sets, which page scripts cannot read. Refresh and
// logout echo the readable CSRF cookie in a header (double submit). A refresh is scheduled a minute
// before the access token expires; concurrent callers share one refresh. Only a refusal ends the
// session: a refresh that cannot reach the server is tried again with backoff.
import { useSyncExternalStore } from 'react';
import { isUnreachableStatus, markConnection } from './connection.ts';
import { ApiError, type GraphQLErrorEntry } from './errors.ts';

export interface SessionUser {
  id: string;
  username: string;
  roles: string[];
  permissions: string[];
  dealershipId: string;
}

export type SessionState =
  | { status: 'unknown' }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; accessToken: string; expiresAt: number; user: SessionUser };

export interface SessionDeps {
  fetch: typeof fetch;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  readCookie: (name: string) => string | undefined;
}

/** The router's readable CSRF cookie (router/src/session.ts; `__Host-`: no subdomain can plant it). */
export const CSRF_COOKIE = '__Host-autolytiq_csrf';

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;

function decodeClaims(token: string): SessionUser {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(json) as Record<string, unknown>;
  return {
    id: String(claims.sub ?? ''),
    username: String(claims.username ?? ''),
    roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
    permissions: Array.isArray(claims.permissions) ? claims.permissions.map(String) : [],
    dealershipId: String(claims.dealershipId ?? ''),
  };
}

export function createSessionStore(deps: SessionDeps) {
  let state: SessionState = { status: 'unknown' };
  const listeners = new Set<() => void>();
  let timer: unknown;
  let inflight: Promise<string | null> | null = null;
  // Refreshes in a row that could not reach the server (backoff), reset by any answer.
  let unreachable = 0;

  const set = (next: SessionState) => {
    state = next;
    for (const l of listeners) l();
  };

  const schedule = (expiresAt: number) => {
    if (timer !== undefined) deps.clearTimer(timer);
    const wait = Math.max(1_000, expiresAt - deps.now() - REFRESH_MARGIN_MS);
    timer = deps.setTimer(() => void refresh(), wait);
  };

  const accept = (body: { accessToken: string; expiresAt: string }) => {
    const expiresAt = Date.parse(body.expiresAt);
    set({
      status: 'signedIn',
      accessToken: body.accessToken,
      expiresAt,
      user: decodeClaims(body.accessToken),
    });
    schedule(expiresAt);
    return body.accessToken;
  };

  const csrfHeaders = (): Record<string, string> => {
    const csrf = deps.readCookie(CSRF_COOKIE);
    return csrf ? { 'x-csrf-token': csrf } : {};
  };

  /**
   * Signs in; with a second factor on, resolves to the token for verifyMfa instead; when the
   * dealership requires one the user lacks, to `{ enroll: true }` (a token good only for enrolling).
   */
  async function signIn(
    username: string,
    password: string,
  ): Promise<{ mfaToken: string } | { enroll: true } | void> {
    const body = await post('/auth/session', { username, password });
    if (body.status === 'MFA_REQUIRED' && body.mfaToken) return { mfaToken: body.mfaToken };
    accept({ accessToken: body.accessToken!, expiresAt: body.expiresAt! });
    if (body.status === 'MFA_ENROLLMENT_REQUIRED') return { enroll: true };
  }

  /** The second sign-in step: a code from the authenticator app, or a backup code. */
  async function verifyMfa(mfaToken: string, code: string): Promise<void> {
    const body = await post('/auth/mfa', { mfaToken, code });
    accept({ accessToken: body.accessToken!, expiresAt: body.expiresAt! });
  }

  async function post(path: string, payload: Record<string, string>) {
    const res = await deps.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      credentials: 'same-origin',
    });
    const body = (await res.json().catch(() => ({}))) as {
      status?: string;
      mfaToken?: string;
      accessToken?: string;
      expiresAt?: string;
      errors?: GraphQLErrorEntry[];
    };
    const ok = res.ok && ((body.accessToken && body.expiresAt) || body.status === 'MFA_REQUIRED');
    if (!ok) throw new ApiError(body.errors ?? [{ message: 'Sign-in failed.' }], res.status);
    return body;
  }

  /**
   * The server could not be reached (network error, 502–504): not a sign-out. The state stays (a
   * reload stays "unknown", a session stays signed in) and the refresh is tried again with backoff.
   */
  const retryLater = (): null => {
    markConnection(false);
    unreachable += 1;
    if (timer !== undefined) deps.clearTimer(timer);
    timer = deps.setTimer(() => void refresh(), Math.min(1_000 * 2 ** (unreachable - 1), 15_000));
    return null;
  };

  function refresh(): Promise<string | null> {
    // The router sets and clears the readable CSRF cookie together with the httpOnly refresh cookie
    // (same lifetime): without it there is no session to refresh, and asking would only earn a 403
    // (a stranger's first page would log it as a browser error).
    if (!inflight && !deps.readCookie(CSRF_COOKIE)) {
      if (timer !== undefined) deps.clearTimer(timer);
      set({ status: 'signedOut', expired: state.status === 'signedIn' });
      return Promise.resolve(null);
    }
    inflight ??= (async () => {
      try {
        const res = await deps
          .fetch('/auth/refresh', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...csrfHeaders() },
            body: '{}',
            credentials: 'same-origin',
          })
          .catch(() => null);
        if (!res || isUnreachableStatus(res.status) || res.status >= 500) return retryLater();
        unreachable = 0;
        markConnection(true);
        const body = (await res.json().catch(() => ({}))) as {
          accessToken?: string;
          expiresAt?: string;
        };
        if (res.ok && body.accessToken && body.expiresAt)
          return accept({ accessToken: body.accessToken, expiresAt: body.expiresAt });
        set({ status: 'signedOut', expired: state.status === 'signedIn' });
        return null;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  async function signOut(): Promise<void> {
    const token = state.status === 'signedIn' ? state.accessToken : undefined;
    if (timer !== undefined) deps.clearTimer(timer);
    set({ status: 'signedOut', expired: false });
    await deps
      .fetch('/auth/logout', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...csrfHeaders(),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: '{}',
        credentials: 'same-origin',
      })
      .catch(() => undefined);
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    accessToken: () => (state.status === 'signedIn' ? state.accessToken : null),
    signIn,
    verifyMfa,
    refresh,
    signOut,
    /** The server refused the session and refresh failed: back to sign-in. */
    expire() {
      if (timer !== undefined) deps.clearTimer(timer);
      set({ status: 'signedOut', expired: true });
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export const session: SessionStore = createSessionStore({
  fetch: (...args) => fetch(...args),
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  readCookie,
});

export const currentAccessToken = () => session.accessToken();
export const refreshSession = () => session.refresh();
export const sessionExpired = () => session.expire();

const SERVER_STATE: SessionState = { status: 'unknown' };

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState, () => SERVER_STATE);
}

/** Whether the signed-in user holds a permission (hides what the server would refuse anyway). */
export function hasPermission(state: SessionState, permission: string): boolean {
  return state.status === 'signedIn' && state.user.permissions.includes(permission);
}
