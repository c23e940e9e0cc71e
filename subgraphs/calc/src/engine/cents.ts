// Exact integer-cent arithmetic for the amortization loop. Balances and interest on a contract are
// whole cents, and a monthly rate APR/1200 is an exact ratio of integers, so each period's interest
// can be rounded half-up exactly without any Decimal objects in the loop. Integers stay below
// 2^53 (safe in a double) or fall back to BigInt.
import type { Decimal } from 'decimal.js';
import { Dec } from './decimal.ts';

const CENT = new Dec('0.01');

/** A money amount as integer cents (amounts reaching here are already whole cents). */
export function toCents(amount: Decimal): number {
  return amount.times(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
}

export function centsToDecimal(cents: number): Decimal {
  return new Dec(cents).times(CENT);
}

/** round-half-up(a × b / den) for non-negative integers a, b and positive integer den. */
export function mulDivHalfUp(a: number, b: number, den: number): number {
  const numerator = 2 * a * b + den;
  const divisor = 2 * den;
  if (!Number.isSafeInteger(numerator + divisor)) {
    return Number((2n * BigInt(a) * BigInt(b) + BigInt(den)) / (2n * BigInt(den)));
  }
  // Float division of exact integers can land one off the true floor; correct it exactly.
  let q = Math.floor(numerator / divisor);
  if (q * divisor > numerator) q -= 1;
  else if ((q + 1) * divisor <= numerator) q += 1;
  return q;
}

/** An APR in percent as the exact monthly-rate ratio numerator / denominator (APR / 1200). */
export function monthlyRateRatio(aprPercent: Decimal): { numerator: number; denominator: number } {
  const places = aprPercent.decimalPlaces();
  const scale = 10 ** places;
  return { numerator: aprPercent.times(scale).toNumber(), denominator: 1200 * scale };
}
