// The /graphql pipeline on plain node:http objects: request id → telemetry → JSON body → token
// (401 on a bad token) → rate limits (429) → Apollo Server → the response.
//
// The common request — `POST /graphql` with a `Content-Length` JSON body in UTF-8 and no content
// encoding — is served by `handleFast` straight from the HTTP server's request event: express's
// routing, body-parser and the express integration's header copying cost ≈ 15–20 % of the router's
// CPU per request. Everything else (GET, chunked or compressed bodies, other content types, bodies
// over the limit, other paths under /graphql) goes through express (`expressStages`), which reads the
// body with express.json and then joins the same `serve`. Both give the same answers, statuses and
// error bodies (router/test/http-path.test.ts compares them).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import proxyaddr from 'proxy-addr';
import type { RateLimiter } from './rate-limit.ts';
import { checkRequestLimits } from './rate-limit-http.ts';
import {
  AuthFailure,
  errorBody,
  locals,
  runWithContext,
  sendJson,
  startRequest,
  type Authenticator,
  type RequestLocals,
  type RouterContext,
} from './request-context.ts';
import type { OperationTelemetry } from './telemetry.ts';

/** express.json's limit on /graphql bodies ('1mb'). */
export const GRAPHQL_BODY_LIMIT = 1024 * 1024;

export interface GraphQLHttpOptions {
  apollo: ApolloServer<RouterContext>;
  authenticate: Authenticator;
  limiter?: RateLimiter;
  telemetry: OperationTelemetry;
  /** express's compiled `trust proxy fn` (whose X-Forwarded-For to believe). */
  trustProxy: (address: string, hop: number) => boolean;
  development: boolean;
  /** Longest `query` text accepted (bytes), refused before the token is even verified. */
  maxDocumentBytes: number;
}

export interface GraphQLHttp {
  /** Serves the request if it is a plain JSON POST to /graphql; false = not handled (use express). */
  handleFast(req: IncomingMessage, res: ServerResponse): boolean;
  /** The same pipeline as express middleware, for every other /graphql request. */
  expressStages: RequestHandler[];
  expressErrors: ErrorRequestHandler;
}

// Only what body-parser treats as JSON in UTF-8 without needing content-type parsing.
const PLAIN_JSON = /^application\/json(?:; ?charset=utf-8)?$/i;

export function graphqlHttp(options: GraphQLHttpOptions): GraphQLHttp {
  const { apollo, authenticate, limiter, telemetry, trustProxy, development, maxDocumentBytes } =
    options;

  /** Errors before Apollo Server (malformed JSON, body too large, JWKS fetch failures). */
  const fail = (res: ServerResponse, l: RequestLocals, error: unknown) => {
    if (res.headersSent) {
      // Too late for an error body (express's final handler did the same): end the exchange.
      l.internalErrors ??= [{ message: String((error as Error)?.message ?? error) }];
      res.destroy();
      return;
    }
    const status = (error as { status?: number }).status ?? 500;
    const client = status >= 400 && status < 500;
    const code = client ? 'BAD_USER_INPUT' : 'INTERNAL';
    const message = client ? `Bad request: ${(error as Error).message}` : 'Internal error.';
    const formatted = new GraphQLError(message, { extensions: { code } }).toJSON();
    l.errorCodes = [code];
    if (!client) l.internalErrors = [{ message: String((error as Error).message ?? error) }];
    sendJson(res, status, errorBody(formatted, l.requestId ?? 'unknown', development));
  };

  /** From a parsed body on: token, rate limits, Apollo Server, the response. */
  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
    l: RequestLocals,
    body: unknown,
  ): Promise<void> => {
    l.operationName = operationNameOf(body, req.url);
    const tooLarge = documentTooLarge(body, maxDocumentBytes);
    if (tooLarge) {
      l.errorCodes = ['BAD_USER_INPUT'];
      sendJson(res, 413, errorBody(tooLarge.toJSON(), l.requestId, development));
      return;
    }
    const authorization = req.headers.authorization;
    const principal = await authenticate(authorization);
    if (principal instanceof AuthFailure) {
      l.errorCodes = ['UNAUTHENTICATED'];
      sendJson(res, 401, errorBody(principal.error.toJSON(), l.requestId, development), {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
      return;
    }
    const context: RouterContext = {
      requestId: l.requestId,
      authorization,
      principal,
      // express's req.ip; without X-Forwarded-For that is the socket's address whatever is trusted.
      clientIp:
        (req.headers['x-forwarded-for'] === undefined
          ? req.socket.remoteAddress
          : proxyaddr(req, trustProxy)) ??
        req.socket.remoteAddress ??
        'unknown',
      userAgent: req.headers['user-agent'],
      report: {},
    };
    l.context = context;
    await runWithContext(context, async () => {
      if (!(await checkRequestLimits(limiter, res, l, context, development))) return;
      const headers = new HeaderMap();
      const raw = req.headers;
      for (const name in raw) {
        const value = raw[name];
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method!.toUpperCase(),
          headers,
          search: searchOf(req.url),
          body,
        },
        context: async () => context,
      });
      await writeResponse(res, response);
    });
  };

  const handleFast = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST' || req.url !== '/graphql') return false;
    const h = req.headers;
    const length = h['content-length'];
    if (
      length === undefined ||
      h['transfer-encoding'] !== undefined ||
      h['content-encoding'] !== undefined ||
      !PLAIN_JSON.test(h['content-type'] ?? '')
    ) {
      return false;
    }
    const size = Number(length);
    if (!(size > 0 && size <= GRAPHQL_BODY_LIMIT)) return false;
    const l = startRequest(req, res);
    telemetry.track(res);
    const chunks: Buffer[] = [];
    let done = false;
    // Inline callbacks, not named closures: tsx would name each one (a defineProperty) per request.
    req.on('data', (chunk: Buffer) => void chunks.push(chunk));
    req.once('end', () => {
      if (done) return;
      done = true;
      let body: unknown;
      try {
        body = parseJsonBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
      } catch (error) {
        fail(res, l, error);
        return;
      }
      serve(req, res, l, body).catch((error: unknown) => fail(res, l, error));
    });
    for (const event of ['aborted', 'error']) {
      req.once(event, () => {
        if (done) return;
        done = true;
        fail(res, l, Object.assign(new Error('request aborted'), { status: 400 }));
      });
    }
    return true;
  };

  const expressStages: RequestHandler[] = [
    (req, res, next) => {
      startRequest(req, res);
      telemetry.track(res);
      next();
    },
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    (req, res, next) => {
      serve(req, res, locals(res), req.body).catch(next);
    },
  ];
  const expressErrors: ErrorRequestHandler = (error: unknown, _req, res, _next) =>
    fail(res, locals(res), error);
  return { handleFast, expressStages, expressErrors };
}

const CHARSET = /;\s*charset=/i;

/** What @as-integrations/express5 did with Apollo's answer (res.send for a complete body). */
async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status || 200;
  if (response.body.kind === 'complete') {
    const text = response.body.string;
    // res.send's defaults: text/html when Apollo gave no type, and a charset on a string body.
    const type = res.getHeader('content-type');
    if (type === undefined) res.setHeader('content-type', 'text/html; charset=utf-8');
    else if (typeof type === 'string' && !CHARSET.test(type)) {
      res.setHeader('content-type', `${type}; charset=utf-8`);
    }
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(text);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

// body-parser's strict JSON: {} for an empty body, only an object or array at the top, BOM skipped,
// and its error messages (the client sees "Bad request: <message>").
const FIRST_NON_WHITESPACE = /^[ \t\n\r]*([^ \t\n\r]|$)/; // JSON's whitespace (RFC 8259)

export function parseJsonBody(raw: Buffer): unknown {
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') throw strictSyntaxError(text, first);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw Object.assign(error as Error, { status: 400 });
  }
}

function strictSyntaxError(text: string, char: string | undefined): Error {
  const index = char === undefined ? -1 : text.indexOf(char);
  const partial = index === -1 ? '' : text.substring(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return Object.assign(new SyntaxError('strict violation'), { status: 400 });
  } catch (error) {
    const e = error as SyntaxError;
    e.message = e.message.replace(/#+/g, (placeholder) =>
      text.substring(index, index + placeholder.length),
    );
    return Object.assign(e, { status: 400 });
  }
}

// The query string as url.parse gave it to the express integration ('?…' up to any '#'). Apollo
// Server reads it with URLSearchParams, which decodes url.parse's extra escapes the same way.
function searchOf(url: string | undefined): string {
  const at = url?.indexOf('?') ?? -1;
  if (at === -1) return '';
  const hash = url!.indexOf('#', at);
  const search = url!.slice(at, hash === -1 ? undefined : hash);
  return search === '?' ? '' : search;
}

/** A body whose `query` is longer than the limit (a GET's query string is bounded by Node's header limit). */
function documentTooLarge(body: unknown, limit: number): GraphQLError | undefined {
  const query =
    body && typeof body === 'object' && 'query' in body
      ? (body as { query: unknown }).query
      : undefined;
  // Characters first (cheap); bytes only when the text could be over the limit.
  if (typeof query !== 'string' || query.length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(query);
  if (bytes <= limit) return undefined;
  return new GraphQLError(`The operation is ${bytes} bytes; the limit is ${limit}.`, {
    extensions: { code: 'BAD_USER_INPUT', field: 'query', limit: 'documentSize', maximum: limit },
  });
}

function operationNameOf(body: unknown, url: string | undefined): string | undefined {
  const fromBody =
    body && typeof body === 'object' && 'operationName' in body
      ? (body as { operationName: unknown }).operationName
      : undefined;
  const name = fromBody ?? queryOperationName(url);
  return typeof name === 'string' && name ? name : undefined;
}

// express's default ('simple') query parser is node's querystring.
function queryOperationName(url: string | undefined): unknown {
  const at = url?.indexOf('?') ?? -1;
  return at === -1 ? undefined : parseQueryString(url!.slice(at + 1)).operationName;
}
