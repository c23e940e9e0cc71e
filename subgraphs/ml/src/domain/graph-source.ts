// Where ml's data comes from: the deals (and each buyer's lead source) read THROUGH THE GRAPH, as the
// internal identity "service:ml" with a short-lived token from auth that carries only deals.read and
// customers.read for one dealership. ml never reads another subgraph's tables: the router and the
// owning subgraphs apply that dealership's RLS and the token's permissions, exactly as for a user.
//
// Why the graph and not only the deal events on the bus: the bus is pub/sub (a message sent while ml
// is down or restarting is gone, and `npm start` without REDIS_URL has no bus across processes) and a
// message names only the deal and event ids. So the graph is the source of truth, read incrementally
// (newest changes first, down to what was already seen); a deal event is only a nudge to read now.
import {
  AppError,
  isUnavailableError,
  serviceUnavailable,
  unavailableIn,
} from '@autolytiq/kit/core';
import { randomUUID } from 'node:crypto';
import type { DealFacts, ScenarioKind } from './features.ts';
import type { PresenceStatus, TeamDirectory } from './team-directory.ts';

export interface SourceDeal {
  id: string;
  customerId: string;
  salespersonId: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  facts: DealFacts;
}

export interface DealSource {
  /** The dealership's deals changed since `since` (all when null), newest change first, by page. */
  changedDeals(dealershipId: string, since: Date | null): AsyncIterable<SourceDeal[]>;
}

export interface ServiceTokens {
  tokenFor(dealershipId: string): Promise<string>;
}

/** Service tokens from auth's internal endpoint, each cached until a minute before it expires. */
export function serviceTokensFrom(url: string, secret: string): ServiceTokens {
  const cache = new Map<string, { token: string; refreshAt: number }>();
  return {
    async tokenFor(dealershipId) {
      const hit = cache.get(dealershipId);
      if (hit && hit.refreshAt > Date.now()) return hit.token;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-service-token-secret': secret },
        body: JSON.stringify({ service: 'ml', dealershipId }),
      });
      if (!response.ok) throw new Error(`service token: HTTP ${response.status}`);
      const body = (await response.json()) as { accessToken: string; expiresAt: string };
      cache.set(dealershipId, {
        token: body.accessToken,
        refreshAt: new Date(body.expiresAt).getTime() - 60_000,
      });
      return body.accessToken;
    },
  };
}

export const DEALS_QUERY = `query MlDealSync($after: String) {
  deals(sort: UPDATED_DESC, first: 100, after: $after) {
    edges { node {
      id dealNumber status buyerId salesperson { id } createdAt updatedAt deliveredAt
      vehicleCondition sellingPrice totalRebates
      tradeIns { equity }
      selectedScenario {
        kind
        finance { apr termMonths downPayment }
        lease { termMonths cashDown moneyFactor }
      }
      buyer { source }
      events { actor { id } at }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface RawDeal {
  id: string;
  dealNumber: number;
  status: string;
  buyerId: string;
  salesperson: { id: string } | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  vehicleCondition: 'NEW' | 'USED';
  sellingPrice: string;
  totalRebates: string;
  tradeIns: { equity: string }[];
  selectedScenario: {
    kind: ScenarioKind;
    finance: { apr: string; termMonths: number; downPayment: string } | null;
    lease: { termMonths: number; cashDown: string; moneyFactor: string } | null;
  } | null;
  buyer: { source: string } | null;
  events?: { actor: { id: string } | null; at: string }[];
}

interface Page {
  deals: {
    edges: { node: RawDeal }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The facts ml keeps of one deal (money stays decimal text). */
export function toSource(d: RawDeal): SourceDeal {
  const s = d.selectedScenario;
  const equity = d.tradeIns.reduce((sum, t) => sum + Number(t.equity), 0);
  const apr = s?.finance?.apr ?? (s?.lease ? String(Number(s.lease.moneyFactor) * 2400) : null);
  return {
    id: d.id,
    customerId: d.buyerId,
    salespersonId: d.salesperson?.id ?? null,
    status: d.status,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    facts: {
      dealNumber: d.dealNumber,
      status: d.status,
      sellingPrice: d.sellingPrice,
      kind: s?.kind ?? null,
      termMonths: s?.finance?.termMonths ?? s?.lease?.termMonths ?? null,
      downPayment:
        s?.finance?.downPayment ??
        s?.lease?.cashDown ??
        (s?.kind === 'CASH' ? d.sellingPrice : '0'),
      tradeEquity: equity.toFixed(2),
      rebates: d.totalRebates,
      apr,
      vehicleCondition: d.vehicleCondition,
      leadSource: d.buyer?.source ?? null,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
      activity: (d.events ?? []).flatMap((e) =>
        e.actor ? [{ userId: e.actor.id, at: e.at }] : [],
      ),
    },
  };
}

/** One operation through the router as the dealership's service identity. */
async function askGraph<T>(
  routerUrl: string,
  tokens: ServiceTokens,
  dealershipId: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const token = await tokens.tokenFor(dealershipId);
  const response = await fetch(routerUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': randomUUID(),
    },
    body: JSON.stringify({ query, variables }),
  }).catch((error: unknown) => {
    // The router itself is down or restarting: the caller may retry (not INTERNAL).
    if (isUnavailableError(error)) throw serviceUnavailable('router');
    throw new AppError('INTERNAL', `The graph could not be reached (${String(error)}).`);
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: unknown } }[];
  };
  // A part of the system the answer needs is down (named by the router): passed on as such.
  const unavailable = unavailableIn(body.errors);
  if (unavailable) throw unavailable;
  if (body.errors?.length || !body.data) {
    throw new AppError(
      'INTERNAL',
      `The graph answered: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`,
    );
  }
  return body.data;
}

export const TEAM_QUERY = `query MlTeam { team { id active } teamOnline { user { id } status } }`;

/** Who is active (auth) and online (admin), through the router. */
export function graphTeamDirectory(routerUrl: string, tokens: ServiceTokens): TeamDirectory {
  return {
    async read(dealershipId) {
      const data = await askGraph<{
        team: { id: string; active: boolean }[];
        teamOnline: { user: { id: string }; status: PresenceStatus }[];
      }>(routerUrl, tokens, dealershipId, TEAM_QUERY);
      return {
        active: new Map(data.team.map((u) => [u.id, u.active])),
        online: new Map(data.teamOnline.map((p) => [p.user.id, p.status])),
      };
    },
  };
}

/** Reads deals through the router (`routerUrl` ends in /graphql). */
export function graphDealSource(routerUrl: string, tokens: ServiceTokens): DealSource {
  const page = (dealershipId: string, after: string | null) =>
    askGraph<Page>(routerUrl, tokens, dealershipId, DEALS_QUERY, { after });
  return {
    async *changedDeals(dealershipId, since) {
      let after: string | null = null;
      for (;;) {
        const { deals } = await page(dealershipId, after);
        const nodes = deals.edges.map((e) => toSource(e.node));
        const fresh = since ? nodes.filter((n) => n.updatedAt >= since) : nodes;
        if (fresh.length > 0) yield fresh;
        if (fresh.length < nodes.length || !deals.pageInfo.hasNextPage) return;
        after = deals.pageInfo.endCursor;
      }
    },
  };
}
