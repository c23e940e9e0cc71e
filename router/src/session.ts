// Cookie sessions for the browser. The web app keeps its access token in memory only; the refresh
// token lives in an httpOnly, Secure, SameSite=Strict cookie scoped to /auth, so page scripts never
// see it. Refresh and logout also require a CSRF double-submit: the `__Host-autolytiq_csrf` cookie (readable
// by the page, same-site only) must be echoed in the `x-csrf-token` header. The CSRF value is bound
// to the session: an HMAC of the refresh token it was issued with (issue 12). Someone who can plant
// cookies (a sibling subdomain) can plant a CSRF cookie and send it back, but cannot make one that
// matches the victim's refresh token, which no script can read.
//
// The routes call the auth subgraph's own login/refresh/logout mutations through this router's
// /graphql (loopback), so limits, authorization, logs and metrics apply to them like to any call.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';

// Cookie prefixes (RFC 6265bis): a browser keeps a `__Host-` cookie only if it is Secure, has Path=/
// and no Domain — so a sibling subdomain cannot plant or overwrite it — and a `__Secure-` cookie only
// if it is Secure. The CSRF cookie is `__Host-`. The refresh cookie is `__Secure-` so that it can
// stay scoped to /auth (`__Host-` would send the long-lived refresh token with every page and API
// request); a refresh cookie planted from a sibling domain is useless anyway, because the
// `__Host-` CSRF value must be the HMAC of the refresh token presented. Chromium and Firefox accept
// Secure cookies on http://localhost and http://127.0.0.1 (checked in Chromium: both prefixes are
// kept there), so `npm start` works over plain http on loopback; anywhere else the web app must be
// served over https, as it already had to be for the Secure cookies.
export const REFRESH_COOKIE = '__Secure-autolytiq_refresh';
export const CSRF_COOKIE = '__Host-autolytiq_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const LOGIN = `mutation SessionLogin($input: LoginInput!) {
  login(input: $input) { status accessToken refreshToken expiresAt refreshExpiresAt mfaToken }
}`;
const VERIFY_MFA = `mutation SessionVerifyMfa($input: VerifyMfaInput!) {
  verifyMfa(input: $input) { status accessToken refreshToken expiresAt refreshExpiresAt }
}`;
const REFRESH = `mutation SessionRefresh($refreshToken: String!) {
  refresh(refreshToken: $refreshToken) { status accessToken refreshToken expiresAt refreshExpiresAt }
}`;
const LOGOUT = `mutation SessionLogout { logout }`;

interface LoginResult {
  status?: string;
  mfaToken?: string | null;
  accessToken: string | null;
  refreshToken: string | null;
  expiresAt: string | null;
  refreshExpiresAt: string | null;
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Parses a Cookie header (no dependency: names and values are ours, URL-safe). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) out[name] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

function cookie(
  name: string,
  value: string,
  options: { path: string; maxAge: number; httpOnly: boolean },
) {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    'Secure',
    'SameSite=Strict',
  ];
  if (options.httpOnly) parts.push('HttpOnly');
  return parts.join('; ');
}

function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The router's own /graphql address, known once it listens. */
export type SelfUrl = () => string;

/**
 * `csrfKey`: the HMAC key binding CSRF values to refresh tokens. Every router replica must use the
 * same key (the router derives it from the auth subgraph's secret, which they share).
 */
export function sessionRoutes(selfUrl: SelfUrl, csrfKey: Buffer = randomBytes(32)): Router {
  const router = express.Router();
  const csrfFor = (refreshToken: string) =>
    createHmac('sha256', csrfKey).update(refreshToken).digest('base64url');
  router.use(express.json({ limit: '16kb' }));

  async function call(
    req: Request,
    query: string,
    variables: Record<string, unknown>,
    authorization?: string,
  ): Promise<{ status: number; body: GraphQLBody; requestId: string | null }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const requestId = req.get('x-request-id');
    if (requestId) headers['x-request-id'] = requestId;
    // The loopback call must be limited (sign-in attempts per IP) as the browser's, not as ours:
    // req.ip is the client as resolved through the trusted proxies (the web app's server).
    if (req.ip) headers['x-forwarded-for'] = req.ip;
    // Sessions record the browser, not this loopback call.
    const userAgent = req.get('user-agent');
    if (userAgent) headers['user-agent'] = userAgent;
    if (authorization) headers.authorization = authorization;
    const res = await fetch(selfUrl(), {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      body: (await res.json()) as GraphQLBody,
      requestId: res.headers.get('x-request-id'),
    };
  }

  function setSession(res: Response, result: LoginResult) {
    const refreshMaxAge = result.refreshExpiresAt
      ? (Date.parse(result.refreshExpiresAt) - Date.now()) / 1000
      : 7 * 24 * 3600;
    const csrf = csrfFor(result.refreshToken ?? randomBytes(24).toString('base64url'));
    res.append('set-cookie', [
      cookie(REFRESH_COOKIE, result.refreshToken ?? '', {
        path: '/auth',
        maxAge: refreshMaxAge,
        httpOnly: true,
      }),
      cookie(CSRF_COOKIE, csrf, { path: '/', maxAge: refreshMaxAge, httpOnly: false }),
    ]);
    res.setHeader('cache-control', 'no-store');
    res.json({ accessToken: result.accessToken, expiresAt: result.expiresAt });
  }

  function clearSession(res: Response) {
    res.append('set-cookie', [
      cookie(REFRESH_COOKIE, '', { path: '/auth', maxAge: 0, httpOnly: true }),
      cookie(CSRF_COOKIE, '', { path: '/', maxAge: 0, httpOnly: false }),
    ]);
    res.setHeader('cache-control', 'no-store');
  }

  function refuse(
    res: Response,
    status: number,
    code: string,
    message: string,
    requestId?: string | null,
  ) {
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code, requestId: requestId ?? undefined } }] });
  }

  /** Forwards the GraphQL errors of a failed call with a status matching their code. */
  function forwardErrors(res: Response, result: { status: number; body: GraphQLBody }) {
    const code = result.body.errors?.[0]?.extensions?.code;
    const status =
      code === 'UNAUTHENTICATED'
        ? 401
        : code === 'BAD_USER_INPUT'
          ? 400
          : code === 'RATE_LIMITED'
            ? 429
            : result.status >= 400
              ? result.status
              : 500;
    res.status(status).json({ errors: result.body.errors ?? [] });
  }

  /** Refresh and logout must prove they come from our own pages. */
  function csrfOk(req: Request): boolean {
    const cookies = parseCookies(req.get('cookie'));
    const header = req.get(CSRF_HEADER);
    if (!sameSecret(cookies[CSRF_COOKIE], header)) return false;
    // Without a refresh cookie there is no session to bind to (refresh then answers 401; logout
    // ends the bearer token's session only).
    const refreshToken = cookies[REFRESH_COOKIE];
    return !refreshToken || sameSecret(csrfFor(refreshToken), header);
  }

  router.post('/session', async (req, res, next) => {
    try {
      const { username, password } = (req.body ?? {}) as { username?: unknown; password?: unknown };
      if (typeof username !== 'string' || typeof password !== 'string')
        return refuse(res, 400, 'BAD_USER_INPUT', 'Send a username and a password.');
      const result = await call(req, LOGIN, { input: { username, password } });
      const login = result.body.data?.login as LoginResult | undefined;
      // Second factor on: no cookies yet; the page asks for the code and posts it to /auth/mfa.
      if (login?.status === 'MFA_REQUIRED' && login.mfaToken) {
        res.setHeader('cache-control', 'no-store');
        return void res.json({ status: 'MFA_REQUIRED', mfaToken: login.mfaToken });
      }
      // A second factor is required and missing: a short token good only for enrolling, no cookie.
      if (login?.status === 'MFA_ENROLLMENT_REQUIRED' && login.accessToken) {
        res.setHeader('cache-control', 'no-store');
        return void res.json({
          status: login.status,
          accessToken: login.accessToken,
          expiresAt: login.expiresAt,
        });
      }
      if (!login?.accessToken || !login.refreshToken) return forwardErrors(res, result);
      setSession(res, login);
    } catch (error) {
      next(error);
    }
  });

  router.post('/mfa', async (req, res, next) => {
    try {
      const { mfaToken, code } = (req.body ?? {}) as { mfaToken?: unknown; code?: unknown };
      if (typeof mfaToken !== 'string' || typeof code !== 'string')
        return refuse(res, 400, 'BAD_USER_INPUT', 'Send the sign-in step token and a code.');
      const result = await call(req, VERIFY_MFA, { input: { mfaToken, code } });
      const verified = result.body.data?.verifyMfa as LoginResult | undefined;
      if (!verified?.accessToken || !verified.refreshToken) return forwardErrors(res, result);
      setSession(res, verified);
    } catch (error) {
      next(error);
    }
  });

  router.post('/refresh', async (req, res, next) => {
    try {
      if (!csrfOk(req)) return refuse(res, 403, 'FORBIDDEN', 'Missing or wrong CSRF token.');
      const refreshToken = parseCookies(req.get('cookie'))[REFRESH_COOKIE];
      if (!refreshToken) {
        clearSession(res);
        return refuse(res, 401, 'UNAUTHENTICATED', 'No session: sign in.');
      }
      const result = await call(req, REFRESH, { refreshToken });
      const refreshed = result.body.data?.refresh as LoginResult | undefined;
      if (!refreshed?.accessToken || !refreshed.refreshToken) {
        clearSession(res);
        return forwardErrors(res, result);
      }
      setSession(res, refreshed);
    } catch (error) {
      next(error);
    }
  });

  router.post('/logout', async (req, res, next) => {
    try {
      if (!csrfOk(req)) return refuse(res, 403, 'FORBIDDEN', 'Missing or wrong CSRF token.');
      let authorization = req.get('authorization');
      const refreshToken = parseCookies(req.get('cookie'))[REFRESH_COOKIE];
      // Without a live access token, the refresh token still names the session to end.
      if (!authorization && refreshToken) {
        const refreshed = (await call(req, REFRESH, { refreshToken })).body.data?.refresh as
          LoginResult | undefined;
        if (refreshed?.accessToken) authorization = `Bearer ${refreshed.accessToken}`;
      }
      if (authorization) await call(req, LOGOUT, {}, authorization);
      clearSession(res);
      res.json({ signedOut: true });
    } catch (error) {
      next(error);
    }
  });

  router.use('/', (_req, res) => refuse(res, 404, 'NOT_FOUND', 'No such auth route.'));
  return router;
}
