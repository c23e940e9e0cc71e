// GraphQL input → domain values, the checks every subgraph shares. One argument order everywhere:
// the field first (its dotted path, "input.tradeIns[0].payoff"), then the value — the field is what
// the error names, and reads like a label in front of what is checked. Each function throws
// BAD_USER_INPUT naming the field; none returns a half-checked value.
import { Decimal } from 'decimal.js';
import { badInput } from './errors.ts';
import { isUuid } from './ids.ts';

type Maybe<T> = T | null | undefined;
const absent = (value: unknown): value is null | undefined => value === null || value === undefined;

/** A row id (UUID); anything else could never name a row. */
export function id(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, `${field} is not a valid id.`);
  return value;
}

export function optId(field: string, value: Maybe<string>): string | null {
  return absent(value) ? null : id(field, value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD (that exists: no February 30th). */
export function isoDate(field: string, value: string): string {
  const d = ISO_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw badInput(field, `${field} must be a date (YYYY-MM-DD).`);
  }
  return value;
}

/** Trimmed text up to `max` characters; empty and absent are both null. */
export function text(field: string, value: Maybe<string>, max = 200): string | null {
  if (absent(value)) return null;
  const t = value.trim();
  if (t.length > max) throw badInput(field, `${field} is longer than ${max} characters.`);
  return t === '' ? null : t;
}

/** Like `text`, but there must be something. */
export function requiredText(field: string, value: Maybe<string>, max = 200): string {
  const t = text(field, value, max);
  if (t === null) throw badInput(field, `${field} is required.`);
  return t;
}

/** A whole number from `min` (default 0) to `max`; absent is null. */
export function wholeNumber(
  field: string,
  value: Maybe<number>,
  max: number,
  min = 0,
): number | null {
  if (absent(value)) return null;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(field, `${field} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * A decimal number, signed, as written ("-12.5"). A leading "$" and thousands commas are allowed,
 * as dealers type and spreadsheets export them.
 */
export function decimal(field: string, value: string | number): Decimal {
  const t = String(value)
    .trim()
    .replace(/^([+-]?)\$/, '$1')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!NUMBER.test(t)) throw badInput(field, `${field} must be a number such as "1234.56".`);
  return new Decimal(t);
}

/** The largest amount a numeric(12,2) column holds. */
export const MAX_MONEY = '9999999999.99';

/** Money: a decimal ≥ 0 with at most two decimals (cents), up to `max`. Never rounded silently. */
export function money(field: string, value: string | number, max: string = MAX_MONEY): Decimal {
  const d = decimal(field, value);
  if (d.isNegative()) throw badInput(field, `${field} cannot be negative.`);
  if (d.decimalPlaces() > 2) throw badInput(field, `${field} has more than two decimals (cents).`);
  if (d.greaterThan(max)) throw badInput(field, `${field} is too large (at most ${max}).`);
  return d;
}

export function optMoney(
  field: string,
  value: Maybe<string | number>,
  max?: string,
): Decimal | null {
  return absent(value) ? null : money(field, value, max);
}

/** A rate or fraction from 0 to `max` inclusive ("0.0625"). */
export function rate(field: string, value: string | number, max: number): Decimal {
  const d = decimal(field, value);
  if (d.isNegative() || d.greaterThan(max))
    throw badInput(field, `${field} must be from 0 to ${max}.`);
  return d;
}

const STATE = /^[A-Z]{2}$/;

/** A two-letter state code, upper-cased. */
export function stateCode(field: string, value: string): string {
  const s = value.trim().toUpperCase();
  if (!STATE.test(s)) throw badInput(field, `${field} must be a two-letter state code.`);
  return s;
}

const ZIP = /^\d{5}(-\d{4})?$/;

/** A ZIP or ZIP+4, kept as its five digits; empty and absent are null. */
export function zip5(field: string, value: Maybe<string>): string | null {
  if (absent(value) || value.trim() === '') return null;
  const z = value.trim();
  if (!ZIP.test(z)) throw badInput(field, `${field} must be a 5-digit ZIP (or ZIP+4).`);
  return z.slice(0, 5);
}
