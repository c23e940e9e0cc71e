// Level-payment installment math: the payment, and the schedule a retail installment contract
// would print. The first period may be odd (days from contract date to first payment ≠ one month).
//
// Odd first period — our choice: the first period earns interest exactly as Reg Z Appendix J
// measures it: t whole months plus f = odd days / 30, at (1 + f·i)(1 + i)^t − 1 (simple interest on
// the odd days, compounded with the whole months). The level payment is the one that amortizes the
// loan under that same rule. The payment stream is therefore consistent with the note rate by
// construction, and the APR disclosed from it equals the note rate up to the cent rounding of the
// payment. (The alternative — odd-days interest added to the first payment — is not used.)
import type { Decimal } from 'decimal.js';
import { ONE, ZERO } from './decimal.ts';
import { roundCents } from './money.ts';

/** Months t and odd-day fraction fNum/fDen from the contract date to the first payment. */
export interface FirstPeriod {
  t: number;
  fNum: number;
  fDen: number;
}

/** First payment exactly one month after the contract date. */
export const REGULAR_FIRST_PERIOD: FirstPeriod = { t: 1, fNum: 0, fDen: 30 };

export interface ScheduleRow {
  number: number;
  /** ISO due date, when the deal has dates. */
  dueDate: string | null;
  payment: Decimal;
  interest: Decimal;
  principal: Decimal;
  /** Balance after this payment; 0.00 after the last. */
  balance: Decimal;
}

/** Monthly periodic rate from an APR in percent (6.00 → 0.005). */
export function monthlyRate(aprPercent: Decimal): Decimal {
  return aprPercent.div(1200);
}

/**
 * Exact (unrounded) payment per 1.00 financed: 1 / Σ_{k=0}^{n−1} v^(t+k) / (1 + f·i), v = 1/(1+i).
 * With a regular first period this is the textbook i / (1 − (1+i)^−n).
 */
export function paymentFactor(rate: Decimal, termMonths: number, first: FirstPeriod): Decimal {
  if (rate.isZero()) return ONE.div(termMonths);
  const v = ONE.div(ONE.plus(rate));
  const annuity = v.pow(first.t).times(ONE.minus(v.pow(termMonths))).div(ONE.minus(v));
  return oddPeriodGrowth(rate, { t: 0, fNum: first.fNum, fDen: first.fDen }).div(annuity);
}

/** Payment as the contract states it: exact payment rounded half-up to the cent. */
export function levelPayment(amountFinanced: Decimal, factor: Decimal): Decimal {
  return roundCents(amountFinanced.times(factor));
}

/** (1 + f·i)(1 + i)^t: what 1.00 grows to over the first period. */
function oddPeriodGrowth(rate: Decimal, first: FirstPeriod): Decimal {
  const simple = first.fNum === 0 ? ONE : ONE.plus(rate.times(first.fNum).div(first.fDen));
  return first.t === 0 ? simple : simple.times(ONE.plus(rate).pow(first.t));
}

export interface ScheduleInput {
  amountFinanced: Decimal;
  rate: Decimal;
  termMonths: number;
  payment: Decimal;
  first: FirstPeriod;
  /** Due dates (ISO) of each payment, or null when the deal has no dates. */
  dueDates: readonly string[] | null;
}

export interface Schedule {
  rows: ScheduleRow[];
  finalPayment: Decimal;
  totalInterest: Decimal;
  totalOfPayments: Decimal;
}

/**
 * Interest each period is rounded half-up to the cent (the balance stays in cents). The last
 * payment is the balance plus its interest, so the schedule ends at exactly 0.00 and the principal
 * column sums to the amount financed.
 */
export function amortizationSchedule(input: ScheduleInput): Schedule {
  const { rate, termMonths, payment } = input;
  const rows: ScheduleRow[] = new Array(termMonths);
  let balance = input.amountFinanced;
  let totalInterest = ZERO;
  for (let n = 1; n <= termMonths; n += 1) {
    const interest =
      n === 1
        ? roundCents(balance.times(oddPeriodGrowth(rate, input.first).minus(ONE)))
        : roundCents(balance.times(rate));
    const paid = n === termMonths ? balance.plus(interest) : payment;
    const principal = paid.minus(interest);
    balance = balance.minus(principal);
    totalInterest = totalInterest.plus(interest);
    const dueDate = input.dueDates ? (input.dueDates[n - 1] ?? null) : null;
    rows[n - 1] = { number: n, dueDate, payment: paid, interest, principal, balance };
  }
  const finalPayment = rows[termMonths - 1]!.payment;
  const totalOfPayments = payment.times(termMonths - 1).plus(finalPayment);
  return { rows, finalPayment, totalInterest, totalOfPayments };
}

