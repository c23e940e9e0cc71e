// Input checks shared by quoteTax and leaseTaxTreatment. Every failure is a CalcInputError naming
// the field, so the subgraph can answer BAD_USER_INPUT instead of a wrong number.
import { Decimal } from 'decimal.js';
import { CalcInputError } from '../errors.ts';
import { resolveZip, type ZipPlace } from './zip.ts';

export const ZERO = new Decimal(0);

/**
 * Rounding rule: every tax line is rounded on its own to whole cents, half-up (0.005 → 0.01), the
 * way a retail invoice shows one amount per tax; the total is the sum of the rounded lines, so the
 * lines always add up to the total shown.
 */
export function roundCents(x: Decimal): Decimal {
  return x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Optional non-negative money; accepts Decimal, or a number/string the caller forgot to wrap. */
export function money(v: unknown, field: string, required = false): Decimal {
  if (v === undefined || v === null) {
    if (required) throw new CalcInputError(field, `${field} is required`);
    return ZERO;
  }
  let x: Decimal;
  if (Decimal.isDecimal(v)) x = v as Decimal;
  else if (typeof v === 'number' || typeof v === 'string') {
    try {
      x = new Decimal(v);
    } catch {
      throw new CalcInputError(field, `${field} is not a number`);
    }
  } else throw new CalcInputError(field, `${field} is not a number`);
  if (!x.isFinite()) throw new CalcInputError(field, `${field} is not a finite number`);
  if (x.isNegative() && !x.isZero())
    throw new CalcInputError(field, `${field} must not be negative`);
  return x;
}

/** Optional rate override: a fraction in [0, 1). */
export function rate(v: unknown, field: string): Decimal | undefined {
  if (v === undefined || v === null) return undefined;
  const r = money(v, field);
  if (r.greaterThanOrEqualTo(1)) {
    throw new CalcInputError(field, `${field} is a fraction ("0.0725"), must be below 1`);
  }
  return r;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isoDate(v: unknown, field: string): string {
  if (typeof v !== 'string')
    throw new CalcInputError(field, `${field} must be an ISO date (YYYY-MM-DD)`);
  const m = ISO_DATE.exec(v);
  if (!m) throw new CalcInputError(field, `${field} must be an ISO date (YYYY-MM-DD)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, day));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== day) {
    throw new CalcInputError(field, `${field} is not a calendar date: ${v}`);
  }
  return v;
}

export interface ZipCheck {
  zip: string | undefined;
  place: ZipPlace | undefined;
  notice: string | undefined;
}

/** Validates the ZIP against the state. A well-formed ZIP missing from the offline index is
 *  allowed (new and unique ZIPs appear every year) but reported; a ZIP of another state is an error. */
export function checkZip(zip: unknown, state: string): ZipCheck {
  if (zip === undefined || zip === null || zip === '')
    return { zip: undefined, place: undefined, notice: undefined };
  if (typeof zip !== 'string' || !/^\d{5}(-?\d{4})?$/.test(zip.trim())) {
    throw new CalcInputError('zip', `not a US ZIP code: ${String(zip)}`);
  }
  const z5 = zip.trim().slice(0, 5);
  const place = resolveZip(z5);
  if (!place) {
    return {
      zip: z5,
      place: undefined,
      notice: `ZIP ${z5} is not in the offline ZIP index; its state could not be checked`,
    };
  }
  if (place.state !== state) {
    throw new CalcInputError('zip', `ZIP ${z5} is in ${place.state}, not ${state}`);
  }
  return { zip: z5, place, notice: undefined };
}

export function fmtMoney(x: Decimal): string {
  return `$${x.toFixed(2)}`;
}

export function fmtRate(r: Decimal): string {
  return `${r.times(100).toString()}%`;
}
