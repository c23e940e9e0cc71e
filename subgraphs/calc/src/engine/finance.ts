// Finance (retail installment) deal: amount financed, level monthly payment, amortization schedule
// and the Truth-in-Lending disclosures (12 CFR 1026.18), with the APR by Appendix J.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import {
  optionalMoney,
  parseApr,
  parseTermMonths,
  positivePart,
  roundCents,
  type DecimalInput,
} from './money.ts';
import { addMonths, dayOfMonth, parseIsoDate, toIsoDate } from './dates.ts';
import {
  buildDealSheet,
  line,
  type DealSheet,
  type LineItem,
  type PurchaseInput,
} from './deal-sheet.ts';
import {
  amortizationSchedule,
  balloonLevelPayment,
  levelPayment,
  monthlyRate,
  paymentFactor,
  type FirstPeriod,
  type ScheduleRow,
} from './amortization.ts';
import { periodsBetween, UNIT_PERIODS } from './unit-period.ts';
import { aprOfStreams, type Stream } from './appendix-j.ts';
import type { GovernmentFee } from './fees.ts';
import type { TaxQuote } from './tax/types.ts';
import type { TaxFunctions } from './tax-functions.ts';

export interface FinanceDealInput extends PurchaseInput {
  downPayment?: DecimalInput;
  /** Note rate, percent ("6.00"). */
  apr: DecimalInput;
  termMonths: number;
  /** ISO date the contract is signed; interest starts here. */
  contractDate: string;
  /** ISO date of the first payment; default one month after the contract date. */
  firstPaymentDate?: string;
  /** ISO date for tax and fee rules; default the contract date. */
  dealDate?: string;
  /**
   * Balloon contract: the final (termMonths-th) payment as contracted. The other payments are
   * level and amortize the rest; the last one is adjusted by the cent rounding (finalPayment).
   */
  balloonPayment?: DecimalInput;
}

export interface FinanceDealResult {
  lines: LineItem[];
  cashPrice: Decimal;
  totalRebates: Decimal;
  /** Allowance − payoff; negative equity is carried into the amount financed. */
  tradeInEquity: Decimal;
  governmentFees: GovernmentFee[];
  /** Doc fee + government fees + other fees. */
  totalFees: Decimal;
  totalProducts: Decimal;
  tax: TaxQuote;
  totalTax: Decimal;
  downPayment: Decimal;
  /** TILA down payment: cash down + rebates + positive trade-in equity. */
  totalDownPayment: Decimal;
  amountFinanced: Decimal;
  monthlyPayment: Decimal;
  finalPayment: Decimal;
  numberOfPayments: number;
  firstPaymentDate: string;
  noteRate: Decimal;
  totalInterest: Decimal;
  financeCharge: Decimal;
  totalOfPayments: Decimal;
  totalSalePrice: Decimal;
  /** APR from the actual payment stream (Appendix J), percent, 2 places. */
  disclosedApr: Decimal;
  aprExact: Decimal;
  schedule: ScheduleRow[];
  notices: string[];
}

/** A first payment more than this many days out is a deferral the engine does not model. */
const MAX_DAYS_TO_FIRST_PAYMENT = 180;

/** Financing less than this is a data-entry error (and cent rounding would dominate the schedule). */
const MIN_AMOUNT_FINANCED = 100;

export interface FinanceTerms {
  rate: Decimal;
  noteRate: Decimal;
  termMonths: number;
  contractDay: number;
  firstPaymentDay: number;
  /** Day of the month payments fall due. */
  dueDay: number;
  first: FirstPeriod;
}

export function parseFinanceTerms(input: FinanceDealInput, aprField = 'apr'): FinanceTerms {
  const noteRate = parseApr(input.apr, aprField);
  const termMonths = parseTermMonths(input.termMonths, 'termMonths');
  const contractDay = parseIsoDate(input.contractDate, 'contractDate');
  const firstPaymentDay =
    input.firstPaymentDate === undefined
      ? addMonths(contractDay, 1)
      : parseIsoDate(input.firstPaymentDate, 'firstPaymentDate');
  const days = firstPaymentDay - contractDay;
  if (days < 1 || days > MAX_DAYS_TO_FIRST_PAYMENT) {
    throw new CalcInputError(
      'firstPaymentDate',
      `firstPaymentDate must be 1 to ${MAX_DAYS_TO_FIRST_PAYMENT} days after contractDate`,
    );
  }
  // Payments fall due on the first payment's day of the month — or, by default, the contract's
  // (a contract of Jan 30 is due Feb 28, then Mar 30).
  const dueDay = dayOfMonth(input.firstPaymentDate === undefined ? contractDay : firstPaymentDay);
  const first = firstPeriod(termMonths, contractDay, firstPaymentDay, dueDay);
  return {
    rate: monthlyRate(noteRate),
    noteRate,
    termMonths,
    contractDay,
    firstPaymentDay,
    dueDay,
    first,
  };
}

/**
 * Months and odd days to the first payment, measured as Appendix J measures them, so that the
 * schedule and the disclosed APR agree. A one-payment contract is a single advance, single payment
 * transaction whose unit period is the term itself ((b)(4)(iii), (b)(5)(vii)): it earns simple
 * interest for the actual days over a 365-day year — APR × days/365 = i × (12 · days)/365.
 */
function firstPeriod(
  termMonths: number,
  contract: number,
  firstPayment: number,
  dueDay: number,
): FirstPeriod {
  if (termMonths === 1) return { t: 0, fNum: 12 * (firstPayment - contract), fDen: 365 };
  return periodsBetween(UNIT_PERIODS.MONTHLY, contract, firstPayment, dueDay);
}

export function amountFinancedFrom(
  sheet: DealSheet,
  downPayment: Decimal,
  field = 'downPayment',
): Decimal {
  // Every input is whole cents; rounding only guards against a tax engine answering sub-cent.
  const amount = roundCents(sheet.balance.minus(downPayment));
  if (amount.lessThan(MIN_AMOUNT_FINANCED)) {
    // Without a down payment the deal itself (price vs. trade-in and rebates) leaves nothing to finance.
    const culprit = downPayment.isZero() ? 'sellingPrice' : field;
    throw new CalcInputError(
      culprit,
      `amount financed would be ${amount.toFixed(2)}; at least ${MIN_AMOUNT_FINANCED}.00 is required`,
    );
  }
  return amount;
}

export function financeDeal(input: FinanceDealInput, tax: TaxFunctions): FinanceDealResult {
  const terms = parseFinanceTerms(input);
  const downPayment = optionalMoney(input.downPayment, 'downPayment');
  const sheet = buildDealSheet(input, input.dealDate ?? input.contractDate, tax);
  const amountFinanced = amountFinancedFrom(sheet, downPayment);
  const balloon = optionalMoney(input.balloonPayment, 'balloonPayment');
  const payment = balloon.isZero()
    ? levelPayment(amountFinanced, paymentFactor(terms.rate, terms.termMonths, terms.first))
    : balloonPayment(amountFinanced, balloon, terms);
  const schedule = amortizationSchedule({ amountFinanced, payment, dates: terms, ...terms });
  const totalDownPayment = downPayment.plus(sheet.rebates).plus(positivePart(sheet.tradeInEquity));
  const apr = disclosedApr(amountFinanced, payment, schedule.finalPayment, terms);
  return {
    lines: [...sheet.lines, line('DOWN_PAYMENT', 'Cash down payment', downPayment.negated())],
    cashPrice: sheet.cashPrice,
    totalRebates: sheet.rebates,
    tradeInEquity: sheet.tradeInEquity,
    governmentFees: sheet.governmentFees,
    totalFees: sheet.feesTotal,
    totalProducts: sheet.productsTotal,
    tax: sheet.tax,
    totalTax: sheet.tax.totalTax,
    downPayment,
    totalDownPayment,
    amountFinanced,
    monthlyPayment: payment,
    finalPayment: schedule.finalPayment,
    numberOfPayments: terms.termMonths,
    firstPaymentDate: toIsoDate(terms.firstPaymentDay),
    noteRate: terms.noteRate,
    totalInterest: schedule.totalInterest,
    financeCharge: schedule.totalOfPayments.minus(amountFinanced),
    totalOfPayments: schedule.totalOfPayments,
    totalSalePrice: schedule.totalOfPayments.plus(totalDownPayment),
    disclosedApr: apr.apr,
    aprExact: apr.aprExact,
    schedule: schedule.rows,
    notices: sheet.notices,
  };
}

/** Level payment of a balloon contract, after checking the balloon leaves something to amortize. */
function balloonPayment(amountFinanced: Decimal, balloon: Decimal, terms: FinanceTerms): Decimal {
  if (terms.termMonths < 2) {
    throw new CalcInputError('balloonPayment', 'a balloon contract needs at least 2 payments');
  }
  if (!balloon.lessThan(amountFinanced)) {
    throw new CalcInputError(
      'balloonPayment',
      `balloonPayment must be less than the amount financed (${amountFinanced.toFixed(2)})`,
    );
  }
  const payment = balloonLevelPayment(
    amountFinanced,
    balloon,
    terms.rate,
    terms.termMonths,
    terms.first,
  );
  if (!payment.greaterThan(0)) {
    throw new CalcInputError('balloonPayment', 'the balloon leaves no level payment to make');
  }
  return payment;
}

/** The APR of the payments actually scheduled: n − 1 level payments and the adjusted final one. */
function disclosedApr(
  amountFinanced: Decimal,
  payment: Decimal,
  finalPayment: Decimal,
  terms: FinanceTerms,
) {
  const { termMonths, firstPaymentDay, dueDay } = terms;
  const streams: Stream[] = [];
  if (termMonths > 1) {
    streams.push({
      amount: payment,
      count: termMonths - 1,
      first: firstPaymentDay,
      frequency: 'MONTHLY',
      dueDay,
    });
  }
  const finalDay = addMonths(firstPaymentDay, termMonths - 1, dueDay);
  streams.push({ amount: finalPayment, count: 1, first: finalDay, frequency: 'SINGLE', dueDay });
  return aprOfStreams(amountFinanced, terms.contractDay, streams);
}
