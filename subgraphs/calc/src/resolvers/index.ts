// Thin resolvers: GraphQL inputs map one-to-one onto the engine's inputs (same field names), results
// come back as the engine's objects and the Decimal scalar serializes them.
import { requirePrincipal } from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { CalcService } from '../domain/calc-service.ts';
import type { LocalRateService } from '../domain/local-rates.ts';
import { toGridInput } from './grid-input.ts';

export interface CalcServices {
  calc: CalcService;
  rates: LocalRateService;
}

// GraphQL gives null for omitted optional fields; the engine expects them absent.
function compact<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as never;
}

export function createResolvers({ calc, rates }: CalcServices): Resolvers {
  return {
    Query: {
      supportedStates: () => calc.supportedStates(),
      stateTaxRules: (_p, { state, date }) => calc.stateTaxRules(state, date),
      taxQuote: (_p, { input }, ctx) =>
        calc.taxQuote(requirePrincipal(ctx), compact(input) as never),
      cashDeal: (_p, { input }, ctx) =>
        calc.cashDeal(requirePrincipal(ctx), compact(input) as never),
      financeDeal: (_p, { input }, ctx) =>
        calc.financeDeal(requirePrincipal(ctx), compact(input) as never),
      leaseDeal: (_p, { input }, ctx) =>
        calc.leaseDeal(requirePrincipal(ctx), compact(input) as never),
      paymentGrid: async (_p, { input }, ctx) => {
        const result = await calc.paymentGrid(requirePrincipal(ctx), toGridInput(input));
        return result.kind === 'FINANCE'
          ? { kind: 'FINANCE', finance: result.cells, lease: null }
          : { kind: 'LEASE', lease: result.cells, finance: null };
      },
      aprFromSchedule: (_p, { input }) => calc.aprFromSchedule(input),
      localTaxRate: (_p, { state, zip }, ctx) => rates.get(requirePrincipal(ctx), state, zip),
      localTaxRates: (_p, args, ctx) => rates.list(requirePrincipal(ctx), args),
      localTaxCoverage: (_p, { state, date }) => calc.localTaxCoverage(state, date),
      providerLocalRate: (_p, args, ctx) => calc.providerLocalRate(requirePrincipal(ctx), args),
    },
    Mutation: {
      importLocalTaxRates: (_p, { csv }, ctx) => rates.importCsv(requirePrincipal(ctx), csv),
      setLocalTaxRate: (_p, { input }, ctx) => rates.set(requirePrincipal(ctx), input),
      deleteLocalTaxRate: (_p, { state, zip }, ctx) =>
        rates.delete(requirePrincipal(ctx), state, zip),
    },
    // APRs are disclosed to two places ("6.00"); decimal.js alone would print "6".
    FinanceDeal: {
      disclosedApr: (deal) => deal.disclosedApr.toFixed(2),
    },
    AprResult: {
      apr: (result) => result.apr.toFixed(2),
    },
    LeaseDeal: {
      aprEquivalent: (deal) => deal.aprEquivalent.toFixed(2),
    },
    StateTaxRuleVersion: {
      assumptions: (v) => v.assumptions ?? [],
      tradeIn: (v) => ({
        kind: v.tradeIn.kind,
        cap: v.tradeIn.kind === 'CAPPED' ? v.tradeIn.cap : null,
      }),
    },
  };
}
