// Regulation M (12 CFR 1013.4) consumer-lease disclosure values, from the computed lease, itemized
// as on the model closed-end vehicle lease form (Appendix A-2 to Part 1013).
// https://www.consumerfinance.gov/rules-policy/regulations/1013/4/
import type { Decimal } from 'decimal.js';
import { positivePart, sum } from './money.ts';
import type { PreparedLease } from './lease.ts';

export interface RegulationMDisclosure {
  /** 1013.4(b): amount due at lease signing, itemized, and how it is paid. */
  amountDueAtSigning: Decimal;
  dueAtSigningItems: {
    capitalizedCostReduction: Decimal;
    firstMonthlyPayment: Decimal;
    securityDeposit: Decimal;
    titleFees: Decimal;
    registrationFees: Decimal;
    /** Lessor fees paid at signing (acquisition, doc) rather than capitalized. */
    otherFees: Decimal;
    upfrontTax: Decimal;
  };
  paidBy: { netTradeIn: Decimal; rebates: Decimal; cash: Decimal };
  /** 1013.4(d): other charges not in the periodic payments (disposition fee). */
  otherCharges: { dispositionFee: Decimal };
  /** 1013.4(c): number, amount of scheduled payments (the first is due at signing). */
  numberOfPayments: number;
  monthlyPayment: Decimal;
  /** 1013.4(e): due at signing (less refundable deposit) + remaining payments + other charges. */
  totalOfPayments: Decimal;
  /** 1013.4(f): how the payment is calculated. */
  agreedUponValue: Decimal;
  grossCapitalizedCost: Decimal;
  capitalizedCostReduction: Decimal;
  adjustedCapitalizedCost: Decimal;
  residualValue: Decimal;
  depreciationAndAmortizedAmounts: Decimal;
  rentCharge: Decimal;
  totalOfBasePayments: Decimal;
  leaseTerm: number;
  basePeriodicPayment: Decimal;
  monthlySalesUseTax: Decimal;
  totalPeriodicPayment: Decimal;
}

export interface RegulationMInput {
  p: PreparedLease;
  termMonths: number;
  residualValue: Decimal;
  base: { depreciation: Decimal; basePayment: Decimal };
  monthlyTax: Decimal;
  /** Up-front tax collected at signing (zero when capitalized). */
  upfrontTaxAtSigning: Decimal;
  totalMonthlyPayment: Decimal;
}

export function regulationM(i: RegulationMInput): RegulationMDisclosure {
  const { p, termMonths, base } = i;
  const items = {
    capitalizedCostReduction: p.capCostReduction,
    firstMonthlyPayment: i.totalMonthlyPayment,
    securityDeposit: p.securityDeposit,
    titleFees: govFee(p, 'TITLE'),
    registrationFees: govFee(p, 'REGISTRATION'),
    otherFees: p.upfrontFees,
    upfrontTax: i.upfrontTaxAtSigning,
  };
  const amountDueAtSigning = sum(Object.values(items));
  const netTradeIn = positivePart(p.tradeInEquity);
  const totalOfBasePayments = base.basePayment.times(termMonths);
  return {
    amountDueAtSigning,
    dueAtSigningItems: items,
    otherCharges: { dispositionFee: p.dispositionFee },
    paidBy: {
      netTradeIn,
      rebates: p.rebates,
      cash: amountDueAtSigning.minus(netTradeIn).minus(p.rebates),
    },
    numberOfPayments: termMonths,
    monthlyPayment: i.totalMonthlyPayment,
    totalOfPayments: amountDueAtSigning
      .minus(p.securityDeposit)
      .plus(i.totalMonthlyPayment.times(termMonths - 1))
      .plus(p.dispositionFee),
    agreedUponValue: p.sellingPrice,
    grossCapitalizedCost: p.grossCapCost,
    capitalizedCostReduction: p.capCostReduction,
    adjustedCapitalizedCost: p.adjustedCapCost,
    residualValue: i.residualValue,
    depreciationAndAmortizedAmounts: base.depreciation,
    rentCharge: totalOfBasePayments.minus(base.depreciation),
    totalOfBasePayments,
    leaseTerm: termMonths,
    basePeriodicPayment: base.basePayment,
    monthlySalesUseTax: i.monthlyTax,
    totalPeriodicPayment: i.totalMonthlyPayment,
  };
}

function govFee(p: PreparedLease, kind: 'TITLE' | 'REGISTRATION'): Decimal {
  return sum(p.governmentFees.filter((f) => f.kind === kind).map((f) => f.amount));
}
