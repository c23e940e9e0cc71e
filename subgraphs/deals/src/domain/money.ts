// Money parsing for deal inputs: decimal.js from the GraphQL Decimal strings, with the field named
// when a value is not a number. Amounts are kept to cents as entered (no silent rounding).
import { Decimal } from 'decimal.js';
import { badInput } from '@autolytiq/kit/core';

export const ZERO = new Decimal(0);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export function parseAmount(value: string | number, field: string): Decimal {
  const text = String(value).trim();
  if (!NUMBER.test(text)) throw badInput(field, `${field} must be a number such as "1234.56".`);
  return new Decimal(text);
}

/** Money: a number ≥ 0 with at most two decimals. */
export function money(value: string | number, field: string): Decimal {
  const d = parseAmount(value, field);
  if (d.isNegative()) throw badInput(field, `${field} cannot be negative.`);
  if (d.decimalPlaces() > 2) throw badInput(field, `${field} has more than two decimals.`);
  if (d.greaterThan('99999999.99')) throw badInput(field, `${field} is too large.`);
  return d;
}

export function optMoney(value: string | number | null | undefined, field: string): Decimal | null {
  return value === null || value === undefined ? null : money(value, field);
}

export const sum = (values: readonly Decimal[]): Decimal =>
  values.reduce((a, b) => a.plus(b), ZERO);

/** Decimal → the string stored in JSON and numeric columns. */
export const cents = (d: Decimal): string => d.toFixed(2);
