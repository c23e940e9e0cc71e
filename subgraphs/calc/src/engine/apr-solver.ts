// Solver for the unit-period rate i in Appendix J's general equation
//   A = Σ P / ((1 + f·i)(1 + i)^t).
// The right side falls monotonically as i grows, so the root is unique and can be bracketed.
//
// Two stages. (1) A safeguarded Newton iteration inside a bisection bracket, in float64, finds the
// root to ~1e-15 relative: cheap, and it never needs more than a handful of evaluations. (2) The
// disclosed figure does not rest on that float: the equation is evaluated again in decimal.js
// (30 significant digits; a run of level payments as one closed-form geometric sum, so the cost
// does not grow with the number of payments) and one Newton step taken in Decimal. Starting ~1e-15
// from the root, that step lands within ~1e-25 of it, so rounding the APR to two places (and the
// 8-place `aprExact`) is decided by exact decimal arithmetic, not by binary floating point — which
// matters only when an APR sits on a rounding boundary (x.xx5), but there it decides the
// disclosure. The float derivative is good enough for the step: Newton with a slope off by δ
// relative converges by a factor δ (~1e-15) per step.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { Dec, ONE, powInt } from './decimal.ts';

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
  return refineInDecimal(amount, runs, floatRuns, solveFloat(target, floatRuns));
}

/** A step this small relative to i means the float seed was already within ~1e-15 of the root,
 *  so the step itself lands within ~1e-25 and another evaluation would change nothing we report. */
const CONVERGED = new Dec('1e-12');

function refineInDecimal(
  amount: Decimal,
  runs: readonly PaymentRun[],
  floatRuns: readonly FloatRun[],
  seed: number,
): Decimal {
  let i = new Dec(seed);
  for (let step = 0; step < 6; step += 1) {
    const slope = residual(amount.toNumber(), floatRuns, i.toNumber())[1];
    if (!(slope < 0)) break;
    const delta = presentValueDecimal(runs, i).minus(amount).div(slope);
    i = i.minus(delta);
    if (delta.abs().lessThanOrEqualTo(CONVERGED.times(i))) break;
  }
  return i;
}

/** Σ P / ((1 + f·i)(1 + i)^t) in Decimal; a run of `count` payments every `step` periods is
 *  P·v^t·(1 − v^(step·count)) / (1 − v^step) / (1 + f·i), with v = 1 / (1 + i). Powers of v are
 *  cached and reached from a neighbour when one is known (a finance deal's final payment is
 *  v^n = v^(n−1)·v), and runs sharing an odd-days fraction share one division by (1 + f·i). */
export function presentValueDecimal(runs: readonly PaymentRun[], i: Decimal): Decimal {
  const v = ONE.div(ONE.plus(i));
  const powers = new Map<number, Decimal>([
    [0, ONE],
    [1, v],
  ]);
  const pow = (k: number): Decimal => {
    let p = powers.get(k);
    if (p === undefined) {
      const below = powers.get(k - 1);
      p = below === undefined ? powInt(v, k) : below.times(v);
      powers.set(k, p);
    }
    return p;
  };
  let total = new Dec(0);
  let group = new Dec(0);
  let groupKey = '';
  let groupDivisor = ONE;
  for (const r of runs) {
    const key = `${r.fNum}/${r.fDen}`;
    if (key !== groupKey) {
      total = total.plus(group.div(groupDivisor));
      group = new Dec(0);
      groupKey = key;
      groupDivisor = r.fNum === 0 ? ONE : ONE.plus(i.times(r.fNum).div(r.fDen));
    }
    let factor = pow(r.t);
    if (r.count > 1) {
      const vStep = pow(r.step);
      factor = factor.times(ONE.minus(pow(r.step * r.count))).div(ONE.minus(vStep));
    }
    group = group.plus(r.amount.times(factor));
  }
  return total.plus(group.div(groupDivisor));
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
