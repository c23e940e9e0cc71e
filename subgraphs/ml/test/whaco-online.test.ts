// WHACO online, and the invariants of both forms as properties over arbitrary point sets.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clusterAndFlag, createWhaco } from '../src/engine/index.ts';
import { adjustedRand, segments } from './whaco-helpers.ts';

const pointSets = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.array(
    fc.array(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => v + 0) /* no −0: JSON has none */,
      { minLength: d, maxLength: d },
    ),
    {
      maxLength: 60,
    },
  ),
);

describe('WHACO properties', () => {
  it('labels are −1 or a segment index, one score per point, and the same seed gives the same answer', () => {
    fc.assert(
      fc.property(pointSets, fc.integer({ min: 0, max: 1000 }), (points, seed) => {
        const a = clusterAndFlag(points, { seed, maxClusters: 4 });
        expect(a.labels).toHaveLength(points.length);
        expect(a.outlierScores).toHaveLength(points.length);
        expect(a.k).toBeLessThanOrEqual(4);
        for (const l of a.labels) expect(l >= -1 && l < a.k && Number.isInteger(l)).toBe(true);
        expect(clusterAndFlag(points, { seed, maxClusters: 4 })).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });

  it('online state survives a JSON round trip and continues identically', () => {
    fc.assert(
      fc.property(pointSets, fc.integer({ min: 2, max: 30 }), (points, warmup) => {
        const one = createWhaco({ seed: 3, warmup, maxClusters: 3 });
        const half = points.length >> 1;
        points.slice(0, half).forEach((p) => one.observe(p));
        const restored = createWhaco({ state: JSON.parse(JSON.stringify(one.state())) });
        expect(restored.state()).toEqual(one.state());
        for (const p of points.slice(half)) {
          const r = one.observe(p);
          expect(restored.observe(p)).toEqual(r);
          expect(r.confidence >= 0 && r.confidence <= 1).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('createWhaco (online)', () => {
  it('says "no model yet" during warm-up, then classifies new customers like the batch would', () => {
    const history = segments(11);
    const online = createWhaco({ seed: 11, warmup: history.points.length });
    const early = online.observe(history.points[0] as number[]);
    expect(early).toEqual({ cluster: -1, outlier: false, confidence: 0 });
    history.points.slice(1).forEach((p) => online.observe(p));

    // New customers from the same segments (other draws), outliers included.
    const later = segments(11, undefined, undefined, undefined, undefined, 99);
    expect(later.points[0]).not.toEqual(history.points[0]);
    const results = later.points.map((p) => online.observe(p));
    const real = later.truth.flatMap((t, i) => (t >= 0 ? [i] : []));
    const ari = adjustedRand(
      real.map((i) => later.truth[i] as number),
      real.map((i) => (results[i] as { cluster: number }).cluster),
    );
    expect(ari).toBeGreaterThanOrEqual(0.9);
    const injected = later.truth.flatMap((t, i) => (t < 0 ? [i] : []));
    const caught = injected.filter((i) => results[i]?.outlier).length;
    expect(caught / injected.length).toBeGreaterThanOrEqual(0.85);
    const typical = real.filter((i) => (results[i]?.confidence ?? 0) > 0.5).length;
    expect(typical / real.length).toBeGreaterThan(0.9);
  });

  it('starts from a batch model and moves only the segment a customer joins', () => {
    const { points } = segments(12);
    const { model } = clusterAndFlag(points, { seed: 12 });
    const online = createWhaco({ model });
    const before = online.state().model?.centroids;
    const r = online.observe(points[0] as number[]);
    const after = online.state().model?.centroids;
    expect(r.cluster).toBeGreaterThanOrEqual(0);
    after?.forEach((c, i) =>
      i === r.cluster ? expect(c).not.toEqual(before?.[i]) : expect(c).toEqual(before?.[i]),
    );
    expect(() => online.observe([1, 2])).toThrow(RangeError);
  });
});
