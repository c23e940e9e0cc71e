// The request context every resolver receives: who is calling (from the verified token, never from
// input), the request id, and a logger already carrying both.
import type { Logger } from 'pino';
import { unauthenticated, forbidden } from './errors.ts';
import type { Principal } from './tokens.ts';
import { isUuid } from './ids.ts';

export interface RequestContext {
  requestId: string;
  principal: Principal | undefined;
  /**
   * The caller's verified bearer token, for asking the graph as the caller (their tenant, their
   * permissions) — never as a more powerful identity. Absent for anonymous requests.
   */
  token?: string;
  logger: Logger;
  /**
   * The end client as the router saw it (x-client-ip, x-client-user-agent). Trusted only because
   * the router's subgraph secret was checked first; absent when a test calls the subgraph directly.
   */
  client: { ip?: string; userAgent?: string };
  /** Per-request memo (DataLoaders and the like); dies with the request. */
  scoped: Map<unknown, unknown>;
}

/** One instance per request of whatever `create` makes (a DataLoader keyed by tenant, say). */
export function requestScoped<T>(ctx: RequestContext, key: unknown, create: () => T): T {
  let value = ctx.scoped.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    ctx.scoped.set(key, value);
  }
  return value;
}

/** The signed-in caller, or UNAUTHENTICATED. Resolvers that touch tenant data start here. */
export function requirePrincipal(ctx: RequestContext): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}

export function requirePermission(ctx: RequestContext, permission: string): Principal {
  const principal = requirePrincipal(ctx);
  if (!principal.permissions.includes(permission)) {
    throw forbidden(`This requires permission ${permission}.`, {
      requiredPermissions: [permission],
    });
  }
  return principal;
}

/** The signed-in caller's own token (see RequestContext.token), or UNAUTHENTICATED. */
export function requireToken(ctx: RequestContext): string {
  requirePrincipal(ctx);
  if (!ctx.token) throw unauthenticated();
  return ctx.token;
}

/**
 * The tenant scope a database transaction runs under (see db/withTenant). A service identity
 * (`sub: "service:<name>"`, e.g. the ml subgraph reading deals) is no user: its transaction runs with
 * no app.user_id rather than failing on a non-UUID one.
 */
export function tenantOf(principal: Principal): {
  dealershipId: string;
  userId: string | null;
  timezone?: string;
} {
  return {
    dealershipId: principal.dealershipId,
    userId: isUuid(principal.userId) ? principal.userId : null,
    ...(principal.timezone ? { timezone: principal.timezone } : {}),
  };
}

// Answers per zone name: building an Intl.DateTimeFormat to check a zone cost ~6 % of each
// subgraph's CPU under the deal-fetch bench (every request through the router carries the
// dealership's zone). Bounded: there are a few hundred real zones; past the cap nothing is added.
const ZONE_CACHE_MAX = 1000;
const knownZones = new Map<string, boolean>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether `zone` is an IANA time zone this runtime knows (PostgreSQL knows the same database). */
export function isTimeZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone);
  if (valid) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      valid = false;
    }
  }
  if (knownZones.size < ZONE_CACHE_MAX) knownZones.set(zone, valid);
  return valid;
}

/** The calendar date (YYYY-MM-DD) in `timezone` (UTC when absent): "today" on a dealership's floor. */
export function localDate(timezone: string | undefined, now = new Date()): string {
  const zone = timezone ?? 'UTC';
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    if (dateFormats.size < ZONE_CACHE_MAX) dateFormats.set(zone, format);
  }
  return format.format(now);
}
