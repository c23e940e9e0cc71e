// SERVICE_UNAVAILABLE: the one error a client sees when something the answer depends on is down —
// a subgraph the router cannot reach, or the database a subgraph cannot reach. Unlike INTERNAL it says
// which service and that trying again later is expected to work; it carries no address or driver text.
import { GraphQLError } from 'graphql';

/** The error for `service` (a subgraph's name); `details` are added to its extensions. */
export function serviceUnavailable(
  service: string,
  details: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(`The ${service} service is unavailable right now; try again shortly.`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', service, ...details },
  });
}

// Socket-level failures: nothing (or nothing complete) came back from the other end.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

// PostgreSQL SQLSTATEs meaning "the server is going away or not accepting yet", and class 08
// (connection exception). A constraint or syntax error is never among them.
const PG_UNAVAILABLE = /^(08...|57P0[1-3]|53300)$/;

// node-postgres and the pool say these in words, without a code.
const PG_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

/**
 * Whether `error` (or any error it wraps, through `cause` / `originalError` / AggregateError) is a
 * connection failure rather than a fault of the request. Bounded depth: causes can form cycles.
 */
export function isUnavailableError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    originalError?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || PG_UNAVAILABLE.test(e.code)))
    return true;
  if (typeof e.message === 'string' && PG_MESSAGES.some((m) => m.test(e.message as string)))
    return true;
  const inner = [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => i !== error && isUnavailableError(i, depth + 1));
}

/**
 * For a subgraph that asks the graph through the router (as the caller): the router's answer named a
 * part of the system as unavailable — passed on as ours (same service), so the caller sees the real
 * reason instead of INTERNAL. Undefined when no error says so.
 */
export function unavailableIn(errors: unknown): GraphQLError | undefined {
  if (!Array.isArray(errors)) return undefined;
  for (const e of errors as Array<{ extensions?: { code?: unknown; service?: unknown } }>) {
    if (e?.extensions?.code !== 'SERVICE_UNAVAILABLE') continue;
    const service = e.extensions.service;
    return serviceUnavailable(typeof service === 'string' ? service.slice(0, 60) : 'graph');
  }
  return undefined;
}
