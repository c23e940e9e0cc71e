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

export type { Decimal };
