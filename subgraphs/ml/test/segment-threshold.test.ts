// The silhouette the ml subgraph asks of segments (SEGMENT_MIN_SILHOUETTE) on the demo dealership's
// own deals: its cash, finance and lease customers come out as three segments (with the engine's
// default they were one segment of everyone), while a structureless cloud still gets none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_SEGMENTS, SEGMENT_MIN_SILHOUETTE } from '../src/domain/segment-service.ts';
import { clusterAndFlag, createRng } from '../src/engine/index.ts';
import { adjustedRand } from './whaco-helpers.ts';

const demo = JSON.parse(
  readFileSync(new URL('./fixtures/demo-features.json', import.meta.url), 'utf8'),
) as { points: number[][]; kinds: string[] };
const options = { seed: 1, maxClusters: MAX_SEGMENTS, minSilhouette: SEGMENT_MIN_SILHOUETTE };

describe('segments of a dealership', () => {
  it('finds the demo dealership’s cash, finance and lease customers', () => {
    expect(demo.points).toHaveLength(80);
    const result = clusterAndFlag(demo.points, options);
    expect(result.k).toBe(3);
    const kinds = ['CASH', 'FINANCE', 'LEASE'];
    const truth = demo.kinds.map((k) => kinds.indexOf(k));
    const inliers = result.labels.map((l, i) => [l, truth[i]!]).filter(([l]) => l! >= 0);
    expect(inliers.length).toBeGreaterThanOrEqual(78);
    const ari = adjustedRand(
      inliers.map(([l]) => l!),
      inliers.map(([, t]) => t!),
    );
    expect(ari).toBeGreaterThanOrEqual(0.9);
    // The engine's own default asks more: the same customers would be one segment.
    expect(clusterAndFlag(demo.points, { seed: 1, maxClusters: MAX_SEGMENTS }).k).toBe(1);
  });

  it('still names no segments in a structureless cloud of customers', () => {
    for (const seed of [1, 2, 3]) {
      const rng = createRng(seed);
      const cloud = Array.from({ length: 400 }, () =>
        Array.from({ length: 10 }, () => rng.normal()),
      );
      expect(clusterAndFlag(cloud, { ...options, seed }).k).toBe(1);
    }
  });
});
