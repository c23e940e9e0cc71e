// The engine's own Decimal constructor. A clone, so that nothing the engine sets leaks into other
// code using decimal.js (the tax engine, the web app). 30 significant digits: money never exceeds
// 10 digits before the point, and 30 leaves ~20 digits for the repeating fractions of monthly rates
// (5.9 % / 12) — far beyond any cent — while keeping each operation cheap.
import { Decimal } from 'decimal.js';

export const Dec: Decimal.Constructor = Decimal.clone({
  precision: 30,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 30,
});

export const ZERO = new Dec(0);
export const ONE = new Dec(1);
export const HUNDRED = new Dec(100);

/**
 * x^n (integer n ≥ 0) by repeated squaring, each product rounded to the engine's 30 digits.
 * decimal.js's own pow carries ~63 guard digits and is several times slower; 30 digits keep every
 * amount we derive from the power exact to far below a cent.
 */
export function powInt(x: Decimal, n: number): Decimal {
  let result = ONE;
  let base = x;
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = result.times(base);
    if (k > 1) base = base.times(base);
  }
  return result;
}

export type { Decimal };
