// Public entry point of the calc engine: pure functions (decimal.js, no I/O) for Node and the
// browser. Deal functions here use the real tax engine; createCalcEngine injects another.
import { createCalcEngine } from './engine.ts';
import { leaseTaxTreatment, quoteTax } from './tax/index.ts';

export * from './tax/index.ts';
export { CalcInputError } from './errors.ts';
export { Dec } from './decimal.ts';
export {
  roundCents,
  parseDecimal,
  parseMoney,
  parseApr,
  parseTermMonths,
  type DecimalInput,
} from './money.ts';
export { createCalcEngine, type CalcEngine } from './engine.ts';
export type { TaxFunctions } from './tax-functions.ts';
export type { PurchaseInput, LineItem, LineCode, NamedAmount } from './deal-sheet.ts';
export type { CashDealInput, CashDealResult } from './cash.ts';
export type { FinanceDealInput, FinanceDealResult } from './finance.ts';
export { ScheduleRow, paymentFactor, monthlyRate } from './amortization.ts';
export {
  moneyFactorToApr,
  aprToMoneyFactor,
  type LeaseDealInput,
  type LeaseDealResult,
} from './lease.ts';
export type { RegulationMDisclosure } from './regulation-m.ts';
export type {
  PaymentGridInput,
  PaymentGridResult,
  FinanceGridInput,
  FinanceGridCell,
  LeaseGridInput,
  LeaseGridCell,
  ResidualOption,
} from './grid.ts';
export {
  aprFromSchedule,
  type AprFromScheduleInput,
  type AprFromScheduleResult,
  type PaymentStreamInput,
} from './appendix-j.ts';
export { PAYMENT_FREQUENCIES, type PaymentFrequency } from './unit-period.ts';
export { FEE_RULES, STATE_CODES, type FeeRule } from './fees-data.ts';
export type { GovernmentFee } from './fees.ts';
export { feeChoices } from './fees.ts';
export {
  dealEngineInput,
  purchaseInput,
  localRateLookup,
  withLocalRates,
  DealMappingError,
  TAXED_PRODUCT_KINDS,
  type DealForEngine,
  type ScenarioForEngine,
  type FinanceTermsForEngine,
  type LeaseTermsForEngine,
  type DealLocalRate,
  type DealEngineInput,
} from './deal-input.ts';

/** The real tax engine, as the deal functions take it. */
export const defaultTax = { quoteTax, leaseTaxTreatment };

const engine = createCalcEngine({ tax: defaultTax });
export const cashDeal = engine.cashDeal;
export const financeDeal = engine.financeDeal;
export const leaseDeal = engine.leaseDeal;
export const paymentGrid = engine.paymentGrid;
