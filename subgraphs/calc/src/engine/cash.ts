// Cash deal: the deal recap and the total the buyer pays.
import type { Decimal } from 'decimal.js';
import { buildDealSheet, type LineItem, type PurchaseInput } from './deal-sheet.ts';
import type { GovernmentFee } from './fees.ts';
import type { TaxQuote } from './tax/types.ts';
import type { TaxFunctions } from './tax-functions.ts';

export interface CashDealInput extends PurchaseInput {
  /** ISO date of the sale: selects tax rules and fees in effect. */
  dealDate: string;
}

export interface CashDealResult {
  lines: LineItem[];
  /** Selling price + accessories. */
  cashPrice: Decimal;
  totalRebates: Decimal;
  /** Allowance − payoff (negative = negative equity, carried into the total). */
  tradeInEquity: Decimal;
  governmentFees: GovernmentFee[];
  /** Doc fee + government fees + other fees. */
  totalFees: Decimal;
  totalProducts: Decimal;
  taxableAmount: Decimal;
  totalTax: Decimal;
  tax: TaxQuote;
  /** Σ lines. Negative when the trade-in is worth more than everything bought (refund due). */
  totalDue: Decimal;
  notices: string[];
}

export function cashDeal(input: CashDealInput, tax: TaxFunctions): CashDealResult {
  const sheet = buildDealSheet(input, input.dealDate, tax);
  return {
    lines: sheet.lines,
    cashPrice: sheet.cashPrice,
    totalRebates: sheet.rebates,
    tradeInEquity: sheet.tradeInEquity,
    governmentFees: sheet.governmentFees,
    totalFees: sheet.feesTotal,
    totalProducts: sheet.productsTotal,
    taxableAmount: sheet.tax.taxableAmount,
    totalTax: sheet.tax.totalTax,
    tax: sheet.tax,
    totalDue: sheet.balance,
    notices: sheet.notices,
  };
}
