// Money for deal inputs: the kit's checks with the deal's ceiling, and the sums deals need.
// Amounts are kept to cents as entered (no silent rounding).
import { Decimal } from 'decimal.js';
import { parse } from '@autolytiq/kit/core';

export const ZERO = new Decimal(0);

/** Deal amounts stop below 100 million: what the calc engine takes and a deal sheet prints. */
const DEAL_MONEY_MAX = '99999999.99';

/** A signed amount as written (the kit's check). */
export const parseAmount = (field: string, value: string | number): Decimal =>
  parse.decimal(field, value);

/** Money: a number ≥ 0 with at most two decimals. */
export const money = (field: string, value: string | number): Decimal =>
  parse.money(field, value, DEAL_MONEY_MAX);

export const optMoney = (field: string, value: string | number | null | undefined) =>
  parse.optMoney(field, value, DEAL_MONEY_MAX);

export const sum = (values: readonly Decimal[]): Decimal =>
  values.reduce((a, b) => a.plus(b), ZERO);

/** Decimal → the string stored in JSON and numeric columns. */
export const cents = (d: Decimal): string => d.toFixed(2);
