// The lease payment for one term and residual: base payment, taxes, and — when the up-front tax is
// capitalized — the cap cost that carries its own tax. Shared by the lease deal and the grid.
import type { Decimal } from 'decimal.js';
import { ZERO } from './decimal.ts';
import { roundCents } from './money.ts';
import { leaseTaxes, type LeaseTaxAmounts } from './lease-tax.ts';
import type { PreparedLease } from './lease.ts';

export interface BasePayment {
  depreciation: Decimal;
  monthlyDepreciation: Decimal;
  monthlyRentCharge: Decimal;
  basePayment: Decimal;
}

export interface PricedLease {
  /** The prepared lease, its cap costs including any capitalized tax. */
  lease: PreparedLease;
  base: BasePayment;
  taxes: LeaseTaxAmounts;
  capitalizedTax: Decimal;
}

/** Base payment = depreciation / term + (adjusted cap cost + residual) × money factor, to the cent. */
export function basePaymentFor(
  p: PreparedLease,
  termMonths: number,
  residual: Decimal,
): BasePayment {
  const depreciation = p.adjustedCapCost.minus(residual);
  const monthlyDepreciation = depreciation.div(termMonths);
  const monthlyRentCharge = p.adjustedCapCost.plus(residual).times(p.moneyFactor);
  const basePayment = roundCents(monthlyDepreciation.plus(monthlyRentCharge));
  return { depreciation, monthlyDepreciation, monthlyRentCharge, basePayment };
}

export function leaseTaxFor(
  p: PreparedLease,
  termMonths: number,
  basePayment: Decimal,
): LeaseTaxAmounts {
  return leaseTaxes(p.treatment, {
    basePayment,
    termMonths,
    sellingPrice: p.sellingPrice,
    cashReduction: p.cashDown.plus(p.rebates),
    capitalizedFees: p.capitalizedFees,
    upfrontFees: p.upfrontFees,
  });
}

function withCapitalizedTax(p: PreparedLease, tax: Decimal): PreparedLease {
  return {
    ...p,
    grossCapCost: p.grossCapCost.plus(tax),
    adjustedCapCost: p.adjustedCapCost.plus(tax),
  };
}

/**
 * Capitalizing a tax on the total of payments raises the payments, which raises the tax: the
 * capitalized amount T must satisfy T = tax(payments(T)). That map shrinks differences by the tax
 * rate × (1 + term × money factor) — well under 1 — so iterating from the uncapitalized tax
 * settles within a few rounds; if cent rounding makes it alternate between two neighbours, the
 * larger is kept so the tax collected is never short.
 */
export function priceLease(p: PreparedLease, termMonths: number, residual: Decimal): PricedLease {
  let base = basePaymentFor(p, termMonths, residual);
  let taxes = leaseTaxFor(p, termMonths, base.basePayment);
  if (!p.capitalizeUpfrontTax || taxes.upfrontTax.isZero()) {
    return { lease: p, base, taxes, capitalizedTax: ZERO };
  }
  let capitalized = taxes.upfrontTax;
  const tried = new Set<string>();
  for (let round = 0; round < 25; round += 1) {
    const lease = withCapitalizedTax(p, capitalized);
    base = basePaymentFor(lease, termMonths, residual);
    taxes = leaseTaxFor(lease, termMonths, base.basePayment);
    if (taxes.upfrontTax.equals(capitalized))
      return { lease, base, taxes, capitalizedTax: capitalized };
    tried.add(capitalized.toFixed(2));
    if (tried.has(taxes.upfrontTax.toFixed(2))) break;
    capitalized = taxes.upfrontTax;
  }
  const settled = capitalized.greaterThan(taxes.upfrontTax) ? capitalized : taxes.upfrontTax;
  const lease = withCapitalizedTax(p, settled);
  base = basePaymentFor(lease, termMonths, residual);
  taxes = { ...leaseTaxFor(lease, termMonths, base.basePayment), upfrontTax: settled };
  return { lease, base, taxes, capitalizedTax: settled };
}
