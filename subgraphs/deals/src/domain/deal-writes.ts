// Opening and editing a deal. Every write is one transaction that locks the deal, checks the
// version, recomputes the scenarios with the calc engine, and records a DealEvent. References
// (customers, vehicle) are checked through the graph with the caller's token before the
// transaction, so no lock is held across a network call.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { badInput, type EntityManager } from '@autolytiq/kit';
import type { CreateDealInput, DealPatch } from '../generated/resolvers-types.ts';
import * as store from '../store/deals-store.ts';
import * as events from '../store/events-store.ts';
import { taxAddress, today, type Caller } from './deal-base.ts';
import { DealEditPath } from './deal-edit-path.ts';
import { refuseCostWrite, refuseCostWrites } from './cost-rules.ts';
import {
  applyVehicle,
  checkDocFeeLimit,
  checkTermLimit,
  checkTerms,
  diffTerms,
  withField,
} from './deal-edits.ts';
import * as parse from './inputs.ts';
import { money, optMoney } from './money.ts';
import { acknowledgedChange, explainRefusal, openDealsGuard } from './open-deals.ts';
import type { DealRecord, DealTerms, ScenarioRecord } from './records.ts';
import { computeScenario, docFeeCap } from './scenarios.ts';

export class DealWrites extends DealEditPath {
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
    const dealerZip = await this.dealerZipFor(c);
    const localRate = await this.rateFor(c, buyerState, buyerZip, dealerZip);
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
        dealerZip,
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
    // A deal opened before the dealership's ZIP was kept (deals 0090) takes it at its next edit.
    const dealerZip = current.dealerZip ?? (await this.dealerZipFor(c));
    const [customers, vehicle, localRate] = await Promise.all([
      coBuyerId ? this.graph.customers(gc, [coBuyerId]) : null,
      vehicleId ? this.graph.vehicle(gc, vehicleId) : null,
      this.rateFor(c, place.state, place.zip, dealerZip),
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
      t.dealerZip ??= dealerZip;
      return { terms: t, scenarios: deal.scenarios, guard };
    });
    return edited.catch((error: unknown) => explainRefusal(this, c, error));
  }
}
