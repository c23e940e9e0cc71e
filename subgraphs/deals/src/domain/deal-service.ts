// Deals: open, edit, desk scenarios, list. Every write is one transaction that locks the deal, checks
// the version, recomputes the scenarios with the calc engine, and records a DealEvent.
// References (customers, vehicle) are checked through the graph with the caller's token before the
// transaction, so no lock is held across a network call.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import {
  badInput,
  conflict,
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  pageSize,
  forbidden,
  localDate,
  notFound,
  tenantOf,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import type { CreateDealInput, DealPatch, ScenarioInput } from '../generated/resolvers-types.ts';
import * as store from '../store/deals-store.ts';
import * as events from '../store/events-store.ts';
import type { GraphCaller, GraphClient, CustomerFacts } from './graph.ts';
import * as parse from './inputs.ts';
import { money, optMoney } from './money.ts';
import type {
  DealChangeRecord,
  DealEventKind,
  DealPage,
  DealRecord,
  DealSettingsRecord,
  DealTerms,
  FinanceTermsRecord,
  ScenarioRecord,
} from './records.ts';
import { computeScenario, docFeeCap } from './scenarios.ts';
import { assertEditable, keepsApproval } from './state-machine.ts';
import { acknowledgedChange, explainRefusal, openDealsGuard } from './open-deals.ts';
import { openDealsOn } from '../store/open-deals-store.ts';
import {
  applyVehicle,
  blankScenario,
  checkDocFeeLimit,
  checkTermLimit,
  checkTerms,
  diffTerms,
  sameScenarioTerms,
  scenarioChanges,
  scenarioOf,
  withField,
} from './deal-edits.ts';

export { diffTerms };

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

export class DealService {
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

  // ---- reads ---------------------------------------------------------------------------------

  byIds(p: Principal, ids: readonly string[]): Promise<DealRecord[]> {
    return this.db.withTenant(this.tenant(p), (em) => store.findDeals(em, ids));
  }

  /** The deal and its events in one transaction (the recap asks for both). */
  async byIdWithEvents(p: Principal, id: string) {
    return this.db.withTenant(this.tenant(p), async (em) => {
      const deal = (await store.findDeals(em, [id]))[0] ?? null;
      const history = deal ? ((await events.eventsOf(em, [id])).get(id) ?? []) : [];
      return { deal, events: history };
    });
  }

  async byId(p: Principal, id: string): Promise<DealRecord | null> {
    return (await this.byIds(p, [id]))[0] ?? null;
  }

  /** The caller's dealership's deal with this number (another dealership's is simply not found). */
  async byNumber(p: Principal, dealNumber: number): Promise<DealRecord | null> {
    const found = await this.db.withTenant(this.tenant(p), (em) =>
      store.findDealByNumber(em, dealNumber),
    );
    return found ?? null;
  }

  async search(
    p: Principal,
    filter: store.DealListQuery,
    sort: store.DealSortKey,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<DealPage> {
    const limit = pageSize(first);
    for (const k of ['salespersonId', 'customerId', 'vehicleId'] as const) {
      if (filter[k]) parse.id(`filter.${k}`, filter[k]);
    }
    if (filter.dealNumber != null) parse.dealNumber('filter.dealNumber', filter.dealNumber);
    if (filter.dealDateFrom) parse.isoDate('filter.dealDateFrom', filter.dealDateFrom);
    if (filter.dealDateTo) parse.isoDate('filter.dealDateTo', filter.dealDateTo);
    // The cursor carries the sort: its key is cast to the sort column's type in SQL.
    const kind = `deals:${sort}`;
    const key = sort.startsWith('DEAL_DATE') ? cursorValue.date : cursorValue.timestamp;
    const cursor = after ? decodeCursor(after, kind, [key, cursorValue.int]) : null;
    const rows = await this.db.withTenant(this.tenant(p), (em) =>
      store.listDeals(em, filter, sort, limit + 1, cursor && { key: cursor[0], number: cursor[1] }),
    );
    return connectionOf(
      rows,
      limit,
      (r) => encodeCursor(kind, [r.key, r.deal.dealNumber]),
      (r) => r.deal,
    );
  }

  dealsFor(p: Principal, kind: 'customer' | 'vehicle', ids: readonly string[], limit: number) {
    return this.db.withTenant(this.tenant(p), (em) => store.dealsFor(em, kind, ids, limit));
  }

  /** The open deals on these vehicles (one car, one deal). */
  openDealsOn(p: Principal, vehicleIds: readonly string[]) {
    return this.db.withTenant(this.tenant(p), (em) => openDealsOn(em, vehicleIds));
  }

  schedulesOf(p: Principal, scenarioIds: readonly string[]) {
    return this.db.withTenant(this.tenant(p), (em) => store.schedulesOf(em, scenarioIds));
  }

  eventsOf(p: Principal, dealIds: readonly string[]) {
    return this.db.withTenant(this.tenant(p), (em) => events.eventsOf(em, dealIds));
  }

  settings(p: Principal): Promise<DealSettingsRecord> {
    return this.db.withTenant(this.tenant(p), (em) => events.readSettings(em));
  }

  async updateSettings(
    p: Principal,
    version: number,
    input: {
      defaultDocFee?: string | null;
      lowGrossThreshold?: string | null;
      reserveShare?: string | null;
      firstDealNumber?: number | null;
      maxTermMonths?: number | null;
      maxDocFee?: string | null;
    },
  ): Promise<DealSettingsRecord> {
    const defaultDocFee = parse.settingsAmount('input.defaultDocFee', input.defaultDocFee);
    const lowGross = parse.settingsAmount('input.lowGrossThreshold', input.lowGrossThreshold, true);
    const share = parse.fraction('input.reserveShare', input.reserveShare);
    const firstNumber = parse.dealNumber('input.firstDealNumber', input.firstDealNumber);
    const maxTerm = parse.maxTermMonths('input.maxTermMonths', input.maxTermMonths);
    const maxDocFee = parse.settingsAmount('input.maxDocFee', input.maxDocFee);
    return this.db.withTenant(this.tenant(p), async (em) => {
      const current = await events.readSettings(em);
      if (current.version !== version) {
        throw conflict(`The settings changed (version ${current.version}); reload and retry.`);
      }
      const next: DealSettingsRecord = {
        ...current,
        defaultDocFee: defaultDocFee ?? current.defaultDocFee,
        lowGrossThreshold: lowGross ?? current.lowGrossThreshold,
        reserveShare: share ?? current.reserveShare,
        maxTermMonths: maxTerm ?? current.maxTermMonths,
        maxDocFee: maxDocFee ?? current.maxDocFee,
      };
      if (!(await events.writeSettings(em, p.dealershipId, next, version))) {
        throw conflict('The settings changed meanwhile; reload and retry.');
      }
      if (
        firstNumber !== null &&
        firstNumber !== current.firstDealNumber &&
        !(await events.writeFirstDealNumber(em, p.dealershipId, firstNumber))
      ) {
        // Rolls the whole change back: numbers already given are never renumbered.
        throw badInput(
          'input.firstDealNumber',
          'Deal numbering has started; firstDealNumber can be changed only before the first deal.',
        );
      }
      return events.readSettings(em);
    });
  }

  // ---- writes --------------------------------------------------------------------------------

  async create(c: Caller, input: CreateDealInput): Promise<DealRecord> {
    const p = c.principal;
    const buyerId = parse.id('input.buyerId', input.buyerId);
    const coBuyerId = parse.optId('input.coBuyerId', input.coBuyerId);
    const vehicleId = parse.id('input.vehicleId', input.vehicleId);
    if (coBuyerId === buyerId)
      throw badInput('input.coBuyerId', 'The co-buyer cannot be the buyer.');
    const dealDate = input.dealDate
      ? parse.isoDate('input.dealDate', input.dealDate)
      : today(p.timezone);
    refuseCostWrites(p, input);
    await this.checkPeople(c, {
      'input.salespersonId': input.salespersonId,
      'input.salesManagerId': input.salesManagerId,
    });
    const scenarios = (input.scenarios ?? []).map((s, i) =>
      parse.scenario(`input.scenarios[${i}]`, s),
    );
    const gc = this.graphCaller(c);
    const { customers, vehicle } = await this.graph.refs(
      gc,
      coBuyerId ? [buyerId, coBuyerId] : [buyerId],
      vehicleId,
    );
    if (vehicle.status === 'SOLD') {
      throw badInput(
        'input.vehicleId',
        'This vehicle is SOLD; a new deal needs an unsold vehicle.',
      );
    }
    const address = taxAddress(customers.get(buyerId)!);
    const buyerStateText = input.buyerState ?? address?.state;
    if (!buyerStateText) {
      throw badInput(
        'input.buyerState',
        'Give buyerState: the buyer has no address to take it from.',
      );
    }
    const buyerState = parse.state('input.buyerState', buyerStateText);
    const buyerZip = parse.zip(
      'input.buyerZip',
      input.buyerZip ?? (input.buyerState ? null : address?.zip),
    );
    const sellingPrice =
      optMoney('input.sellingPrice', input.sellingPrice) ?? vehicle.listPrice ?? null;
    if (!sellingPrice || sellingPrice.isZero()) {
      throw badInput('input.sellingPrice', 'Give sellingPrice: the vehicle has no list price.');
    }
    const cap = docFeeCap(buyerState, dealDate);
    const localRate = await this.rateFor(c, buyerState, buyerZip);
    const write = this.db.withTenant(this.tenant(p), async (em) => {
      const settings = await events.readSettings(em);
      let docFee = optMoney('input.docFee', input.docFee);
      if (docFee === null) {
        docFee = Decimal.min(settings.defaultDocFee, cap ?? settings.maxDocFee);
      }
      const terms: DealTerms = {
        buyerId,
        coBuyerId,
        vehicleId,
        salespersonId: parse.optId('input.salespersonId', input.salespersonId) ?? p.userId,
        salesManagerId: parse.optId('input.salesManagerId', input.salesManagerId),
        dealDate,
        buyerState,
        buyerZip,
        vehicleCondition: vehicle.condition === 'NEW' ? 'NEW' : 'USED',
        msrp: vehicle.msrp,
        sellingPrice,
        accessories: optMoney('input.accessories', input.accessories) ?? new Decimal(0),
        dealerDiscount: optMoney('input.dealerDiscount', input.dealerDiscount) ?? new Decimal(0),
        rebates: parse.rebates('input.rebates', input.rebates ?? []),
        docFee,
        titleFee: optMoney('input.titleFee', input.titleFee),
        registrationFee: optMoney('input.registrationFee', input.registrationFee),
        tradeIns: parse.tradeIns('input.tradeIns', input.tradeIns ?? []),
        products: parse.products('input.products', input.products ?? []),
        reconditioning: optMoney('input.reconditioning', input.reconditioning) ?? new Decimal(0),
        vehicleCost: vehicle.cost,
        localRate,
      };
      checkTerms(terms, 'input');
      checkDocFeeLimit(terms, settings, 'input');
      const computed = scenarios.map((s, i) => ({
        ...s,
        ...withField(`input.scenarios[${i}]`, () => {
          checkTermLimit(s, settings);
          return computeScenario(terms, s, settings.reserveShare);
        }),
      }));
      // Last of the checks, so an input error is named first.
      const alsoIn = await openDealsGuard(em, vehicleId, null, input.acknowledgeOpenDeals === true);
      const id = randomUUID();
      const selectedAt = Math.max(
        0,
        computed.findIndex((s) => s.select),
      );
      const records: ScenarioRecord[] = computed.map((s, i) => ({
        id: randomUUID(),
        dealId: id,
        kind: s.kind,
        name: s.name,
        selected: i === selectedAt,
        finance: s.finance,
        lease: s.lease,
        calcInput: s.calcInput,
        result: s.result,
        reserve: s.reserve,
        calculatedAt: new Date(),
        position: i,
      }));
      // Taken last, so the counter row is locked only for the few inserts before the commit.
      const dealNumber = await store.nextDealNumber(em, p.dealershipId);
      const deal = await store.insertDeal(
        em,
        p.dealershipId,
        p.userId,
        terms,
        id,
        dealNumber,
        records,
      );
      await store.saveScenarios(em, p.dealershipId, id, [], records);
      await events.insertEvent(em, p.dealershipId, id, {
        kind: 'CREATED',
        actorId: p.userId,
        fromStatus: null,
        toStatus: 'DRAFT',
        changes: [
          { field: 'dealNumber', from: null, to: JSON.stringify(dealNumber) },
          ...diffTerms(null, terms),
          ...records.map((s) => ({ field: `scenario.${s.kind}`, from: null, to: s.id })),
          ...acknowledgedChange(alsoIn),
        ],
      });
      return deal;
    });
    return write.catch((error: unknown) => explainRefusal(this, c, error));
  }

  async update(c: Caller, id: string, version: number, patch: DealPatch): Promise<DealRecord> {
    const p = c.principal;
    parse.id('id', id);
    const gc = this.graphCaller(c);
    const coBuyerId = parse.optId('input.coBuyerId', patch.coBuyerId);
    const vehicleId = parse.optId('input.vehicleId', patch.vehicleId);
    if (patch.vehicleCost !== undefined) refuseCostWrite(p, 'input.vehicleCost');
    refuseCostWrites(p, patch);
    await this.checkPeople(c, {
      'input.salespersonId': patch.salespersonId,
      'input.salesManagerId': patch.salesManagerId,
    });
    const current = await this.current(p, id, version);
    const place = {
      state: patch.buyerState
        ? parse.state('input.buyerState', patch.buyerState)
        : current.buyerState,
      zip:
        patch.buyerZip !== undefined
          ? parse.zip('input.buyerZip', patch.buyerZip)
          : current.buyerZip,
    };
    const [customers, vehicle, localRate] = await Promise.all([
      coBuyerId ? this.graph.customers(gc, [coBuyerId]) : null,
      vehicleId ? this.graph.vehicle(gc, vehicleId) : null,
      this.rateFor(c, place.state, place.zip),
    ]);
    const ack = patch.acknowledgeOpenDeals === true;
    const guard = async (em: EntityManager, t: DealTerms, deal: DealRecord) =>
      t.vehicleId === deal.vehicleId
        ? []
        : acknowledgedChange(await openDealsGuard(em, t.vehicleId, id, ack));
    void customers; // reached only when the co-buyer exists in the caller's dealership
    if (vehicle?.status === 'SOLD') {
      throw badInput('input.vehicleId', 'This vehicle is SOLD; a deal needs an unsold vehicle.');
    }
    const edited = this.edit(p, id, version, 'EDITED', (deal) => {
      const t: DealTerms = { ...deal };
      if (patch.coBuyerId !== undefined) t.coBuyerId = coBuyerId;
      if (t.coBuyerId && t.coBuyerId === t.buyerId) {
        throw badInput('input.coBuyerId', 'The co-buyer cannot be the buyer.');
      }
      if (vehicle) applyVehicle(t, vehicle);
      if (patch.salespersonId !== undefined) {
        t.salespersonId = parse.optId('input.salespersonId', patch.salespersonId);
      }
      if (patch.salesManagerId !== undefined) {
        t.salesManagerId = parse.optId('input.salesManagerId', patch.salesManagerId);
      }
      if (patch.dealDate) t.dealDate = parse.isoDate('input.dealDate', patch.dealDate);
      if (patch.buyerState) t.buyerState = parse.state('input.buyerState', patch.buyerState);
      if (patch.buyerZip !== undefined) t.buyerZip = parse.zip('input.buyerZip', patch.buyerZip);
      if (patch.sellingPrice) t.sellingPrice = money('input.sellingPrice', patch.sellingPrice);
      if (patch.accessories) t.accessories = money('input.accessories', patch.accessories);
      if (patch.dealerDiscount) {
        t.dealerDiscount = money('input.dealerDiscount', patch.dealerDiscount);
      }
      if (patch.rebates) t.rebates = parse.rebates('input.rebates', patch.rebates);
      if (patch.docFee) t.docFee = money('input.docFee', patch.docFee);
      if (patch.titleFee !== undefined) t.titleFee = optMoney('input.titleFee', patch.titleFee);
      if (patch.registrationFee !== undefined) {
        t.registrationFee = optMoney('input.registrationFee', patch.registrationFee);
      }
      if (patch.tradeIns) t.tradeIns = parse.tradeIns('input.tradeIns', patch.tradeIns);
      if (patch.products) {
        t.products = parse.products('input.products', patch.products, deal.products);
      }
      if (patch.reconditioning) {
        t.reconditioning = money('input.reconditioning', patch.reconditioning);
      }
      if (patch.vehicleCost !== undefined) {
        t.vehicleCost = optMoney('input.vehicleCost', patch.vehicleCost);
      }
      t.localRate = localRate;
      return { terms: t, scenarios: deal.scenarios, guard };
    });
    return edited.catch((error: unknown) => explainRefusal(this, c, error));
  }

  /**
   * The salesperson and sales manager a deal names must be active users of the caller's dealership
   * (issue 12: any UUID was accepted, so a manager could name a made-up salesperson and approve his
   * own deal). Checked through the graph with the caller's token; auth's RLS answers only the
   * caller's dealership.
   */
  private async checkPeople(c: Caller, ids: Record<string, string | null | undefined>) {
    const given = Object.entries(ids).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
    if (given.length === 0 || !this.graph.team) return;
    for (const [field, value] of given) parse.id(field, value);
    const team = new Map((await this.graph.team(this.graphCaller(c))).map((m) => [m.id, m]));
    for (const [field, value] of given) {
      const member = team.get(value);
      if (!member) throw badInput(field, 'No user of this dealership has this id.');
      if (!member.active) throw badInput(field, 'This user is deactivated.');
    }
  }

  async addScenario(c: Caller, dealId: string, version: number, input: ScenarioInput) {
    const s = parse.scenario('input', input);
    const localRate = await this.currentRate(c, dealId, version);
    return this.edit(c.principal, dealId, version, 'SCENARIO_ADDED', (deal) => {
      const first = deal.scenarios.length === 0;
      const added: ScenarioRecord = {
        ...blankScenario(deal.id, deal.scenarios.length),
        kind: s.kind,
        name: s.name,
        finance: s.finance,
        lease: s.lease,
        selected: first || s.select,
      };
      const others = deal.scenarios.map((o) => ({
        ...o,
        selected: added.selected ? false : o.selected,
      }));
      return {
        terms: { ...deal, localRate },
        scenarios: [...others, added],
        scenarioField: 'input',
      };
    });
  }

  async updateScenario(
    c: Caller,
    dealId: string,
    version: number,
    scenarioId: string,
    input: ScenarioInput,
  ) {
    const s = parse.scenario('input', input);
    const localRate = await this.currentRate(c, dealId, version);
    return this.edit(c.principal, dealId, version, 'SCENARIO_UPDATED', (deal) => {
      const found = scenarioOf(deal, scenarioId);
      if (!c.principal.permissions.includes('deals.gross.read')) {
        keepBuyRate(s.finance, found.finance);
      }
      const scenarios = deal.scenarios.map((o) => {
        if (o.id === found.id) {
          return {
            ...o,
            kind: s.kind,
            name: s.name,
            finance: s.finance,
            lease: s.lease,
            selected: o.selected || s.select,
          };
        }
        return s.select ? { ...o, selected: false } : o;
      });
      return { terms: { ...deal, localRate }, scenarios, scenarioField: 'input' };
    });
  }

  async removeScenario(c: Caller, dealId: string, version: number, scenarioId: string) {
    const localRate = await this.currentRate(c, dealId, version);
    return this.edit(c.principal, dealId, version, 'SCENARIO_REMOVED', (deal) => {
      const found = scenarioOf(deal, scenarioId);
      const rest = deal.scenarios.filter((s) => s.id !== found.id);
      // Removing the selected one selects the first remaining, so a desked deal keeps a selection.
      if (found.selected && rest[0]) rest[0] = { ...rest[0], selected: true };
      return { terms: { ...deal, localRate }, scenarios: rest };
    });
  }

  async selectScenario(c: Caller, dealId: string, version: number, scenarioId: string) {
    return this.edit(c.principal, dealId, version, 'SCENARIO_SELECTED', (deal) => {
      const found = scenarioOf(deal, scenarioId);
      const scenarios = deal.scenarios.map((s) => ({ ...s, selected: s.id === found.id }));
      return { terms: deal, scenarios, recompute: false };
    });
  }

  /**
   * The dealership's local rate for a place, asked of calc before any transaction (no lock is held
   * across the network). No ZIP: no local rate can be looked up (the engine says so in a notice).
   */
  private async rateFor(c: Caller, state: string, zip: string | null) {
    if (!zip) return null;
    return this.graph.localRate(this.graphCaller(c), state, zip.slice(0, 5));
  }

  /** The deal at the version the caller read (NOT_FOUND / CONFLICT as the locked write would say). */
  private async current(p: Principal, id: string, version: number): Promise<DealRecord> {
    parse.id('id', id);
    const deal = await this.byId(p, id);
    if (!deal) throw notFound(`Deal ${id} not found.`);
    if (deal.version !== version) throw staleVersion(version, deal.version);
    return deal;
  }

  /** The local rate for the deal's current place (the version check inside the write keeps it so). */
  private async currentRate(c: Caller, id: string, version: number) {
    const deal = await this.current(c.principal, id, version);
    return this.rateFor(c, deal.buyerState, deal.buyerZip);
  }

  /**
   * The one edit path: lock, check version and status, apply `change`, recompute every scenario,
   * save, record the event (with the status move an edit implies).
   */
  private async edit(
    p: Principal,
    id: string,
    version: number,
    kind: DealEventKind,
    change: (deal: DealRecord) => {
      terms: DealTerms;
      scenarios: ScenarioRecord[];
      recompute?: boolean;
      scenarioField?: string;
      /** Last check inside the transaction; returns changes to record besides the fields'. */
      guard?: (
        em: EntityManager,
        terms: DealTerms,
        deal: DealRecord,
      ) => Promise<DealChangeRecord[]>;
    },
  ): Promise<DealRecord> {
    parse.id('id', id);
    return this.db.withTenant(this.tenant(p), async (em) => {
      const deal = await lockForWrite(em, id, version);
      const editedStatus = assertEditable(deal.status);
      const { terms, scenarios, recompute = true, scenarioField, guard } = change(deal);
      checkTerms(terms, 'input');
      const settings = await events.readSettings(em);
      const termsChanged = diffTerms(deal, terms);
      if (termsChanged.some((c) => c.field === 'docFee' || c.field === 'buyerState')) {
        checkDocFeeLimit(terms, settings, 'input');
      }
      const nextStatus = keepsApproval(deal.status, kind, termsChanged)
        ? deal.status
        : editedStatus;
      const computed = scenarios.map((s) => {
        const before = deal.scenarios.find((o) => o.id === s.id);
        const same = before && termsChanged.length === 0 && sameScenarioTerms(before, s);
        if (!recompute || same) return s;
        const field = scenarioField && !before ? scenarioField : `scenarios.${s.id}`;
        const c = withField(scenarioField ?? field, () => {
          if (!before || !sameScenarioTerms(before, s)) checkTermLimit(s, settings);
          return computeScenario(terms, s, settings.reserveShare);
        });
        return { ...s, ...c, calculatedAt: new Date() };
      });
      const changes = guard ? await guard(em, terms, deal) : [];
      const next: DealRecord = {
        ...deal,
        ...terms,
        status: nextStatus,
        scenarios: computed,
        ...(nextStatus !== deal.status ? { approvedAt: null, approvedById: null } : {}),
      };
      await store.saveDealRow(em, next);
      await store.saveScenarios(em, p.dealershipId, id, deal.scenarios, computed);
      // A held vehicle swapped for another is released (the new one is held on the next approval).
      let released = false;
      if (next.vehicleId !== deal.vehicleId) {
        const holder = await events.vehicleHolder(em, deal.vehicleId);
        if (holder?.deal_id === id && holder.vehicle_status === 'ON_HOLD') {
          await events.insertOutbox(em, p.dealershipId, id, deal.vehicleId, 'AVAILABLE');
          released = true;
        }
      }
      await events.insertEvent(em, p.dealershipId, id, {
        kind,
        actorId: p.userId,
        fromStatus: deal.status,
        toStatus: nextStatus,
        changes: [...termsChanged, ...scenarioChanges(deal.scenarios, computed), ...changes],
      });
      const saved = (await store.findDeals(em, [id]))[0]!;
      if (released) setImmediate(() => this.outboxQueued());
      return saved;
    });
  }
}

/**
 * Costs move gross, so only users who may read gross may write them (issue 12: reconditioning and
 * product costs were accepted from sales). The web app leaves them out for those users; a product
 * entry without `cost` keeps its stored cost (inputs.ts).
 */
function refuseCostWrite(p: Principal, field: string): void {
  if (p.permissions.includes('deals.gross.read')) return;
  throw forbidden(
    `Setting ${field.replace(/^input\./, '')} requires permission deals.gross.read.`,
    {
      requiredPermissions: ['deals.gross.read'],
      field,
    },
  );
}

function refuseCostWrites(
  p: Principal,
  input: { reconditioning?: unknown; products?: ReadonlyArray<{ cost?: unknown }> | null },
): void {
  if (input.reconditioning != null) refuseCostWrite(p, 'input.reconditioning');
  input.products?.forEach((product, i) => {
    if (product.cost !== undefined) refuseCostWrite(p, `input.products[${i}].cost`);
  });
}

/**
 * A user who cannot see the buy rate edits a finance scenario by its sell rate (apr) alone: the
 * lender's buy rate stays, and the markup is what the new apr leaves over it. Below the buy rate
 * there is no markup to keep, and the scenario becomes a plain-apr one (the manager re-desks it).
 */
function keepBuyRate(
  next: FinanceTermsRecord | null | undefined,
  stored: FinanceTermsRecord | null | undefined,
): void {
  if (!next || next.buyRate || !stored?.buyRate) return;
  if (next.apr.lessThan(stored.buyRate)) return;
  next.buyRate = stored.buyRate;
  next.rateMarkup = next.apr.minus(stored.buyRate);
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
