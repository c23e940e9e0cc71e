// Calendar dates as day numbers (days since 1970-01-01, UTC) — integers, no time zones, no Date
// objects kept around. Month arithmetic clamps to the month's last day (Jan 31 + 1 month = Feb 28),
// which is how payment due dates roll and what Reg Z Appendix J (b)(3)(iv) prescribes for months.
import { CalcInputError } from './errors.ts';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse "YYYY-MM-DD" strictly (rejects 2021-02-30, times, other formats). */
export function parseIsoDate(value: unknown, field: string): number {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month - 1)) {
      return Date.UTC(year, month - 1, day) / MS_PER_DAY;
    }
  }
  throw new CalcInputError(field, `${field} must be a date written YYYY-MM-DD`);
}

export function toIsoDate(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** dayNumber + months, clamping the day to the target month's length. */
export function addMonths(dayNumber: number, months: number): number {
  const date = new Date(dayNumber * MS_PER_DAY);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const monthIndex = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, monthIndex));
  return Date.UTC(year, monthIndex, day) / MS_PER_DAY;
}

/**
 * Whole months between `from` and `to`, counted backward from `to` (the largest m with
 * to − m months ≥ from), and the days left over at the beginning. Appendix J puts the odd
 * fraction at the beginning of the term, so counting starts at the payment and goes back.
 */
export function monthsAndDaysBack(from: number, to: number): { months: number; days: number } {
  let months = Math.max(0, Math.floor((to - from) / 31) - 1);
  while (addMonths(to, -(months + 1)) >= from) months += 1;
  return { months, days: addMonths(to, -months) - from };
}
