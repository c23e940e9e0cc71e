// The Oscillator team network: the Kuramoto model with a coupling per pair, for a dealership's team.
//   dθᵢ/dt = ωᵢ + Σⱼ Kᵢⱼ·sin(θⱼ − θᵢ)
// Each salesperson is an oscillator: ωᵢ their own pace, θᵢ where they are in their rhythm now, Kᵢⱼ how
// much i and j work together. Integrated forward over a short horizon (Euler), it says whether the
// team pulls into one rhythm (r → 1) or drifts apart, and who lags the team's mean phase ψ.
// O(N²) per step with the sums split into cos/sin parts (sin(θⱼ − θᵢ) = sθⱼ·cθᵢ − cθⱼ·sθᵢ).
import { orderParameter } from './kuramoto.ts';

export interface TeamDynamicsOptions {
  /** Natural frequencies (radians per unit time). */
  omega: number[];
  /** Phases now (radians). */
  phases: number[];
  /** Kᵢⱼ ≥ 0, N×N (the diagonal is ignored). */
  coupling: number[][];
  dt?: number;
  steps?: number;
}

export interface TeamDynamicsResult {
  /** Order parameter averaged over the second half of the horizon. */
  r: number;
  /** Mean phase at the end. */
  psi: number;
  /** Phases at the end, in [0, 2π). */
  phases: number[];
  /** Each member's phase minus ψ at the end, wrapped to (−π, π]. */
  lags: number[];
}

export function wrapAngle(a: number): number {
  const twoPi = 2 * Math.PI;
  let v = ((a % twoPi) + twoPi) % twoPi;
  if (v > Math.PI) v -= twoPi;
  return v;
}

export function teamDynamics(options: TeamDynamicsOptions): TeamDynamicsResult {
  const { omega, phases, coupling, dt = 0.05, steps = 200 } = options;
  const n = omega.length;
  if (phases.length !== n || coupling.length !== n || coupling.some((row) => row.length !== n)) {
    throw new RangeError('teamDynamics: omega, phases and an N×N coupling are required');
  }
  if (n === 0) return { r: 0, psi: 0, phases: [], lags: [] };
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = (coupling[i] as number[])[j] as number;
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError('teamDynamics: coupling ≥ 0');
      k[i * n + j] = i === j ? 0 : v;
    }
  }
  const theta = Float64Array.from(phases);
  const c = new Float64Array(n);
  const s = new Float64Array(n);
  const half = Math.floor(steps / 2);
  let rSum = 0;
  for (let step = 0; step < steps; step++) {
    for (let i = 0; i < n; i++) {
      c[i] = Math.cos(theta[i] as number);
      s[i] = Math.sin(theta[i] as number);
    }
    if (step >= half) rSum += orderParameter(theta).r;
    for (let i = 0; i < n; i++) {
      let sc = 0;
      let ss = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const kij = k[row + j] as number;
        if (kij === 0) continue;
        sc += kij * (s[j] as number);
        ss += kij * (c[j] as number);
      }
      theta[i] =
        (theta[i] as number) +
        dt * ((omega[i] as number) + sc * (c[i] as number) - ss * (s[i] as number));
    }
  }
  const { psi } = orderParameter(theta);
  const twoPi = 2 * Math.PI;
  return {
    r: steps - half > 0 ? rSum / (steps - half) : orderParameter(theta).r,
    psi,
    phases: Array.from(theta, (t) => ((t % twoPi) + twoPi) % twoPi),
    lags: Array.from(theta, (t) => wrapAngle(t - psi)),
  };
}
