// POST /auth/token — OAuth 2.0 client credentials (RFC 6749 §4.4) for integration clients (DMS,
// CRM, lead systems). Accepts the parameters as a form body (the RFC's encoding), as JSON (what
// many integrators send anyway), and the client's credentials either in the body or as HTTP Basic
// (§2.3.1: id and secret form-urlencoded, then Basic). Errors are §5.2 JSON. The auth subgraph checks
// the credentials and signs the token (POST /internal/client-token, behind its subgraph secret);
// the token's dealership and permissions come from the stored client, never from this request.
// Attempts count against the per-address sign-in limit, so guessing secrets is throttled here.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { RateLimiter } from './rate-limit.ts';
import { requestIdFrom } from './request-context.ts';
import type { SubgraphEndpoint } from './config.ts';

export interface TokenRequest {
  clientId: string;
  clientSecret: string;
}

export interface OAuthError {
  status: 400 | 401;
  error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';
  description: string;
  /** Set when the client tried HTTP Basic: a 401 then names the scheme (RFC 6749 §5.2). */
  basic?: boolean;
}

const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

/** The client's credentials from an Authorization: Basic header (undefined: none given). */
function basicCredentials(header: string | undefined): TokenRequest | 'malformed' | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const raw = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = raw.indexOf(':');
  if (colon < 1) return 'malformed';
  try {
    return { clientId: decode(raw.slice(0, colon)), clientSecret: decode(raw.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? body[name] : undefined;

/** Checks the grant and finds the credentials, or says which §5.2 error it is. */
export function readTokenRequest(
  body: Record<string, unknown>,
  authorization: string | undefined,
): TokenRequest | OAuthError {
  const grant = field(body, 'grant_type');
  if (!grant) return badRequest('grant_type is required.');
  if (grant !== 'client_credentials')
    return {
      status: 400,
      error: 'unsupported_grant_type',
      description: 'Only grant_type=client_credentials is served here.',
    };
  const basic = basicCredentials(authorization);
  const bodyId = field(body, 'client_id');
  const bodySecret = field(body, 'client_secret');
  if (basic === 'malformed')
    return {
      status: 401,
      error: 'invalid_client',
      description: 'Malformed Basic credentials.',
      basic: true,
    };
  if (basic) {
    // §2.3: a client uses one authentication method per request.
    if (bodySecret !== undefined)
      return badRequest('Send the secret either as Basic or in the body.');
    if (bodyId !== undefined && bodyId !== basic.clientId)
      return badRequest('client_id in the body differs from the Basic credentials.');
    return basic;
  }
  if (!bodyId || !bodySecret)
    return {
      status: 401,
      error: 'invalid_client',
      description: 'Client authentication is required (Basic or client_id and client_secret).',
    };
  return { clientId: bodyId, clientSecret: bodySecret };
}

const badRequest = (description: string): OAuthError => ({
  status: 400,
  error: 'invalid_request',
  description,
});

function sendError(res: Response, e: OAuthError): void {
  if (e.status === 401 && e.basic) res.setHeader('www-authenticate', 'Basic realm="autolytiq"');
  res.status(e.status).json({ error: e.error, error_description: e.description });
}

export function clientTokenRoutes(options: {
  auth: SubgraphEndpoint;
  limiter?: RateLimiter;
}): Router {
  const router = express.Router();
  const upstream = new URL('/internal/client-token', options.auth.url).toString();
  router.post(
    '/token',
    express.urlencoded({ extended: false, limit: '4kb' }),
    express.json({ limit: '4kb' }),
    async (req: Request, res: Response) => {
      const requestId = requestIdFrom(req.get('x-request-id'));
      res.setHeader('x-request-id', requestId);
      // §5.1: token answers, good or bad, are never cached.
      res.setHeader('cache-control', 'no-store');
      res.setHeader('pragma', 'no-cache');
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<
        string,
        unknown
      >;
      const parsed = readTokenRequest(body, req.get('authorization'));
      if ('error' in parsed) return sendError(res, parsed);
      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const decision = await options.limiter?.login(ip);
      if (decision && !decision.allowed) {
        res.setHeader('retry-after', String(decision.retryAfterSeconds));
        res.status(429).json({
          error: 'slow_down',
          error_description: 'Too many token requests from this address; wait and retry.',
        });
        return;
      }
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-subgraph-secret': options.auth.secret,
        'x-client-ip': ip,
        'x-request-id': requestId,
      };
      const userAgent = req.get('user-agent');
      if (userAgent) headers['x-client-user-agent'] = userAgent.slice(0, 512);
      try {
        const answer = await fetch(upstream, {
          method: 'POST',
          headers,
          body: JSON.stringify(parsed),
        });
        const json = (await answer.json()) as Record<string, unknown>;
        if (answer.status === 401) res.setHeader('www-authenticate', 'Basic realm="autolytiq"');
        res.status(answer.status).json(json);
      } catch {
        res.status(503).json({
          error: 'temporarily_unavailable',
          error_description: 'Tokens cannot be issued right now; retry shortly.',
        });
      }
    },
  );
  // A body express could not parse (bad JSON, too large) is the client's malformed request.
  router.use('/token', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    res.setHeader('cache-control', 'no-store');
    sendError(res, badRequest('The body could not be read as a form or JSON (at most 4 KB).'));
  });
  return router;
}
