// Thin resolvers over DealService; per-request DataLoaders batch `_entities`, events and the deals
// of many customers/vehicles into one query each.
import { Kind, type GraphQLResolveInfo } from 'graphql';
import { Decimal } from 'decimal.js';
import {
  badInput,
  entityLoader,
  groupBy,
  listLoader,
  pageSize,
  requestScoped,
  requirePrincipal,
  requireToken,
  valueLoader,
  type RequestContext,
} from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { Caller, DealService } from '../domain/deal-service.ts';
import { changesWithoutCosts } from '../domain/event-visibility.ts';
import type { DealRecord } from '../domain/records.ts';
import { grossProfit } from '../domain/gross.ts';
import {
  dealLeaseGrid,
  dealPaymentGrid,
  docFeeCap,
  productTaxedByState,
} from '../domain/scenarios.ts';
import * as parse from '../domain/inputs.ts';
import type { ContractInput } from '../domain/inputs.ts';
import { dealActions, editMode, latestSubmitter } from '../domain/actions.ts';
import { acknowledgeMissingLocalTax } from '../domain/acknowledge-local-tax.ts';
import { missingLocalTax } from '../domain/local-tax-check.ts';
import { allowedTransitions, type Transition } from '../domain/state-machine.ts';
import { sum } from '../domain/money.ts';
import { scenarioFields } from './scenario-fields.ts';

function loaders(service: DealService, ctx: RequestContext) {
  return {
    deals: entityLoader(ctx, 'deals', (ids, p) => service.byIds(p, ids)),
    events: listLoader(ctx, 'dealEvents', (ids, p) => service.eventsOf(p, ids)),
    // A getter: read (one transaction) only by the fields that need the settings, not by every
    // resolver that asks for a loader.
    get settings() {
      const p = requirePrincipal(ctx);
      return requestScoped(ctx, 'dealSettings', () => service.settings(p));
    },
    schedules: listLoader(ctx, 'scenarioSchedules', (ids, p) => service.schedulesOf(p, ids)),
    byCustomer: (first: number) =>
      listLoader(ctx, `dealsByCustomer:${first}`, (ids, p) =>
        service.dealsFor(p, 'customer', ids, first),
      ),
    /** Ids of the open deals on each vehicle (one query for all vehicles a list shows). */
    openOnVehicle: listLoader(ctx, 'openDealsOnVehicle', async (vehicleIds, p) => {
      const open = await service.openDealsOn(p, vehicleIds);
      const byVehicle = groupBy(open, (d) => d.vehicleId);
      return new Map([...byVehicle].map(([v, deals]) => [v, deals.map((d) => d.id)]));
    }),
    byVehicle: (first: number) =>
      listLoader(ctx, `dealsByVehicle:${first}`, (ids, p) =>
        service.dealsFor(p, 'vehicle', ids, first),
      ),
  };
}

/** Whether the field's selection (not counting fragments) asks for `name`. */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === name),
  );
}

const seesGross = (ctx: RequestContext) =>
  requirePrincipal(ctx).permissions.includes('deals.gross.read');

const ref = <T extends string>(typename: T, id: string | null) =>
  id === null ? null : ({ __typename: typename, id } as never);

export function createResolvers(service: DealService): Resolvers {
  const caller = (ctx: RequestContext): Caller => ({
    principal: requirePrincipal(ctx),
    token: requireToken(ctx),
    requestId: ctx.requestId,
  });
  /**
   * Vehicles' costs from inventory, asked as the caller: one router round trip for all the deals a
   * request reads gross for (null when unknown or inventory is unreachable).
   */
  const liveVehicleCost = (ctx: RequestContext, vehicleId: string) =>
    valueLoader(
      ctx,
      'vehicleCosts',
      (ids) =>
        service.graph
          .vehicleCosts(service.graphCaller(caller(ctx)), ids)
          .catch(() => new Map<string, Decimal>()),
      null,
    ).load(vehicleId);
  const move =
    (name: Transition) =>
    (
      _p: unknown,
      args: {
        id: string;
        version: number;
        reason?: string | null;
        note?: string | null;
        contract?: ContractInput | null;
      },
      ctx: RequestContext,
    ) =>
      service.transition(
        caller(ctx),
        args.id,
        args.version,
        name,
        args.reason ?? args.note ?? null,
        args.contract,
      );
  /** Gross as the approval check sees it (the approver's live cost when the deal has none). */
  const grossFor = async (d: DealRecord, ctx: RequestContext) => {
    const threshold = (await loaders(service, ctx).settings).lowGrossThreshold;
    // A deal opened by someone who cannot see costs (a salesperson) has no vehicle cost until
    // approval stores the approver's: the manager deciding on it reads inventory's cost now.
    if (d.vehicleCost !== null || !requirePrincipal(ctx).permissions.includes('inventory.write'))
      return grossProfit(d, threshold);
    const cost = await liveVehicleCost(ctx, d.vehicleId);
    return grossProfit(cost ? { ...d, vehicleCost: cost } : d, threshold);
  };

  return {
    Query: {
      deal: async (_p, { id }, ctx, info) => {
        const l = loaders(service, ctx);
        if (!selects(info, 'events')) return l.deals.load(id);
        // The recap: deal and history in one transaction; later lookups hit the primed loaders.
        const { deal, events } = await service.byIdWithEvents(requirePrincipal(ctx), id);
        if (deal) l.events.prime(deal.id, events);
        return deal;
      },
      dealByNumber: (_p, { number }, ctx) =>
        service.byNumber(requirePrincipal(ctx), parse.dealNumber('number', number)!),
      deals: (_p, { filter, sort, first, after }, ctx) =>
        service.search(requirePrincipal(ctx), filter ?? {}, sort ?? 'DEAL_DATE_DESC', first, after),
      dealSettings: (_p, _a, ctx) => loaders(service, ctx).settings,
    },
    Mutation: {
      createDeal: (_p, { input }, ctx) => service.create(caller(ctx), input),
      updateDeal: (_p, { id, version, input }, ctx) =>
        service.update(caller(ctx), id, version, input),
      addScenario: (_p, { dealId, version, input }, ctx) =>
        service.addScenario(caller(ctx), dealId, version, input),
      updateScenario: (_p, { dealId, version, scenarioId, input }, ctx) =>
        service.updateScenario(caller(ctx), dealId, version, scenarioId, input),
      removeScenario: (_p, { dealId, version, scenarioId }, ctx) =>
        service.removeScenario(caller(ctx), dealId, version, scenarioId),
      selectScenario: (_p, { dealId, version, scenarioId }, ctx) =>
        service.selectScenario(caller(ctx), dealId, version, scenarioId),
      submitDeal: move('submit'),
      approveDeal: move('approve'),
      rejectDeal: move('reject'),
      reopenDeal: move('reopen'),
      sendDealToFinance: move('sendToFinance'),
      contractDeal: move('contract'),
      deliverDeal: move('deliver'),
      cancelDeal: move('cancel'),
      unwindDeal: move('unwind'),
      acknowledgeMissingLocalTax: (_p, { id, version }, ctx) =>
        acknowledgeMissingLocalTax(service, caller(ctx), id, version),
      updateDealSettings: (_p, { version, input }, ctx) =>
        service.updateSettings(requirePrincipal(ctx), version, input),
    },
    Deal: {
      __resolveReference: (r, ctx) => loaders(service, ctx).deals.load(r.id as string),
      allowedTransitions: (d) => allowedTransitions(d.status),
      buyer: (d) => ref('Customer', d.buyerId),
      coBuyer: (d) => ref('Customer', d.coBuyerId),
      vehicle: (d) => ref('Vehicle', d.vehicleId),
      salesperson: (d) => ref('User', d.salespersonId),
      salesManager: (d) => ref('User', d.salesManagerId),
      approvedBy: (d) => ref('User', d.approvedById),
      createdBy: (d) => ref('User', d.createdById),
      totalRebates: (d) => sum(d.rebates.map((r) => r.amount)),
      docFeeCap: (d) => docFeeCap(d.buyerState, d.dealDate),
      products: (d) =>
        d.products.map((p) => ({
          ...p,
          taxedByState: productTaxedByState(p.kind, d.buyerState, d.dealDate),
        })),
      selectedScenario: (d) => d.scenarios.find((s) => s.selected) ?? null,
      paymentGrid: (d, { terms, downPayments, apr }) => {
        const finance =
          d.scenarios.find((s) => s.selected && s.finance) ?? d.scenarios.find((s) => s.finance);
        if (!apr && !finance?.finance) {
          throw badInput('apr', 'Give apr: the deal has no finance scenario to take it from.');
        }
        const rate = apr ? new Decimal(apr) : finance!.finance!.apr;
        return dealPaymentGrid(d, rate, terms, downPayments, null);
      },
      leaseGrid: (d, { terms, ...args }) => {
        const lease =
          d.scenarios.find((s) => s.selected && s.lease) ?? d.scenarios.find((s) => s.lease);
        const { cashDowns, ...at } = parse.leaseGrid(args, lease?.lease ?? null);
        return dealLeaseGrid(d, at, terms, cashDowns);
      },
      grossProfit: (d, _a, ctx) => grossFor(d, ctx),
      actions: async (d, _a, ctx) => {
        const p = requirePrincipal(ctx);
        // Gross is looked at only where it decides something: an approver who may see it.
        const asks =
          d.status === 'SUBMITTED' &&
          p.permissions.includes('deals.approve') &&
          p.permissions.includes('deals.gross.read');
        const g = asks ? await grossFor(d, ctx) : null;
        // The own-deal rule includes who submitted it: read (batched) only where it can matter.
        const submitter =
          d.status === 'SUBMITTED' && p.permissions.includes('deals.approve')
            ? latestSubmitter(await loaders(service, ctx).events.load(d.id))
            : null;
        return dealActions(
          d,
          p,
          g && {
            isLowGross: g.isLowGross,
            frontGross: g.frontGross?.toFixed(2) ?? null,
            threshold: g.lowGrossThreshold.toFixed(2),
          },
          submitter,
        );
      },
      localTaxRate: (d) => d.localRate,
      missingLocalTax: (d) => missingLocalTax(d),
      localTaxAcknowledgement: (d) =>
        d.localRateAcknowledgement && {
          acknowledgedBy: ref('User', d.localRateAcknowledgement.byId),
          acknowledgedAt: d.localRateAcknowledgement.at,
          notices: d.localRateAcknowledgement.notices,
        },
      editMode: (d, _a, ctx) => editMode(d, requirePrincipal(ctx)).mode,
      editBlockedReason: (d, _a, ctx) => editMode(d, requirePrincipal(ctx)).reason,
      contract: (d) =>
        d.contract && {
          lender: d.contract.lender,
          contractNumber: d.contract.contractNumber,
          contractDate: d.contract.contractDate,
          contractedBy: ref('User', d.contract.contractedById),
        },
      events: (d, _a, ctx) => loaders(service, ctx).events.load(d.id),
    },
    // Buy rate and markup give away the dealer reserve (issue 12): sales sees the sell rate (apr).
    FinanceTerms: {
      buyRate: (f, _a, ctx) => (seesGross(ctx) ? (f.buyRate ?? null) : null),
      rateMarkup: (f, _a, ctx) => (seesGross(ctx) ? (f.rateMarkup ?? null) : null),
    },
    LeaseTerms: {
      residualRate: (l) => l.residualPercent ?? null,
    },
    DealLeaseGrid: {
      residualRate: (g) => g.residualPercent ?? null,
    },
    TradeIn: {
      equity: (t) => t.allowance.minus(t.payoff),
    },
    DealProduct: {
      taxedByState: (p) => p.taxedByState ?? false,
    },
    DealScenario: scenarioFields((ctx) => loaders(service, ctx).schedules),
    DealEvent: {
      actor: (e) => ref('User', e.actorId),
      changes: (e, _a, ctx) => (seesGross(ctx) ? e.changes : changesWithoutCosts(e.changes)),
    },
    Customer: {
      __resolveReference: (r) => ({ id: r.id }) as never,
      deals: (c, { first }, ctx) => loaders(service, ctx).byCustomer(pageSize(first)).load(c.id),
    },
    Vehicle: {
      __resolveReference: (r) => ({ id: r.id }) as never,
      deals: (v, { first }, ctx) => loaders(service, ctx).byVehicle(pageSize(first)).load(v.id),
      openDeals: async (v, _a, ctx) => {
        const l = loaders(service, ctx);
        const ids = await l.openOnVehicle.load(v.id);
        const deals = await l.deals.loadMany(ids);
        return deals.filter((d): d is DealRecord => d !== null && !(d instanceof Error));
      },
    },
    User: {
      __resolveReference: (r) => ({ id: r.id }) as never,
      deals: (u, { filter, sort, first, after }, ctx) =>
        service.search(
          requirePrincipal(ctx),
          { ...(filter ?? {}), salespersonId: u.id },
          sort ?? 'DEAL_DATE_DESC',
          first,
          after,
        ),
    },
  };
}
