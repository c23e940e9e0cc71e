// The deal service's ground floor: the database, the graph, who is asking, and the few reads every
// write starts from. The service is layered by seam, one small file each: DealBase → DealQueries
// (reads) → DealSettingsService (the dealership's deal settings) → DealWrites (open, edit, desk) →
// DealTransitions (the status moves) → DealService.
import { localTaxFollowsDealer } from '@autolytiq/calc';
import {
  conflict,
  localDate,
  notFound,
  tenantOf,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import * as store from '../store/deals-store.ts';
import * as events from '../store/events-store.ts';
import type { GraphCaller, GraphClient, CustomerFacts } from './graph.ts';
import * as parse from './inputs.ts';
import type { DealRecord } from './records.ts';

export interface Caller {
  principal: Principal;
  requestId: string;
  /** The caller's bearer token (to ask the graph as them). */
  token: string;
}

/** Today on the dealership's floor (its time zone, from the router; UTC when unknown). */
export function today(timezone?: string, now = new Date()): string {
  return localDate(timezone, now);
}

/** The buyer's address for tax: HOME first, else the first one. */
export function taxAddress(c: CustomerFacts) {
  return c.addresses.find((a) => a.kind === 'HOME') ?? c.addresses[0] ?? null;
}

/** Locks the deal and checks the caller read the current version. */
export async function lockForWrite(
  em: EntityManager,
  id: string,
  version: number,
): Promise<DealRecord> {
  const deal = await store.lockDeal(em, id);
  if (!deal) throw notFound(`Deal ${id} not found.`);
  if (deal.version !== version) throw staleVersion(version, deal.version);
  return deal;
}

export function staleVersion(given: number, current: number) {
  return conflict(
    `The deal changed since you read it (you have version ${given}, it is at ${current}); reload and retry.`,
  );
}

export class DealBase {
  constructor(
    readonly db: Database,
    readonly graph: GraphClient,
    /** Called after a commit that queued vehicle-status changes (the relay delivers them now). */
    private readonly onOutbox: () => void = () => undefined,
  ) {}

  /** Tells the relay a committed transition queued a vehicle-status change. */
  outboxQueued(): void {
    this.onOutbox();
  }

  graphCaller(c: Caller): GraphCaller {
    return { token: c.token, requestId: c.requestId, permissions: c.principal.permissions };
  }

  tenant(p: Principal) {
    return tenantOf(p);
  }

  // Reads in one round trip each (kit db.read): no BEGIN/COMMIT around a single statement.
  byIds(p: Principal, ids: readonly string[]): Promise<DealRecord[]> {
    return this.db.read(this.tenant(p), (sql) => store.findDeals(sql, ids));
  }

  async byId(p: Principal, id: string): Promise<DealRecord | null> {
    return (await this.byIds(p, [id]))[0] ?? null;
  }

  eventsOf(p: Principal, dealIds: readonly string[]) {
    return this.db.read(this.tenant(p), (sql) => events.eventsOf(sql, dealIds));
  }

  /** The deal at the version the caller read (NOT_FOUND / CONFLICT as the locked write would say). */
  protected async current(p: Principal, id: string, version: number): Promise<DealRecord> {
    parse.id('id', id);
    const deal = await this.byId(p, id);
    if (!deal) throw notFound(`Deal ${id} not found.`);
    if (deal.version !== version) throw staleVersion(version, deal.version);
    return deal;
  }

  /**
   * The dealership's local rate for a place, asked of calc before any transaction (no lock is held
   * across the network). No ZIP: no local rate can be looked up (the engine says so in a notice).
   */
  protected async rateFor(c: Caller, state: string, zip: string | null, dealerZip?: string | null) {
    // Where the local tax follows the dealer (WA, IL, AZ) the dealership's row is the one for its ZIP.
    const at = dealerZip && localTaxFollowsDealer(state) ? dealerZip : zip;
    if (!at) return null;
    return this.graph.localRate(this.graphCaller(c), state, at.slice(0, 5));
  }

  /**
   * The dealership's ZIP for a new deal, or null when the graph cannot say. Opening a deal does not
   * wait on it: without it a dealer-located state's quote says the local tax is not included.
   */
  protected async dealerZipFor(c: Caller): Promise<string | null> {
    if (!this.graph.dealershipZip) return null;
    return this.graph.dealershipZip(this.graphCaller(c)).catch(() => null);
  }

  /** The local rate for the deal's current place (the version check inside the write keeps it so). */
  protected async currentRate(c: Caller, id: string, version: number) {
    const deal = await this.current(c.principal, id, version);
    return this.rateFor(c, deal.buyerState, deal.buyerZip, deal.dealerZip);
  }
}
