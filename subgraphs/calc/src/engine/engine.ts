// The deal functions bound to a tax implementation. `createCalcEngine({ tax })` lets tests and
// dealership-specific setups inject their own; index.ts binds the real tax engine by default.
import { cashDeal, type CashDealInput, type CashDealResult } from './cash.ts';
import { financeDeal, type FinanceDealInput, type FinanceDealResult } from './finance.ts';
import { leaseDeal, type LeaseDealInput, type LeaseDealResult } from './lease.ts';
import { paymentGrid, type PaymentGridInput, type PaymentGridResult } from './grid.ts';
import type { TaxFunctions } from './tax-functions.ts';
import { requireInput } from './money.ts';

export interface CalcEngine {
  cashDeal(input: CashDealInput): CashDealResult;
  financeDeal(input: FinanceDealInput): FinanceDealResult;
  leaseDeal(input: LeaseDealInput): LeaseDealResult;
  paymentGrid(input: PaymentGridInput): PaymentGridResult;
}

export function createCalcEngine(deps: { tax: TaxFunctions }): CalcEngine {
  const { tax } = deps;
  return {
    cashDeal: (input) => cashDeal(requireInput(input), tax),
    financeDeal: (input) => financeDeal(requireInput(input), tax),
    leaseDeal: (input) => leaseDeal(requireInput(input), tax),
    paymentGrid: (input) => paymentGrid(requireInput(input), tax),
  };
}
