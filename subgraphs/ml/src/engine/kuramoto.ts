// The Kuramoto model of coupled oscillators, in mean-field form:
//   dθᵢ/dt = ωᵢ + K·r·sin(ψ − θᵢ),   r·e^{iψ} = (1/N) Σ e^{iθⱼ}
// which is the all-to-all model rewritten so a step costs O(N), not O(N²).
// With Lorentzian natural frequencies of half-width γ the infinite-N theory is exact:
// r = 0 below Kc = 2γ and r = sqrt(1 − Kc/K) above it.
import { createRng, shuffle } from './random.ts';

export interface KuramotoOptions {
  n: number;
  coupling: number;
  gamma: number;
  dt: number;
  steps: number;
  seed?: number;
}

export interface KuramotoResult {
  /** Order parameter averaged over the second half of the run (the first half is transient). */
  r: number;
  /** Final phases, in [0, 2π). */
  phases: number[];
}

/**
 * Natural frequencies from the Lorentzian's quantiles, in seeded random order. Quantiles rather than
 * independent draws: a finite random sample of a heavy-tailed law has an off-centre median and
 * clumps that shift the locking threshold, and the point is to reproduce the model, not the noise.
 */
export function lorentzianFrequencies(n: number, gamma: number, seed = 1): number[] {
  const freqs = Array.from(
    { length: n },
    (_, i) => gamma * Math.tan(Math.PI * ((i + 0.5) / n - 0.5)),
  );
  return shuffle(freqs, createRng(seed ^ 0x9e3779b9));
}

/** Order parameter r and mean phase ψ of a set of phases. */
export function orderParameter(phases: ArrayLike<number>): { r: number; psi: number } {
  let c = 0;
  let s = 0;
  for (let i = 0; i < phases.length; i++) {
    c += Math.cos(phases[i] as number);
    s += Math.sin(phases[i] as number);
  }
  const n = phases.length || 1;
  return { r: Math.hypot(c, s) / n, psi: Math.atan2(s, c) };
}

export function kuramoto(options: KuramotoOptions): KuramotoResult {
  const { n, coupling, gamma, dt, steps, seed = 1 } = options;
  if (!(n >= 1) || !(steps >= 1) || !(dt > 0) || !(gamma >= 0)) {
    throw new RangeError('kuramoto: n ≥ 1, steps ≥ 1, dt > 0 and gamma ≥ 0 are required');
  }
  const rng = createRng(seed);
  const omega = lorentzianFrequencies(n, gamma, seed);
  const theta = Float64Array.from({ length: n }, () => 2 * Math.PI * rng.next());
  const half = Math.floor(steps / 2);
  let rSum = 0;
  for (let step = 0; step < steps; step++) {
    const { r, psi } = orderParameter(theta);
    if (step >= half) rSum += r;
    const kr = coupling * r;
    for (let i = 0; i < n; i++) {
      theta[i] =
        (theta[i] as number) +
        dt * ((omega[i] as number) + kr * Math.sin(psi - (theta[i] as number)));
    }
  }
  const twoPi = 2 * Math.PI;
  const phases = Array.from(theta, (t) => ((t % twoPi) + twoPi) % twoPi);
  return { r: rSum / (steps - half), phases };
}
