// Solver for the unit-period rate i in Appendix J's general equation
//   A = Σ P / ((1 + f·i)(1 + i)^t).
// The right side falls monotonically as i grows, so the root is unique and can be bracketed; a
// safeguarded Newton iteration inside a bisection bracket finds it.
//
// Why binary floating point here, when money is Decimal everywhere else: the APR is a root, not an
// amount. The amounts and dates going in are exact; float64 evaluates the equation to ~1e-15
// relative, so the rate comes out accurate to ~1e-12 percentage points — ten orders of magnitude
// inside Reg Z's 1/8-point tolerance and far beyond the 8 places we report — at a fraction of the
// cost of iterating in Decimal (Decimal powers of 30-digit rates cost ~10 µs each).
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { Dec } from './decimal.ts';

/** `count` payments of `amount`, the first t + fNum/fDen unit periods from the start, then every `step`. */
export interface PaymentRun {
  amount: Decimal;
  t: number;
  fNum: number;
  fDen: number;
  step: number;
  count: number;
}

interface FloatRun {
  amount: number;
  t: number;
  f: number;
  step: number;
  count: number;
}

const MAX_RATE = 1e6;

export function solvePeriodicRate(amount: Decimal, runs: readonly PaymentRun[]): Decimal {
  const floatRuns = runs.map((r) => ({ ...r, amount: r.amount.toNumber(), f: r.fNum / r.fDen }));
  const target = amount.toNumber();
  return new Dec(solveFloat(target, floatRuns));
}

/** [present value − amount, d/di] at rate i, in floating point. */
function residual(amount: number, runs: readonly FloatRun[], i: number): [number, number] {
  let value = -amount;
  let slope = 0;
  const growth = 1 + i;
  const v = 1 / growth;
  for (const r of runs) {
    const a = 1 + r.f * i;
    const vStep = Math.pow(v, r.step);
    let vt = Math.pow(v, r.t);
    for (let k = 0; k < r.count; k += 1) {
      const term = (r.amount * vt) / a;
      value += term;
      slope -= term * (r.f / a + (r.t + k * r.step) / growth);
      vt *= vStep;
    }
  }
  return [value, slope];
}

function solveFloat(amount: number, runs: readonly FloatRun[]): number {
  let [lo, hi] = bracket(amount, runs);
  let i = (lo + hi) / 2;
  for (let iteration = 0; iteration < 200; iteration += 1) {
    const [value, slope] = residual(amount, runs, i);
    if (value > 0) lo = i;
    else hi = i;
    let next = i - value / slope;
    // Newton leaving the bracket (or a flat slope) falls back to bisection.
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - i) <= 1e-15 * Math.max(1, i)) return next;
    i = next;
  }
  return i;
}

/** [lo, hi] with a positive residual at lo (i = 0: payments exceed the amount) and negative at hi. */
function bracket(amount: number, runs: readonly FloatRun[]): [number, number] {
  let lo = 0;
  let hi = 0.05;
  while (residual(amount, runs, hi)[0] > 0) {
    lo = hi;
    hi *= 2;
    if (hi > MAX_RATE) throw new CalcInputError('payments', 'no APR solves this payment schedule');
  }
  return [lo, hi];
}
