// The team network's dynamics: coupled members pull into one rhythm, uncoupled ones with different
// paces do not, a member no one works with keeps its own phase, and the all-to-all case agrees with
// the mean-field Kuramoto model.
import { describe, expect, it } from 'vitest';
import { kuramoto, lorentzianFrequencies, teamDynamics, wrapAngle } from '../src/engine/index.ts';

const full = (n: number, k: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : k)));

describe('teamDynamics', () => {
  it('strongly coupled members with close paces lock (r → 1, small lags)', () => {
    const out = teamDynamics({
      omega: [1, 1.1, 0.9, 1.05],
      phases: [0, 2, 4, 1],
      coupling: full(4, 2),
      steps: 400,
    });
    expect(out.r).toBeGreaterThan(0.95);
    for (const lag of out.lags) expect(Math.abs(lag)).toBeLessThan(0.2);
  });

  it('uncoupled members with different paces drift apart (r well below 1)', () => {
    const out = teamDynamics({
      omega: [0, 1, 2, 3],
      phases: [0, 0, 0, 0],
      coupling: full(4, 0),
      steps: 400,
      dt: 0.05,
    });
    expect(out.r).toBeLessThan(0.6);
  });

  it('without coupling a member just turns at its own pace', () => {
    const out = teamDynamics({ omega: [0.5], phases: [1], coupling: [[0]], steps: 10, dt: 0.1 });
    expect(out.phases[0]).toBeCloseTo(1.5, 10);
  });

  it('all-to-all coupling K/N reproduces the mean-field model', () => {
    const n = 300;
    const gamma = 0.5;
    const coupling = 3;
    const omega = lorentzianFrequencies(n, gamma, 3);
    const phases = Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
    const net = teamDynamics({ omega, phases, coupling: full(n, coupling / n), steps: 1500 });
    const mean = kuramoto({ n, coupling, gamma, dt: 0.05, steps: 1500, seed: 3 });
    expect(Math.abs(net.r - mean.r)).toBeLessThan(0.05);
    expect(Math.abs(net.r - Math.sqrt(1 - (2 * gamma) / coupling))).toBeLessThan(0.06);
  });

  it('refuses a malformed network and wraps angles into (−π, π]', () => {
    expect(() => teamDynamics({ omega: [1], phases: [0, 1], coupling: [[0]] })).toThrow(RangeError);
    expect(() => teamDynamics({ omega: [1, 1], phases: [0, 1], coupling: full(2, -1) })).toThrow(
      RangeError,
    );
    expect(wrapAngle(3 * Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(wrapAngle(-0.5)).toBeCloseTo(-0.5, 12);
  });
});
