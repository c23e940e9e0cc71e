// Simple stand-ins for the tax engine, so deal arithmetic can be checked by hand: a flat rate on
// (selling price + accessories + doc fee − trade-in allowance − manufacturer rebate), and a lease
// treatment with a chosen method.
import { Decimal } from 'decimal.js';
import type { TaxFunctions } from '../src/engine/tax-functions.ts';
import type {
  LeaseTaxMethod,
  LeaseTaxTreatment,
  TaxQuote,
  TaxQuoteInput,
} from '../src/engine/tax/types.ts';
import { CalcInputError } from '../src/engine/errors.ts';

const zero = new Decimal(0);
const or0 = (d: Decimal | undefined) => d ?? zero;

export function flatTax(rate: string, lease: Partial<LeaseTaxTreatment> = {}): TaxFunctions {
  const r = new Decimal(rate);
  return {
    quoteTax(input: TaxQuoteInput): TaxQuote {
      const base = input.sellingPrice
        .plus(or0(input.accessories))
        .plus(or0(input.docFee))
        .minus(or0(input.tradeInAllowance))
        .minus(or0(input.manufacturerRebate));
      const taxable = Decimal.max(base, 0);
      const amount = input.taxExempt
        ? zero
        : taxable.times(r).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const line = {
        jurisdiction: input.state,
        kind: 'STATE' as const,
        rate: r,
        base: taxable,
        amount,
        rule: 'flat test rate',
        source: 'test',
        origin: 'STATE_RULE' as const,
      };
      return { taxableAmount: taxable, totalTax: amount, lines: [line], notices: [] };
    },
    leaseTaxTreatment: (input) => ({
      method: 'MONTHLY_PAYMENT' as LeaseTaxMethod,
      rate: input.taxExempt ? zero : r,
      capCostReductionTaxed: false,
      feesTaxed: false,
      lines: [
        {
          jurisdiction: input.state,
          kind: 'STATE',
          rate: r,
          rule: 'flat test rate',
          source: 'test',
          origin: 'STATE_RULE',
        },
      ],
      notices: [],
      rule: 'flat test lease rule',
      source: 'test',
      ...lease,
    }),
  };
}

export const noTax = flatTax('0');

/** The CalcInputError field a call fails with (undefined if it does not fail). */
export function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CalcInputError) return error.field;
    throw error;
  }
  return undefined;
}

export const d = (value: string | number) => new Decimal(value);
