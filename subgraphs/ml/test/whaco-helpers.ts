// Seeded synthetic customers: segments of different sizes and spreads, plus injected outliers far
// from every segment; and the adjusted Rand index to compare a clustering with the truth.
import { createRng } from '../src/engine/index.ts';

export interface Synthetic {
  points: number[][];
  /** True segment of each point, −1 for an injected outlier. */
  truth: number[];
}

export function segments(
  seed: number,
  sizes = [600, 350, 200, 100],
  spreads = [1, 0.5, 1.5, 0.8],
  dims = 4,
  outlierShare = 0.02,
  /** Seed of the customers drawn from the segments (default: seed); the segments follow `seed`. */
  drawSeed = seed,
): Synthetic {
  let rng = createRng(seed);
  // Centres anywhere in a box, but each pair at least 5 (sum of spreads) + 4 apart: well separated.
  const centres: number[][] = [];
  while (centres.length < sizes.length) {
    const c = centres.length;
    const cand = Array.from({ length: dims }, () => 40 * rng.next());
    const apart = centres.every(
      (other, o) =>
        Math.hypot(...other.map((m, j) => m - (cand[j] as number))) >
        5 * ((spreads[c] as number) + (spreads[o] as number)) + 4,
    );
    if (apart) centres.push(cand);
  }
  rng = drawSeed === seed ? rng : createRng(drawSeed);
  const points: number[][] = [];
  const truth: number[] = [];
  sizes.forEach((size, c) => {
    for (let i = 0; i < size; i++) {
      points.push((centres[c] as number[]).map((m) => m + (spreads[c] as number) * rng.normal()));
      truth.push(c);
    }
  });
  const total = sizes.reduce((s, v) => s + v, 0);
  const outliers = Math.round((outlierShare * total) / (1 - outlierShare));
  let added = 0;
  while (added < outliers) {
    const p = Array.from({ length: dims }, () => -15 + 70 * rng.next());
    // Injected outliers are at least 6 spreads from every segment's centre.
    const far = centres.every(
      (cent, c) =>
        Math.hypot(...cent.map((m, j) => m - (p[j] as number))) > 6 * (spreads[c] as number) + 3,
    );
    if (!far) continue;
    points.push(p);
    truth.push(-1);
    added++;
  }
  return { points, truth };
}

/** Adjusted Rand index (Hubert & Arabie) between two labelings of the same points. */
export function adjustedRand(a: number[], b: number[]): number {
  const choose2 = (v: number) => (v * (v - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  a.forEach((x, i) => {
    const y = b[i] as number;
    table.set(`${x},${y}`, (table.get(`${x},${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  });
  const index = [...table.values()].reduce((s, v) => s + choose2(v), 0);
  const sumRows = [...rows.values()].reduce((s, v) => s + choose2(v), 0);
  const sumCols = [...cols.values()].reduce((s, v) => s + choose2(v), 0);
  const expected = (sumRows * sumCols) / choose2(a.length);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
