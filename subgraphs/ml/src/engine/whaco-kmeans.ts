// The clustering core of WHACO: weighted squared distances, k-means++ seeding, Lloyd iterations that
// leave suspected outliers out of the centroid means (so one far point cannot drag a segment), and a
// sampled silhouette to compare different k. Points are rows of a flat row-major Float64Array.
import type { Rng } from './random.ts';

export interface Data {
  x: Float64Array;
  n: number;
  d: number;
}

/** Squared weighted distance between row i of data and centroid c (flat k×d). */
export function dist2(
  data: Data,
  i: number,
  cents: Float64Array,
  c: number,
  w: Float64Array,
): number {
  const { x, d } = data;
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = (x[i * d + j] as number) - (cents[c * d + j] as number);
    s += (w[j] as number) * diff * diff;
  }
  return s;
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median and 1.4826·MAD (a standard-deviation estimate that ignores the tails). */
export function robustSpread(values: ArrayLike<number>): { median: number; spread: number } {
  const m = median(values);
  const dev = Array.from(values, (v) => Math.abs(v - m));
  return { median: m, spread: 1.4826 * median(dev) };
}

export interface Assignment {
  labels: Int32Array;
  /** Weighted distance (not squared) to the assigned centroid. */
  dist: Float64Array;
}

export function assign(data: Data, cents: Float64Array, k: number, w: Float64Array): Assignment {
  const labels = new Int32Array(data.n);
  const dist = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const dd = dist2(data, i, cents, c, w);
      if (dd < bestD) {
        bestD = dd;
        best = c;
      }
    }
    labels[i] = best;
    dist[i] = Math.sqrt(bestD);
  }
  return { labels, dist };
}

/** Per cluster: median distance and its robust spread; a point beyond median + t·spread is unusual. */
export function radii(a: Assignment, k: number): { median: number; spread: number }[] {
  const byCluster: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < a.labels.length; i++)
    byCluster[a.labels[i] as number]?.push(a.dist[i] as number);
  return byCluster.map((ds) => {
    const r = robustSpread(ds);
    // A floor so a cluster of identical points does not call its first neighbour an outlier.
    return { median: r.median, spread: Math.max(r.spread, 1e-6 + 0.1 * r.median) };
  });
}

export function seedPlusPlus(data: Data, k: number, w: Float64Array, rng: Rng): Float64Array {
  const { n, d, x } = data;
  const cents = new Float64Array(k * d);
  const first = rng.int(n);
  cents.set(x.subarray(first * d, first * d + d), 0);
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dd = dist2(data, i, cents, c - 1, w);
      if (dd < (nearest[i] as number)) nearest[i] = dd;
      total += nearest[i] as number;
    }
    let target = rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i] as number;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    cents.set(x.subarray(pick * d, pick * d + d), c * d);
  }
  return cents;
}

export interface Fit {
  k: number;
  cents: Float64Array;
  assignment: Assignment;
  inlier: Uint8Array;
  /** Sum of squared weighted distances, capped at the outlier radius: the least wins. */
  cost: number;
}

/** Marks points within median + threshold·spread of their cluster's distances. */
export function inliers(a: Assignment, k: number, threshold: number): Uint8Array {
  const r = radii(a, k);
  return Uint8Array.from(a.labels, (c, i) => {
    const rc = r[c] as { median: number; spread: number };
    return (a.dist[i] as number) <= rc.median + threshold * rc.spread ? 1 : 0;
  });
}

/** Lloyd iterations from given centroids; centroid means use inliers only. */
export function lloyd(
  data: Data,
  start: Float64Array,
  k: number,
  w: Float64Array,
  threshold: number,
  maxIter = 30,
): Fit {
  const { n, d, x } = data;
  let cents = start;
  let a = assign(data, cents, k, w);
  let inl = inliers(a, k, threshold);
  for (let iter = 0; iter < maxIter; iter++) {
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      if (!inl[i]) continue;
      const c = a.labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < d; j++)
        sums[c * d + j] = (sums[c * d + j] as number) + (x[i * d + j] as number);
    }
    const next = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        // An emptied cluster keeps its place rather than vanishing mid-run.
        next[c * d + j] = counts[c]
          ? (sums[c * d + j] as number) / (counts[c] as number)
          : (cents[c * d + j] as number);
      }
    }
    const b = assign(data, next, k, w);
    const changed = b.labels.some((l, i) => l !== a.labels[i]);
    cents = next;
    a = b;
    inl = inliers(a, k, threshold);
    if (!changed) break;
  }
  // Trimmed points count as if at their segment's outlier radius: a fit cannot look cheap by
  // declaring a whole small segment "outliers".
  const r = radii(a, k);
  let cost = 0;
  for (let i = 0; i < n; i++) {
    const rc = r[a.labels[i] as number] as { median: number; spread: number };
    cost += Math.min(a.dist[i] as number, rc.median + threshold * rc.spread) ** 2;
  }
  return { k, cents, assignment: a, inlier: inl, cost };
}

/**
 * Mean silhouette over (a seeded sample of at most `limit`) all points, suspected outliers included:
 * scoring inliers only would reward a k that trims a whole small segment away as "outliers".
 */
export function silhouette(data: Data, fit: Fit, w: Float64Array, rng: Rng, limit = 800): number {
  const { d, x } = data;
  const pool: number[] = [];
  for (let i = 0; i < data.n; i++) pool.push(i);
  const idx =
    pool.length <= limit
      ? pool
      : Array.from({ length: limit }, () => pool[rng.int(pool.length)] as number);
  const labels = fit.assignment.labels;
  let total = 0;
  const sums = new Float64Array(fit.k);
  const counts = new Float64Array(fit.k);
  for (const i of idx) {
    sums.fill(0);
    counts.fill(0);
    for (const j of idx) {
      if (i === j) continue;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = (x[i * d + t] as number) - (x[j * d + t] as number);
        s += (w[t] as number) * diff * diff;
      }
      const c = labels[j] as number;
      sums[c] = (sums[c] as number) + Math.sqrt(s);
      counts[c] = (counts[c] as number) + 1;
    }
    const own = labels[i] as number;
    const a = counts[own] ? (sums[own] as number) / (counts[own] as number) : 0;
    let b = Infinity;
    for (let c = 0; c < fit.k; c++)
      if (c !== own && counts[c]) b = Math.min(b, (sums[c] as number) / (counts[c] as number));
    total += b === Infinity || Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  }
  return idx.length ? total / idx.length : 0;
}
