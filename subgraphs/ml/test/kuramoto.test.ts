// Kuramoto against the exact infinite-N theory for Lorentzian frequencies: r = sqrt(1 − 2γ/K).
import { describe, expect, it } from 'vitest';
import { kuramoto } from '../src/engine/index.ts';

const base = { n: 2000, gamma: 0.5, dt: 0.05, steps: 3000, seed: 7 };

describe('kuramoto', () => {
  it.each([1.5, 2, 3])('locks to r = sqrt(1 − Kc/K) above Kc (K = %s, Kc = 1)', (coupling) => {
    const { r, phases } = kuramoto({ ...base, coupling });
    expect(phases).toHaveLength(base.n);
    expect(Math.abs(r - Math.sqrt(1 - (2 * base.gamma) / coupling))).toBeLessThan(0.05);
  });

  it('stays incoherent below Kc', () => {
    const { r } = kuramoto({ ...base, coupling: 0.5 });
    expect(r).toBeLessThan(0.1);
  });

  it('is deterministic by seed and phases stay in [0, 2π)', () => {
    const a = kuramoto({ ...base, n: 200, steps: 200, coupling: 2 });
    const b = kuramoto({ ...base, n: 200, steps: 200, coupling: 2 });
    const c = kuramoto({ ...base, n: 200, steps: 200, coupling: 2, seed: 8 });
    expect(a).toEqual(b);
    expect(c.phases).not.toEqual(a.phases);
    expect(a.phases.every((p) => p >= 0 && p < 2 * Math.PI)).toBe(true);
  });

  it('rejects nonsense options', () => {
    expect(() => kuramoto({ ...base, coupling: 1, dt: 0 })).toThrow(RangeError);
  });
});
