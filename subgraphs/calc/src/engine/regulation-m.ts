// Regulation M (12 CFR 1013.4) consumer-lease disclosure values, from the computed lease.
// https://www.consumerfinance.gov/rules-policy/regulations/1013/4/
import type { Decimal } from 'decimal.js';
import { positivePart, sum } from './money.ts';
import type { LeaseTaxAmounts } from './lease-tax.ts';
import type { PreparedLease } from './lease.ts';

export interface RegulationMDisclosure {
  /** 1013.4(b): amount due at lease signing, itemized, and how it is paid. */
  amountDueAtSigning: Decimal;
  dueAtSigningItems: {
    capitalizedCostReduction: Decimal;
    firstMonthlyPayment: Decimal;
    securityDeposit: Decimal;
    fees: Decimal;
    upfrontTax: Decimal;
  };
  paidBy: { netTradeIn: Decimal; rebates: Decimal; cash: Decimal };
  /** 1013.4(c): number, amount of scheduled payments (the first is due at signing). */
  numberOfPayments: number;
  monthlyPayment: Decimal;
  /** 1013.4(e): due at signing (less refundable deposit) + remaining payments. */
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
  taxes: LeaseTaxAmounts;
  totalMonthlyPayment: Decimal;
  governmentFeesTotal: Decimal;
}

export function regulationM(i: RegulationMInput): RegulationMDisclosure {
  const { p, termMonths, base, taxes } = i;
  const items = {
    capitalizedCostReduction: p.capCostReduction,
    firstMonthlyPayment: i.totalMonthlyPayment,
    securityDeposit: p.securityDeposit,
    fees: p.upfrontFees.plus(i.governmentFeesTotal),
    upfrontTax: taxes.upfrontTax,
  };
  const amountDueAtSigning = sum(Object.values(items));
  const netTradeIn = positivePart(p.tradeInEquity);
  const totalOfBasePayments = base.basePayment.times(termMonths);
  return {
    amountDueAtSigning,
    dueAtSigningItems: items,
    paidBy: {
      netTradeIn,
      rebates: p.rebates,
      cash: amountDueAtSigning.minus(netTradeIn).minus(p.rebates),
    },
    numberOfPayments: termMonths,
    monthlyPayment: i.totalMonthlyPayment,
    totalOfPayments: amountDueAtSigning
      .minus(p.securityDeposit)
      .plus(i.totalMonthlyPayment.times(termMonths - 1)),
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
    monthlySalesUseTax: taxes.monthlyTax,
    totalPeriodicPayment: i.totalMonthlyPayment,
  };
}
