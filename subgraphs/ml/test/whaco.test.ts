// WHACO batch: the right segments, the right number of them, and the injected outliers.
import { describe, expect, it } from 'vitest';
import { clusterAndFlag, createRng } from '../src/engine/index.ts';
import { adjustedRand, segments } from './whaco-helpers.ts';

function score(truth: number[], labels: number[]) {
  const real = truth.flatMap((t, i) => (t >= 0 ? [i] : []));
  const injected = truth.filter((t) => t < 0).length;
  const flagged = labels.filter((l) => l < 0).length;
  const caught = truth.filter((t, i) => t < 0 && labels[i] === -1).length;
  return {
    ari: adjustedRand(
      real.map((i) => truth[i] as number),
      real.map((i) => labels[i] as number),
    ),
    recall: caught / injected,
    precision: flagged ? caught / flagged : 0,
  };
}

describe('clusterAndFlag (WHACO)', () => {
  it.each([1, 2, 3])(
    'finds 4 segments of different sizes and spreads and flags the 2 %% outliers (seed %s)',
    (seed) => {
      const { points, truth } = segments(seed);
      const result = clusterAndFlag(points, { seed });
      expect(result.k).toBe(4);
      expect(result.centroids).toHaveLength(4);
      const s = score(truth, result.labels);
      expect(s.ari).toBeGreaterThanOrEqual(0.9);
      expect(s.recall).toBeGreaterThanOrEqual(0.85);
      expect(s.precision).toBeGreaterThanOrEqual(0.6);
    },
  );

  it('finds 3 segments when there are 3, in 2 features', () => {
    const { points, truth } = segments(9, [400, 150, 60], [0.7, 1.2, 0.4], 2);
    const result = clusterAndFlag(points, { seed: 9 });
    expect(result.k).toBe(3);
    expect(score(truth, result.labels).ari).toBeGreaterThanOrEqual(0.9);
  });

  it('learns to ignore a feature that separates nothing', () => {
    const { points, truth } = segments(4);
    const rng = createRng(44);
    const noisy = points.map((p) => [...p, 30 * rng.normal()]);
    const result = clusterAndFlag(noisy, { seed: 4 });
    expect(result.model.weights[4]).toBeLessThan(0.3);
    expect(result.k).toBe(4);
    expect(score(truth, result.labels).ari).toBeGreaterThanOrEqual(0.9);
  });

  it('answers one segment when the data has no structure', () => {
    const rng = createRng(5);
    const blob = Array.from({ length: 600 }, () => [rng.normal(), 2 * rng.normal(), rng.normal()]);
    expect(clusterAndFlag(blob, { seed: 5 }).k).toBe(1);
  });

  it('has no segments for no points and rejects ragged or non-finite points', () => {
    expect(clusterAndFlag([]).k).toBe(0);
    expect(() => clusterAndFlag([[1, 2], [3]])).toThrow(RangeError);
    expect(() => clusterAndFlag([[1, Number.NaN]])).toThrow(RangeError);
  });
});
