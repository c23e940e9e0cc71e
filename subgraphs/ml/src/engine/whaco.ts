// WHACO: weighted, adaptive clustering with outliers.
// 1. Robust scaling per feature: (x − median) / winsorised standard deviation (5th–95th percentile),
//    so a few extreme customers set no scale.
// 2. k chosen by the data: trimmed k-means (k-means++ seeds, best of several restarts) for
//    k = 2..maxClusters on a seeded sample, scored by silhouette; below `minSilhouette` there is no
//    real structure and the answer is one segment.
// 3. Learned feature weights: wⱼ ∝ the share of feature j's spread that the segments explain
//    (1 − within/total), floored and normalised to mean 1; then step 2 runs again with them, so
//    features that separate nothing stop blurring the segments.
// 4. Final Lloyd pass over all points; a point is an outlier (label −1) when its distance to its
//    centroid exceeds that segment's median distance + threshold·robust spread (score = that z).
import { createRng, type Rng } from './random.ts';
import {
  assign,
  type Data,
  type Fit,
  lloyd,
  radii,
  seedPlusPlus,
  silhouette,
  median,
} from './whaco-kmeans.ts';

export interface WhacoOptions {
  seed?: number;
  maxClusters?: number;
  /** Robust z of distance-to-centroid above which a point is an outlier. Default 3.5. */
  outlierThreshold?: number;
  /** Mean silhouette a split must reach to count as segments at all. Default 0.5. */
  minSilhouette?: number;
}

/** Everything needed to classify a new point: plain JSON. Centroids are in scaled units. */
export interface WhacoModel {
  dims: number;
  center: number[];
  scale: number[];
  weights: number[];
  centroids: number[][];
  /** Per segment and feature: robust spread around the centroid (scaled units). */
  shapes: number[][];
  counts: number[];
  radii: { median: number; spread: number }[];
  threshold: number;
}

export interface WhacoResult {
  labels: number[];
  k: number;
  /** In the points' own units. */
  centroids: number[][];
  outlierScores: number[];
  model: WhacoModel;
}

const SAMPLE = 3000;
const RESTARTS = 4;

export function validatePoints(points: number[][]): number {
  const d = points[0]?.length ?? 0;
  for (const p of points) {
    if (p.length !== d || !p.every(Number.isFinite)) {
      throw new RangeError(`whaco: every point must be ${d} finite numbers`);
    }
  }
  return d;
}

function robustScaling(points: number[][], d: number): { center: number[]; scale: number[] } {
  const center: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < d; j++) {
    const sorted = Float64Array.from(points, (p) => p[j] as number).sort();
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
    // Winsorised at the 5th/95th percentiles: the few extreme customers set no scale, yet a feature
    // where most customers sit in one segment keeps the spread between segments (a MAD would not).
    const lo = at(0.05);
    const hi = at(0.95);
    let mean = 0;
    for (const v of sorted) mean += Math.min(hi, Math.max(lo, v));
    mean /= sorted.length || 1;
    let ss = 0;
    for (const v of sorted) ss += (Math.min(hi, Math.max(lo, v)) - mean) ** 2;
    const sd = Math.sqrt(ss / (sorted.length || 1));
    center.push(median(sorted));
    scale.push(sd > 1e-12 ? sd : 1);
  }
  return { center, scale };
}

function sampleOf(data: Data, rng: Rng): Data {
  if (data.n <= SAMPLE) return data;
  const x = new Float64Array(SAMPLE * data.d);
  for (let s = 0; s < SAMPLE; s++) {
    const i = rng.int(data.n);
    x.set(data.x.subarray(i * data.d, (i + 1) * data.d), s * data.d);
  }
  return { x, n: SAMPLE, d: data.d };
}

function bestFit(data: Data, k: number, w: Float64Array, threshold: number, rng: Rng): Fit {
  let best: Fit | undefined;
  for (let r = 0; r < RESTARTS; r++) {
    const fit = lloyd(data, seedPlusPlus(data, k, w, rng), k, w, threshold);
    if (!best || fit.cost < best.cost) best = fit;
  }
  return best as Fit;
}

/** Best k on the sample by silhouette; tiny segments (outlier clumps) disqualify a candidate. */
function chooseK(data: Data, w: Float64Array, opts: Required<WhacoOptions>, rng: Rng): Fit {
  let chosen = bestFit(data, 1, w, opts.outlierThreshold, rng);
  let bestScore = opts.minSilhouette;
  const minSize = Math.max(3, Math.ceil(0.01 * data.n));
  for (let k = 2; k <= Math.min(opts.maxClusters, data.n - 1); k++) {
    const fit = bestFit(data, k, w, opts.outlierThreshold, rng);
    const sizes = new Array<number>(k).fill(0);
    fit.assignment.labels.forEach((c, i) => {
      if (fit.inlier[i]) sizes[c] = (sizes[c] as number) + 1;
    });
    if (sizes.some((s) => s < minSize)) continue;
    const score = silhouette(data, fit, w, rng);
    if (score > bestScore) {
      bestScore = score;
      chosen = fit;
    }
  }
  return chosen;
}

/** wⱼ ∝ 1 − within/total spread of feature j among inliers (floored), normalised to mean 1. */
function learnWeights(data: Data, fit: Fit): Float64Array {
  const { n, d, x } = data;
  const w = new Float64Array(d).fill(1);
  if (fit.k < 2) return w;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (!fit.inlier[i]) continue;
      mean += x[i * d + j] as number;
      count++;
    }
    mean /= count || 1;
    let within = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!fit.inlier[i]) continue;
      const v = x[i * d + j] as number;
      within += (v - (fit.cents[(fit.assignment.labels[i] as number) * d + j] as number)) ** 2;
      total += (v - mean) ** 2;
    }
    w[j] = Math.max(0.05, total > 0 ? 1 - within / total : 0);
  }
  const avg = w.reduce((s, v) => s + v, 0) / d;
  return w.map((v) => v / avg);
}

export function clusterAndFlag(points: number[][], options: WhacoOptions = {}): WhacoResult {
  const opts: Required<WhacoOptions> = {
    seed: options.seed ?? 1,
    maxClusters: Math.max(1, Math.floor(options.maxClusters ?? 8)),
    outlierThreshold: options.outlierThreshold ?? 3.5,
    minSilhouette: options.minSilhouette ?? 0.5,
  };
  const d = validatePoints(points);
  const n = points.length;
  const { center, scale } = robustScaling(points, d);
  if (n === 0) {
    const model = {
      dims: d,
      center,
      scale,
      weights: [],
      centroids: [],
      shapes: [],
      counts: [],
      radii: [],
      threshold: opts.outlierThreshold,
    };
    return { labels: [], k: 0, centroids: [], outlierScores: [], model };
  }
  const x = new Float64Array(n * d);
  points.forEach((p, i) =>
    p.forEach((v, j) => (x[i * d + j] = (v - (center[j] as number)) / (scale[j] as number))),
  );
  const data: Data = { x, n, d };
  const rng = createRng(opts.seed);
  const sample = sampleOf(data, rng);

  let w: Float64Array = new Float64Array(d).fill(1);
  let fit = chooseK(sample, w, opts, rng);
  // Weights and segments inform each other: alternate until k settles (three rounds at most).
  for (let round = 0; round < 3 && fit.k > 1; round++) {
    w = learnWeights(sample, fit);
    const next = chooseK(sample, w, opts, rng);
    const settled = next.k === fit.k;
    fit = next;
    if (settled) break;
  }
  const final = sample === data ? fit : lloyd(data, fit.cents, fit.k, w, opts.outlierThreshold, 10);
  return describe(data, final, w, center, scale, opts.outlierThreshold);
}

/**
 * Each segment's own shape: per feature, the robust spread of its members around the centroid.
 * Outliers are judged in these units (a diagonal Mahalanobis distance), so a segment that is wide in
 * price but narrow in term flags an unusual term without flagging ordinary prices.
 */
function shapesOf(data: Data, cents: Float64Array, labels: Int32Array, k: number): number[][] {
  const { d, x } = data;
  return Array.from({ length: k }, (_, c) =>
    Array.from({ length: d }, (_, j) => {
      const dev: number[] = [];
      for (let i = 0; i < data.n; i++) {
        if (labels[i] === c)
          dev.push(Math.abs((x[i * d + j] as number) - (cents[c * d + j] as number)));
      }
      return Math.max(1.4826 * median(dev), 1e-3);
    }),
  );
}

function shapeDistance(point: ArrayLike<number>, cent: ArrayLike<number>, shape: number[]): number {
  let s = 0;
  for (let j = 0; j < shape.length; j++) {
    s += (((point[j] as number) - (cent[j] as number)) / (shape[j] as number)) ** 2;
  }
  return Math.sqrt(s);
}

function describe(
  data: Data,
  fit: Fit,
  w: Float64Array,
  center: number[],
  scale: number[],
  threshold: number,
): WhacoResult {
  const { d, x } = data;
  const a = assign(data, fit.cents, fit.k, w);
  const shapes = shapesOf(data, fit.cents, a.labels, fit.k);
  const shaped = {
    labels: a.labels,
    dist: Float64Array.from(a.labels, (c, i) =>
      shapeDistance(
        x.subarray(i * d, (i + 1) * d),
        fit.cents.subarray(c * d, (c + 1) * d),
        shapes[c] as number[],
      ),
    ),
  };
  const r = radii(shaped, fit.k);
  const outlierScores = Array.from(shaped.dist, (dist, i) => {
    const rc = r[a.labels[i] as number] as { median: number; spread: number };
    return (dist - rc.median) / rc.spread;
  });
  const labels = Array.from(a.labels, (c, i) =>
    (outlierScores[i] as number) > threshold ? -1 : c,
  );
  const counts = new Array<number>(fit.k).fill(0);
  for (const c of labels) if (c >= 0) counts[c] = (counts[c] as number) + 1;
  const scaled = Array.from({ length: fit.k }, (_, c) =>
    Array.from(fit.cents.subarray(c * d, (c + 1) * d)),
  );
  return {
    labels,
    k: fit.k,
    centroids: scaled.map((cent) =>
      cent.map((v, j) => v * (scale[j] as number) + (center[j] as number)),
    ),
    outlierScores,
    model: {
      dims: d,
      center,
      scale,
      weights: Array.from(w),
      centroids: scaled,
      shapes,
      counts,
      radii: r,
      threshold,
    },
  };
}

export interface Classification {
  /** Segment index, or −1 for an outlier (or when there is no model yet). */
  cluster: number;
  outlier: boolean;
  /** 0..1: how clearly the point belongs where it was put (or how clearly it is an outlier). */
  confidence: number;
}

/** Classifies one point against a fitted model: O(k·d). */
export function classify(model: WhacoModel, point: number[]): Classification {
  const { dims: d, centroids } = model;
  if (point.length !== d || !point.every(Number.isFinite)) {
    throw new RangeError(`whaco: a point must be ${d} finite numbers`);
  }
  if (centroids.length === 0) return { cluster: -1, outlier: false, confidence: 0 };
  let d1 = Infinity;
  let d2 = Infinity;
  let best = 0;
  for (let c = 0; c < centroids.length; c++) {
    const cent = centroids[c] as number[];
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff =
        ((point[j] as number) - (model.center[j] as number)) / (model.scale[j] as number) -
        (cent[j] as number);
      s += (model.weights[j] as number) * diff * diff;
    }
    if (s < d1) {
      d2 = d1;
      d1 = s;
      best = c;
    } else if (s < d2) d2 = s;
  }
  d1 = Math.sqrt(d1);
  d2 = Math.sqrt(d2);
  const r = model.radii[best] as { median: number; spread: number };
  const scaledPoint = point.map(
    (v, j) => (v - (model.center[j] as number)) / (model.scale[j] as number),
  );
  const z =
    (shapeDistance(scaledPoint, centroids[best] as number[], model.shapes[best] as number[]) -
      r.median) /
    r.spread;
  // Typicality falls smoothly through the threshold; separation is 1 at a centroid, 0 on a border.
  const typical = 1 / (1 + Math.exp(z - model.threshold));
  const outlier = z > model.threshold;
  const separation = Number.isFinite(d2) && d2 > 0 ? (d2 - d1) / d2 : 1;
  return outlier
    ? { cluster: -1, outlier, confidence: 1 - typical }
    : { cluster: best, outlier, confidence: separation * typical };
}
