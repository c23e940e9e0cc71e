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
import { ONE, powInt } from './decimal.ts';
import { roundCents } from './money.ts';
import { centsToDecimal, monthlyRateRatio, mulDivHalfUp, toCents } from './cents.ts';
import { addMonths, toIsoDate } from './dates.ts';

/** Months t and odd-day fraction fNum/fDen from the contract date to the first payment. */
export interface FirstPeriod {
  t: number;
  fNum: number;
  fDen: number;
}

/** First payment exactly one month after the contract date. */
export const REGULAR_FIRST_PERIOD: FirstPeriod = { t: 1, fNum: 0, fDen: 30 };

/**
 * One payment of the schedule. Amounts are kept as integer cents and handed out as Decimals on
 * access, so building an 84-row schedule allocates no Decimal objects until someone reads them.
 */
export class ScheduleRow {
  readonly number: number;
  readonly #dueDay: number | null;
  readonly #payment: number;
  readonly #interest: number;
  readonly #balance: number;

  constructor(
    number: number,
    dueDay: number | null,
    payment: number,
    interest: number,
    balance: number,
  ) {
    this.number = number;
    this.#dueDay = dueDay;
    this.#payment = payment;
    this.#interest = interest;
    this.#balance = balance;
  }
  /** ISO due date, when the deal has dates. */
  get dueDate(): string | null {
    return this.#dueDay === null ? null : toIsoDate(this.#dueDay);
  }
  get payment(): Decimal {
    return centsToDecimal(this.#payment);
  }
  get interest(): Decimal {
    return centsToDecimal(this.#interest);
  }
  get principal(): Decimal {
    return centsToDecimal(this.#payment - this.#interest);
  }
  /** Balance after this payment; 0.00 after the last. */
  get balance(): Decimal {
    return centsToDecimal(this.#balance);
  }
  toJSON() {
    const { number, dueDate, payment, interest, principal, balance } = this;
    return { number, dueDate, payment, interest, principal, balance };
  }
}

/** Monthly periodic rate from an APR in percent (6.00 → 0.005). */
export function monthlyRate(aprPercent: Decimal): Decimal {
  return aprPercent.div(1200);
}

/**
 * Exact (unrounded) payment per 1.00 financed: 1 / Σ_{k=0}^{n−1} v^(t+k) / (1 + f·i), v = 1/(1+i).
 * Written with g = 1 + i: (1 + f·i) · g^(t−1) · i · g^n / (g^n − 1); with a regular first period
 * (t = 1, f = 0) this is the textbook i / (1 − (1+i)^−n).
 */
export function paymentFactor(rate: Decimal, termMonths: number, first: FirstPeriod): Decimal {
  if (rate.isZero()) return ONE.div(termMonths);
  const growth = ONE.plus(rate);
  const gn = powInt(growth, termMonths);
  const level = rate.times(gn).div(gn.minus(ONE));
  const shift = first.t >= 1 ? powInt(growth, first.t - 1) : ONE.div(growth);
  return level.times(shift).times(simpleGrowth(rate, first));
}

/**
 * Level payment of a balloon contract: payments 1..n−1 are level, payment n is the balloon B.
 * A = P·Σ_{k=0}^{n−2} v^(t+k)/(1 + f·i) + B·v^(t+n−1)/(1 + f·i), so
 * P = (A − B·v^(t+n−1)/(1 + f·i)) × paymentFactor(i, n − 1, first), rounded to the cent. The
 * schedule's last payment (balance + interest) then lands within cents of B.
 */
export function balloonLevelPayment(
  amountFinanced: Decimal,
  balloon: Decimal,
  rate: Decimal,
  termMonths: number,
  first: FirstPeriod,
): Decimal {
  const balloonToday = rate.isZero()
    ? balloon
    : balloon.div(firstPeriodGrowth(rate, first)).div(powInt(ONE.plus(rate), termMonths - 1));
  return levelPayment(
    amountFinanced.minus(balloonToday),
    paymentFactor(rate, termMonths - 1, first),
  );
}

/** Payment as the contract states it: exact payment rounded half-up to the cent. */
export function levelPayment(amountFinanced: Decimal, factor: Decimal): Decimal {
  return roundCents(amountFinanced.times(factor));
}

function simpleGrowth(rate: Decimal, first: FirstPeriod): Decimal {
  return first.fNum === 0 ? ONE : ONE.plus(rate.times(first.fNum).div(first.fDen));
}

/** (1 + f·i)(1 + i)^t: what 1.00 grows to over the first period. */
function firstPeriodGrowth(rate: Decimal, first: FirstPeriod): Decimal {
  return simpleGrowth(rate, first).times(powInt(ONE.plus(rate), first.t));
}

/** Interest of the (possibly odd) first period, in cents. */
function firstPeriodInterest(input: ScheduleInput): number {
  const growth = firstPeriodGrowth(monthlyRate(input.noteRate), input.first);
  return toCents(roundCents(input.amountFinanced.times(growth.minus(ONE))));
}

export interface ScheduleInput {
  amountFinanced: Decimal;
  /** Note rate, percent. */
  noteRate: Decimal;
  termMonths: number;
  payment: Decimal;
  first: FirstPeriod;
  /** Due date (day number) of the first payment and the due day of month; null without dates. */
  dates: { firstPaymentDay: number; dueDay: number } | null;
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
  const { termMonths, dates } = input;
  const rate = monthlyRateRatio(input.noteRate);
  const payment = toCents(input.payment);
  const rows: ScheduleRow[] = new Array(termMonths);
  let balance = toCents(input.amountFinanced);
  let totalInterest = 0;
  let lastPaid = payment;
  for (let n = 1; n <= termMonths; n += 1) {
    const interest =
      n === 1
        ? firstPeriodInterest(input)
        : mulDivHalfUp(balance, rate.numerator, rate.denominator);
    const paid = n === termMonths ? balance + interest : payment;
    lastPaid = paid;
    balance -= paid - interest;
    totalInterest += interest;
    const due = dates ? addMonths(dates.firstPaymentDay, n - 1, dates.dueDay) : null;
    rows[n - 1] = new ScheduleRow(n, due, paid, interest, balance);
  }
  const finalPayment = centsToDecimal(lastPaid);
  return {
    rows,
    finalPayment,
    totalInterest: centsToDecimal(totalInterest),
    totalOfPayments: input.payment.times(termMonths - 1).plus(finalPayment),
  };
}
