// Shared building blocks for the per-region state tables. They only shorten the data: every
// version still ends up a complete StateRuleVersion (checked by validateRecord in the tests).
import type { LeaseRule, StateRuleVersion, StateTaxRecord } from '../schema.ts';

/** Taxability of add-on products where a state follows the common pattern: service contracts and
 *  GAP are not taxable (contracts/insurance, not tangible goods); dealer-installed accessories are
 *  part of the taxable price; negative equity is a loan payoff, not price, so not in the base. */
export const COMMON_PRODUCTS = {
  serviceContractTaxable: false,
  gapTaxable: false,
  accessoriesTaxable: true,
  negativeEquityTaxable: false,
} as const;

/** Most states: a manufacturer rebate is paid to the dealer on the buyer's behalf, so it is part of
 *  the consideration (taxable); a dealer rebate is a price reduction (not taxable). */
export const COMMON_REBATES = {
  manufacturerRebateTaxable: true,
  dealerRebateTaxable: false,
} as const;

export const PRODUCTS_ASSUMPTION =
  'service contract / GAP / accessories / negative-equity taxability follows the common pattern (not checked for this state)';
export const REBATE_ASSUMPTION =
  'manufacturer rebate treated as taxable (not deducted), dealer rebate as a price reduction (not checked for this state)';

export const NO_LOCAL = { applies: false, note: 'no local sales tax on motor vehicles' } as const;

export function monthlyLease(
  sources: string[],
  note: string,
  extra: Partial<LeaseRule> = {},
): LeaseRule {
  return {
    method: 'MONTHLY_PAYMENT',
    capCostReductionTaxed: true,
    feesTaxed: true,
    note,
    sources,
    ...extra,
  };
}

export function upfrontLease(
  method: 'UPFRONT_TOTAL_PAYMENTS' | 'UPFRONT_PRICE',
  sources: string[],
  note: string,
  extra: Partial<LeaseRule> = {},
): LeaseRule {
  return { method, capCostReductionTaxed: true, feesTaxed: true, note, sources, ...extra };
}

/** Identity with a type: a typo in a field name fails tsc instead of vanishing. */
export function version(v: StateRuleVersion): StateRuleVersion {
  return v;
}

/** A one-version record for a plain sales-tax state (full trade-in credit, monthly lease tax);
 *  `extra` overrides any field. */
export function simple(
  state: string,
  name: string,
  from: string,
  rate: string,
  taxName: string,
  sources: string[],
  local: StateRuleVersion['local'],
  extra: Partial<StateRuleVersion> = {},
): StateTaxRecord {
  return {
    state,
    name,
    versions: [
      version({
        effectiveFrom: from,
        regime: 'SALES_TAX',
        taxName,
        stateRate: rate,
        local,
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease(sources, 'tax on each lease payment'),
        summary: `${+(Number(rate) * 100).toFixed(3)}% of price less full trade-in credit${local.applies ? ', plus local rates' : ''}`,
        sources,
        verified: false,
        assumptions: [REBATE_ASSUMPTION, PRODUCTS_ASSUMPTION],
        ...extra,
      }),
    ],
  };
}
