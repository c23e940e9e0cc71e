// "Today" on a dealership's floor is a date in its time zone (days in stock, a new deal's date): the
// router learns each dealership's zone from the admin subgraph (as the caller, the first time it sees
// the dealership, then every 10 minutes) and tells the subgraphs (x-dealership-timezone). A lookup
// that fails leaves the request without it (subgraphs fall back to UTC) and is retried after 30 s.
import type { Logger } from 'pino';
import type { Principal } from '@autolytiq/kit/core';
import { AuthFailure, type Authenticator } from './request-context.ts';
import type { SubgraphEndpoint } from './config.ts';

const FRESH_MS = 10 * 60_000;
const RETRY_MS = 30_000;
const QUERY = '{ myDealership { timezone } }';

interface Entry {
  zone: string | undefined;
  until: number;
  pending?: Promise<string | undefined>;
}

export function dealershipTimezones(
  admin: SubgraphEndpoint | undefined,
  logger: Logger,
  now = () => Date.now(),
) {
  const cache = new Map<string, Entry>();

  async function ask(authorization: string): Promise<string | undefined> {
    const response = await fetch(admin!.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization,
        'x-subgraph-secret': admin!.secret,
      },
      body: JSON.stringify({ query: QUERY }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await response.json()) as { data?: { myDealership?: { timezone?: string } } };
    return body.data?.myDealership?.timezone ?? undefined;
  }

  /** The zone of the caller's dealership (cached; one lookup at a time per dealership). */
  async function zoneOf(principal: Principal, authorization: string): Promise<string | undefined> {
    if (!admin) return undefined;
    const key = principal.dealershipId;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.zone;
    if (hit?.pending) return hit.pending;
    const pending = ask(authorization).then(
      (zone) => {
        cache.set(key, { zone, until: now() + (zone ? FRESH_MS : RETRY_MS) });
        return zone;
      },
      (error: unknown) => {
        logger.warn({ err: error, dealershipId: key }, 'dealership time zone lookup failed');
        cache.set(key, { zone: hit?.zone, until: now() + RETRY_MS });
        return hit?.zone;
      },
    );
    cache.set(key, { zone: hit?.zone, until: 0, pending });
    return pending;
  }

  /** An authenticator whose principals carry their dealership's time zone. */
  function withTimezones(authenticate: Authenticator): Authenticator {
    return async (authorization) => {
      const principal = await authenticate(authorization);
      if (!principal || principal instanceof AuthFailure || !authorization) return principal;
      const zone = await zoneOf(principal, authorization);
      // The principal is the token cache's frozen object, shared by this token's requests: a copy
      // carries the zone (assigning to the frozen one threw on every signed-in request).
      return zone ? { ...principal, timezone: zone } : principal;
    };
  }

  return { zoneOf, withTimezones };
}
