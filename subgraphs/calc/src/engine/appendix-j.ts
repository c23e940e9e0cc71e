// Annual percentage rate by the actuarial method of Regulation Z, Appendix J (12 CFR 1026):
// the general equation (b)(8) — the amount advanced equals the sum of the payments, each discounted
// by (1 + f·i)(1 + i)^t, where t full unit periods and the fraction f lie between the start of
// the term and the payment — solved for the unit-period rate i; APR = i × unit periods per year.
// https://www.consumerfinance.gov/rules-policy/regulations/1026/J/
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { Dec, HUNDRED } from './decimal.ts';
import { addMonths, dayOfMonth, parseIsoDate } from './dates.ts';
import { parseMoney, requireInput, sum, type DecimalInput } from './money.ts';
import {
  NOMINAL_DAYS,
  PAYMENT_FREQUENCIES,
  UNIT_PERIODS,
  YEAR_UNIT,
  nthPaymentDate,
  periodsBetween,
  stepInUnits,
  termUnit,
  type PaymentFrequency,
  type UnitPeriod,
} from './unit-period.ts';
import { solvePeriodicRate, type PaymentRun } from './apr-solver.ts';

export interface PaymentStreamInput {
  amount: DecimalInput;
  count: number;
  /** ISO date of the first payment of this stream. */
  firstDate: string;
  frequency: PaymentFrequency;
  /**
   * Due day of month-based streams (App. J (b)(3)(iv): a series "due on the 30th" has Feb 28 as
   * its February date; 31 = the last day of each month). Default: firstDate's day — Feb 28 alone
   * cannot tell "the 28th" from "the last day", so say 31 for an end-of-month series.
   */
  dayOfMonth?: number;
}

export interface AprFromScheduleInput {
  /** Amount advanced (the amount financed). */
  amount: DecimalInput;
  /** ISO date the finance charge begins to be earned (consummation). */
  advanceDate: string;
  payments: readonly PaymentStreamInput[];
}

export interface AprFromScheduleResult {
  /** Disclosed APR, percent, rounded half-up to 2 places ("6.00"). */
  apr: Decimal;
  /** The solved APR to 8 places, for tolerance checks. */
  aprExact: Decimal;
  unitPeriod: UnitPeriod['name'];
  unitPeriodsPerYear: Decimal;
}

/** A validated payment stream: dates as day numbers. */
export interface Stream {
  amount: Decimal;
  count: number;
  first: number;
  frequency: PaymentFrequency;
  /** Due day for month-based streams; undefined for weekly and semimonthly ones. */
  dueDay: number | undefined;
}

const MAX_PAYMENTS = 1200;

export function aprFromSchedule(input: AprFromScheduleInput): AprFromScheduleResult {
  requireInput(input);
  const amount = parseMoney(input.amount, 'amount');
  if (amount.isZero()) throw new CalcInputError('amount', 'amount must be greater than zero');
  const advance = parseIsoDate(input.advanceDate, 'advanceDate');
  return aprOfStreams(amount, advance, parseStreams(input.payments, advance));
}

/** The APR of already-validated payment streams (used directly by the finance deal). */
export function aprOfStreams(
  amount: Decimal,
  advance: number,
  streams: Stream[],
): AprFromScheduleResult {
  const totalOfPayments = sum(streams.map((s) => s.amount.times(s.count)));
  if (totalOfPayments.lessThan(amount)) {
    throw new CalcInputError(
      'payments',
      'payments total less than the amount: the APR would be negative',
    );
  }
  const unit = chooseUnitPeriod(advance, streams);
  const rate = totalOfPayments.equals(amount)
    ? new Dec(0)
    : solvePeriodicRate(amount, buildRuns(advance, streams, unit));
  const aprExact = rate.times(unit.perYear).times(HUNDRED);
  return {
    apr: aprExact.toDecimalPlaces(2, Dec.ROUND_HALF_UP),
    aprExact: aprExact.toDecimalPlaces(8, Dec.ROUND_HALF_UP),
    unitPeriod: unit.name,
    unitPeriodsPerYear: unit.perYear,
  };
}

function parseStreams(payments: readonly PaymentStreamInput[], advance: number): Stream[] {
  if (!Array.isArray(payments) || payments.length === 0) {
    throw new CalcInputError('payments', 'payments must list at least one payment');
  }
  return payments.map((p, index) => parseStream(p, `payments[${index}]`, advance));
}

function parseStream(p: PaymentStreamInput, path: string, advance: number): Stream {
  requireInput(p, path);
  if (!PAYMENT_FREQUENCIES.includes(p.frequency)) {
    // typeof first: String() of an object without a prototype throws a TypeError.
    const shown = typeof p.frequency === 'string' ? p.frequency : typeof p.frequency;
    throw new CalcInputError(`${path}.frequency`, `unknown frequency ${shown}`);
  }
  const maxCount = p.frequency === 'SINGLE' ? 1 : MAX_PAYMENTS;
  if (!Number.isInteger(p.count) || p.count < 1 || p.count > maxCount) {
    throw new CalcInputError(`${path}.count`, `count must be a whole number from 1 to ${maxCount}`);
  }
  const first = parseIsoDate(p.firstDate, `${path}.firstDate`);
  if (first < advance) {
    throw new CalcInputError(`${path}.firstDate`, 'a payment cannot fall before the advance date');
  }
  const amount = parseMoney(p.amount, `${path}.amount`);
  return {
    amount,
    count: p.count,
    first,
    frequency: p.frequency,
    dueDay: dueDayOf(p, path, first),
  };
}

function dueDayOf(p: PaymentStreamInput, path: string, first: number): number | undefined {
  const monthBased = p.frequency === 'SINGLE' || UNIT_PERIODS[p.frequency].kind === 'MONTHS';
  if (!monthBased) return undefined;
  if (p.dayOfMonth === undefined) return dayOfMonth(first);
  // Integer check before any arithmetic: junk objects must not reach Math.min (TypeError).
  if (
    !Number.isInteger(p.dayOfMonth) ||
    p.dayOfMonth < 1 ||
    addMonths(first, 0, Math.min(p.dayOfMonth, 31)) !== first
  ) {
    throw new CalcInputError(`${path}.dayOfMonth`, 'dayOfMonth must be 1–31 and match firstDate');
  }
  return p.dayOfMonth;
}

/**
 * (b)(4): the unit period is the common period that occurs most often (ties: the shorter one);
 * with no common period, the average period rounded to the nearest standard interval (ties: the
 * shorter). A single advance, single payment uses the term itself, up to one year.
 */
function chooseUnitPeriod(advance: number, streams: Stream[]): UnitPeriod {
  const paymentCount = streams.reduce((n, s) => n + s.count, 0);
  if (paymentCount === 1) return singlePaymentUnit(advance, streams[0]!.first);
  const common = mostCommonFrequency(streams);
  if (common) return UNIT_PERIODS[common];
  const last = Math.max(
    ...streams.map((s) => nthPaymentDate(s.frequency, s.first, s.count - 1, s.dueDay)),
  );
  return UNIT_PERIODS[nearestStandardInterval((last - advance) / paymentCount)];
}

function singlePaymentUnit(advance: number, paymentDate: number): UnitPeriod {
  if (paymentDate === advance) {
    throw new CalcInputError(
      'payments[0].firstDate',
      'a single payment must fall after the advance',
    );
  }
  return paymentDate >= addMonths(advance, 12) ? YEAR_UNIT : termUnit(paymentDate - advance);
}

type Regular = Exclude<PaymentFrequency, 'SINGLE'>;

function mostCommonFrequency(streams: Stream[]): Regular | undefined {
  const counts = new Map<Regular, number>();
  for (const s of streams) {
    if (s.frequency !== 'SINGLE' && s.count >= 2) {
      counts.set(s.frequency, (counts.get(s.frequency) ?? 0) + s.count);
    }
  }
  let best: Regular | undefined;
  for (const [frequency, count] of counts) {
    const bestCount = best ? counts.get(best)! : 0;
    const shorter = best !== undefined && NOMINAL_DAYS[frequency] < NOMINAL_DAYS[best];
    if (count > bestCount || (count === bestCount && shorter)) best = frequency;
  }
  return best;
}

function nearestStandardInterval(averageDays: number): Regular {
  const byLength = (Object.keys(NOMINAL_DAYS) as Regular[]).sort(
    (a, b) => NOMINAL_DAYS[a] - NOMINAL_DAYS[b],
  );
  let best = byLength[0]!;
  for (const f of byLength) {
    if (Math.abs(NOMINAL_DAYS[f] - averageDays) < Math.abs(NOMINAL_DAYS[best] - averageDays))
      best = f;
  }
  return best;
}

/** Regular streams become one geometric run; others one run per payment, each dated exactly. */
function buildRuns(advance: number, streams: Stream[], unit: UnitPeriod): PaymentRun[] {
  const runs: PaymentRun[] = [];
  for (const s of streams) {
    const step = stepInUnits(s.frequency, unit);
    const dates = step === null ? s.count : 1;
    for (let n = 0; n < dates; n += 1) {
      const at = periodsBetween(
        unit,
        advance,
        nthPaymentDate(s.frequency, s.first, n, s.dueDay),
        s.dueDay,
      );
      runs.push({ ...at, amount: s.amount, step: step ?? 1, count: step === null ? 1 : s.count });
    }
  }
  return runs;
}
