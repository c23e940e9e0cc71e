// Lease tax by the state's method (from the tax engine's leaseTaxTreatment): which amounts are
// taxed, and when. Each jurisdiction's line is rounded to the cent on its own, as a DMS would print.
import type { Decimal } from 'decimal.js';
import { ZERO } from './decimal.ts';
import { roundCents, sum } from './money.ts';
import type { LeaseTaxTreatment, TaxLine } from './tax/types.ts';

export interface LeaseTaxBases {
  basePayment: Decimal;
  termMonths: number;
  sellingPrice: Decimal;
  /** Cash down + rebates (the cash part of the cap cost reduction). */
  cashReduction: Decimal;
  capitalizedFees: Decimal;
  upfrontFees: Decimal;
}

export interface LeaseTaxAmounts {
  monthlyTax: Decimal;
  upfrontTax: Decimal;
  monthlyLines: TaxLine[];
  upfrontLines: TaxLine[];
}

/**
 * MONTHLY_PAYMENT: each payment taxed; the cash cap cost reduction and up-front fees taxed at
 * signing when the state says so. UPFRONT_TOTAL_PAYMENTS: all base payments (plus those items)
 * taxed at signing. UPFRONT_PRICE: the agreed value taxed at titling, like a sale.
 */
export function leaseTaxes(treatment: LeaseTaxTreatment, b: LeaseTaxBases): LeaseTaxAmounts {
  const reduction = treatment.capCostReductionTaxed ? b.cashReduction : ZERO;
  const upfrontFees = treatment.feesTaxed ? b.upfrontFees : ZERO;
  switch (treatment.method) {
    case 'MONTHLY_PAYMENT': {
      const monthly = taxOn(treatment, b.basePayment);
      const upfront = taxOn(treatment, reduction.plus(upfrontFees));
      return {
        monthlyTax: monthly.total,
        monthlyLines: monthly.lines,
        upfrontTax: upfront.total,
        upfrontLines: upfront.lines,
      };
    }
    case 'UPFRONT_TOTAL_PAYMENTS': {
      const base = b.basePayment.times(b.termMonths).plus(reduction).plus(upfrontFees);
      return upfrontOnly(taxOn(treatment, base));
    }
    default: {
      const fees = treatment.feesTaxed ? b.capitalizedFees.plus(b.upfrontFees) : ZERO;
      return upfrontOnly(taxOn(treatment, b.sellingPrice.plus(fees)));
    }
  }
}

function upfrontOnly(tax: { total: Decimal; lines: TaxLine[] }): LeaseTaxAmounts {
  return { monthlyTax: ZERO, monthlyLines: [], upfrontTax: tax.total, upfrontLines: tax.lines };
}

/** Tax on `base`: per jurisdiction line when the lines add up to the combined rate, else one line. */
export function taxOn(
  treatment: LeaseTaxTreatment,
  base: Decimal,
): { total: Decimal; lines: TaxLine[] } {
  if (base.isZero() || treatment.rate.isZero()) return { total: ZERO, lines: [] };
  const lineRates = sum(treatment.lines.map((l) => l.rate));
  const rated =
    lineRates.equals(treatment.rate) && treatment.lines.length > 0
      ? treatment.lines
      : [
          {
            jurisdiction: 'combined',
            kind: 'STATE' as const,
            rate: treatment.rate,
            rule: treatment.rule,
            source: treatment.source,
            origin:
              treatment.lines.find((l) => l.origin !== 'STATE_RULE')?.origin ??
              ('STATE_RULE' as const),
          },
        ];
  const lines = rated.map((l) => ({ ...l, base, amount: roundCents(base.times(l.rate)) }));
  return { total: sum(lines.map((l) => l.amount)), lines };
}
