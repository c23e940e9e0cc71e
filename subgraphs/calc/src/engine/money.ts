// Parsing and rounding of money, rates and terms. Every input passes through here, so that bad
// input becomes a CalcInputError naming the field, never NaN or a wrong number downstream.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { Dec, ZERO } from './decimal.ts';

/** What callers may pass for a number: a Decimal, or a string/number holding one. */
export type DecimalInput = Decimal | string | number;

/** Money above this is a typo (or an attack), not a vehicle deal. */
const MONEY_LIMIT = new Dec('100000000');

/**
 * Rounding rule for every amount that appears on a contract (payments, interest per period, tax,
 * fees, residual value): to the cent, half-up (ROUND_HALF_UP, 0.005 → 0.01). Retail installment
 * contracts and lease worksheets round this way; banker's rounding is not used on consumer
 * contracts. Intermediate values (rates, factors, exact payments) are never rounded.
 */
export function roundCents(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** The input object itself must be an object (GraphQL guarantees it; direct callers may not). */
export function requireInput<T>(input: T, field = 'input'): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CalcInputError(field, `${field} must be an object`);
  }
  return input;
}

/** Any finite decimal number. Rejects NaN, ±Infinity, empty strings, objects, booleans. */
export function parseDecimal(value: unknown, field: string): Decimal {
  if (typeof value === 'string' && value.trim() !== '') return fromString(value, field);
  if (typeof value === 'number' && Number.isFinite(value)) return new Dec(value);
  if (Dec.isDecimal(value) && value.isFinite()) return new Dec(value);
  throw new CalcInputError(field, `${field} must be a number`);
}

function fromString(value: string, field: string): Decimal {
  try {
    const parsed = new Dec(value.trim());
    if (parsed.isFinite()) return parsed;
  } catch {
    // decimal.js throws on malformed strings; reported below with the field name.
  }
  throw new CalcInputError(field, `${field} must be a number, got "${value}"`);
}

/** Plain "12345.67": no sign, no exponent, no leading zeros or spaces, under MONEY_LIMIT, ≤ 2
 *  places — every check below holds by construction, so such strings skip them (the common case:
 *  GraphQL sends money as strings). Anything else takes the full path. */
const PLAIN_MONEY = /^(?:0|[1-9]\d{0,7})(?:\.\d{1,2})?$/;

/** A money amount: ≥ 0, at most 2 decimal places (cents are the smallest contract unit). */
export function parseMoney(value: unknown, field: string): Decimal {
  if (typeof value === 'string' && PLAIN_MONEY.test(value)) {
    const plain = new Dec(value);
    return plain.isZero() ? ZERO : plain;
  }
  const amount = parseDecimal(value, field);
  if (amount.isNegative() && !amount.isZero()) {
    throw new CalcInputError(field, `${field} must not be negative`);
  }
  if (amount.decimalPlaces() > 2) {
    throw new CalcInputError(field, `${field} must be whole cents (at most 2 decimal places)`);
  }
  if (amount.greaterThan(MONEY_LIMIT)) {
    throw new CalcInputError(field, `${field} is too large`);
  }
  return amount.isZero() ? ZERO : amount;
}

/** Optional money: absent (undefined/null) means zero. */
export function optionalMoney(value: unknown, field: string): Decimal {
  return value === undefined || value === null ? ZERO : parseMoney(value, field);
}

/** A rate given as a fraction ("0.0625"), 0 ≤ rate ≤ max. */
export function parseFraction(value: unknown, field: string, max = 1): Decimal {
  const rate = parseDecimal(value, field);
  if (rate.isNegative() && !rate.isZero()) {
    throw new CalcInputError(field, `${field} must not be negative`);
  }
  if (rate.greaterThan(max)) {
    throw new CalcInputError(field, `${field} must be at most ${max}`);
  }
  return rate;
}

/** An APR as a percentage ("6.00"): 0 ≤ apr ≤ 100 (usury laws cap far lower; 100 catches typos). */
export function parseApr(value: unknown, field = 'apr'): Decimal {
  const apr = parseDecimal(value, field);
  if (apr.isNegative() || apr.greaterThan(100)) {
    throw new CalcInputError(field, `${field} must be between 0 and 100 (a percentage)`);
  }
  if (apr.decimalPlaces() > 6) {
    throw new CalcInputError(field, `${field} has more than 6 decimal places`);
  }
  return apr;
}

/** A term in months: a whole number from 1 to 240 (RV and marine contracts run to 20 years). */
export function parseTermMonths(value: unknown, field = 'termMonths'): number {
  const isWhole = typeof value === 'number' && Number.isInteger(value);
  if (!isWhole || (value as number) < 1 || (value as number) > 240) {
    throw new CalcInputError(field, `${field} must be a whole number of months from 1 to 240`);
  }
  return value as number;
}

/** Sum of amounts (no rounding: the inputs are already cents). Zeros — most optional fields — are skipped. */
export function sum(values: readonly Decimal[]): Decimal {
  let total = ZERO;
  for (const value of values) if (!value.isZero()) total = total.plus(value);
  return total;
}

/** max(value, 0). */
export function positivePart(value: Decimal): Decimal {
  return value.isNegative() ? ZERO : value;
}
