// Reg Z Appendix J time measurement (12 CFR 1026, App. J (b)(3)–(b)(5)): unit periods, how many
// full unit periods and what fraction lie between the start of the term and a payment.
// https://www.consumerfinance.gov/rules-policy/regulations/1026/J/
import type { Decimal } from 'decimal.js';
import { Dec } from './decimal.ts';
import { addMonths, monthsAndDaysBack } from './dates.ts';

export type PaymentFrequency =
  | 'MONTHLY'
  | 'SEMIMONTHLY'
  | 'BIWEEKLY'
  | 'WEEKLY'
  | 'EVERY_4_WEEKS'
  | 'EVERY_2_MONTHS'
  | 'QUARTERLY'
  | 'SINGLE';

export const PAYMENT_FREQUENCIES: readonly PaymentFrequency[] = [
  'MONTHLY',
  'SEMIMONTHLY',
  'BIWEEKLY',
  'WEEKLY',
  'EVERY_4_WEEKS',
  'EVERY_2_MONTHS',
  'QUARTERLY',
  'SINGLE',
];

/**
 * MONTHS: 1, 2 or 3 months (b)(5)(iv)–(v); SEMIMONTH (b)(5)(v); DAYS: 7, 14, 28 (b)(5)(vi);
 * YEAR and TERM: single advance, single payment (b)(4)(iii), (b)(5)(vii).
 */
export type UnitPeriod =
  | { kind: 'MONTHS'; size: number; name: PaymentFrequency; perYear: Decimal }
  | { kind: 'SEMIMONTH'; size: 1; name: 'SEMIMONTHLY'; perYear: Decimal }
  | { kind: 'DAYS'; size: number; name: PaymentFrequency; perYear: Decimal }
  | { kind: 'YEAR'; size: 1; name: 'YEAR'; perYear: Decimal }
  | { kind: 'TERM'; size: number; name: 'TERM'; perYear: Decimal };

type RegularFrequency = Exclude<PaymentFrequency, 'SINGLE'>;

export const UNIT_PERIODS: Record<RegularFrequency, UnitPeriod> = {
  MONTHLY: { kind: 'MONTHS', size: 1, name: 'MONTHLY', perYear: new Dec(12) },
  EVERY_2_MONTHS: { kind: 'MONTHS', size: 2, name: 'EVERY_2_MONTHS', perYear: new Dec(6) },
  QUARTERLY: { kind: 'MONTHS', size: 3, name: 'QUARTERLY', perYear: new Dec(4) },
  SEMIMONTHLY: { kind: 'SEMIMONTH', size: 1, name: 'SEMIMONTHLY', perYear: new Dec(24) },
  WEEKLY: { kind: 'DAYS', size: 7, name: 'WEEKLY', perYear: new Dec(52) },
  BIWEEKLY: { kind: 'DAYS', size: 14, name: 'BIWEEKLY', perYear: new Dec(26) },
  EVERY_4_WEEKS: { kind: 'DAYS', size: 28, name: 'EVERY_4_WEEKS', perYear: new Dec(13) },
};

/** Nominal length in days, used only to order periods and for the "average period" rule. */
export const NOMINAL_DAYS: Record<RegularFrequency, number> = {
  WEEKLY: 7,
  BIWEEKLY: 14,
  SEMIMONTHLY: 365 / 24,
  EVERY_4_WEEKS: 28,
  MONTHLY: 365 / 12,
  EVERY_2_MONTHS: 365 / 6,
  QUARTERLY: 365 / 4,
};

export const YEAR_UNIT: UnitPeriod = { kind: 'YEAR', size: 1, name: 'YEAR', perYear: new Dec(1) };

/** Single advance, single payment shorter than a year: the term is the unit period. */
export function termUnit(days: number): UnitPeriod {
  return { kind: 'TERM', size: days, name: 'TERM', perYear: new Dec(365).div(days) };
}

/** Full unit periods t and fraction f (= fNum / fDen) from `from` to `to` (to ≥ from). */
export interface PeriodCount {
  t: number;
  fNum: number;
  fDen: number;
}

export function periodsBetween(
  unit: UnitPeriod,
  from: number,
  to: number,
  dueDay?: number,
): PeriodCount {
  switch (unit.kind) {
    case 'DAYS':
      return split(to - from, unit.size);
    case 'TERM':
      return { t: 1, fNum: 0, fDen: 1 };
    case 'YEAR':
      return yearsBetween(from, to, dueDay);
    default: {
      // (b)(5)(v): 30 days per full month plus the odd days, divided by 15 (semimonth) or
      // 30 × months per unit period. For a 1-month unit this is (b)(5)(iv): odd days / 30.
      const { months, days } = monthsAndDaysBack(from, to, dueDay);
      return split(30 * months + days, unit.kind === 'SEMIMONTH' ? 15 : 30 * unit.size);
    }
  }
}

function split(days: number, perUnit: number): PeriodCount {
  const t = Math.floor(days / perUnit);
  return { t, fNum: days - t * perUnit, fDen: perUnit };
}

function yearsBetween(from: number, to: number, dueDay?: number): PeriodCount {
  const years = Math.floor(monthsAndDaysBack(from, to, dueDay).months / 12);
  const anchor = years === 0 ? to : addMonths(to, -12 * years, dueDay);
  return { t: years, fNum: anchor - from, fDen: 365 };
}

/** How many unit periods one period of `frequency` spans, when that is a whole number. */
export function stepInUnits(frequency: PaymentFrequency, unit: UnitPeriod): number | null {
  if (frequency === 'SINGLE' || unit.kind === 'YEAR' || unit.kind === 'TERM') return null;
  const period = UNIT_PERIODS[frequency];
  if (period.kind === 'SEMIMONTH') return unit.kind === 'SEMIMONTH' ? 1 : null;
  if (period.kind === 'MONTHS') {
    if (unit.kind === 'SEMIMONTH') return 2 * period.size;
    return unit.kind === 'MONTHS' && period.size % unit.size === 0 ? period.size / unit.size : null;
  }
  return unit.kind === 'DAYS' && period.size % unit.size === 0 ? period.size / unit.size : null;
}

/**
 * Due date of the n-th payment (n = 0 for the first) of a stream. Semimonthly payments alternate
 * "first date" and "15 days later" each month (1st/16th, 15th/30th); monthly-type payments fall on
 * `dueDay` (default the first payment's day), clamped to month end.
 */
export function nthPaymentDate(
  frequency: PaymentFrequency,
  first: number,
  n: number,
  dueDay?: number,
): number {
  if (frequency === 'SINGLE' || n === 0) return first;
  const period = UNIT_PERIODS[frequency];
  if (period.kind === 'MONTHS') return addMonths(first, n * period.size, dueDay);
  if (period.kind === 'SEMIMONTH')
    return addMonths(first, Math.floor(n / 2), dueDay) + (n % 2) * 15;
  return first + n * period.size;
}
