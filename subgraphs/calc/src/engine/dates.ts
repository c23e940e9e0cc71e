// Calendar dates as day numbers (days since 1970-01-01, UTC) — integers, no time zones, no Date
// objects kept around. Month arithmetic clamps to the month's last day (Jan 31 + 1 month = Feb 28),
// which is how payment due dates roll and what Reg Z Appendix J (b)(3)(iv) prescribes for months.
import { CalcInputError } from './errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Civil-calendar ↔ day-number conversions (H. Hinnant's algorithms): pure integer arithmetic, no
// Date objects, so a schedule's 84 due dates cost microseconds.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parse "YYYY-MM-DD" strictly (rejects 2021-02-30, times, other formats). */
export function parseIsoDate(value: unknown, field: string): number {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return daysFromCivil(year, month, day);
    }
  }
  throw new CalcInputError(field, `${field} must be a date written YYYY-MM-DD`);
}

export function toIsoDate(dayNumber: number): string {
  const [year, month, day] = civilFromDays(dayNumber);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * dayNumber + months, on `dayOfMonth` (default: the date's own day), clamped to the target
 * month's length — payments due "on the 30th" fall on Feb 28 and return to the 30th in March.
 */
export function addMonths(dayNumber: number, months: number, dayOfMonth?: number): number {
  const [year, month, day] = civilFromDays(dayNumber);
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = total - targetYear * 12 + 1;
  const targetDay = Math.min(dayOfMonth ?? day, daysInMonth(targetYear, targetMonth));
  return daysFromCivil(targetYear, targetMonth, targetDay);
}

export function dayOfMonth(dayNumber: number): number {
  return civilFromDays(dayNumber)[2];
}

/**
 * Whole months between `from` and `to`, counted backward from `to` (the largest m with
 * to − m months ≥ from), and the days left over at the beginning. Appendix J puts the odd
 * fraction at the beginning of the term, so counting starts at the payment and goes back.
 * `dayOfMonth` is the payment series' due day (App. J (b)(3)(iv): a series due on the 30th
 * counts Feb 28 as its February date).
 */
export function monthsAndDaysBack(
  from: number,
  to: number,
  dayOfMonth?: number,
): { months: number; days: number } {
  const anchor = (m: number) => (m === 0 ? to : addMonths(to, -m, dayOfMonth));
  let months = Math.max(0, Math.floor((to - from) / 31) - 1);
  while (anchor(months + 1) >= from) months += 1;
  return { months, days: anchor(months) - from };
}
