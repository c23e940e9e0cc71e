// WHACO online: classify customers one at a time as they come, learning as it goes.
// Until `warmup` points have been seen there is honestly no model ("not enough data yet": cluster −1,
// confidence 0); then the buffer is clustered once (clusterAndFlag) and each new point is classified
// in O(k·d). A point that is not an outlier moves its segment's centroid by 1/count (a running
// mean), so segments follow slow drift; outliers never move anything. Re-clustering from scratch is
// the caller's batch job (the subgraph's retrain), which hands the new model in via `model`.
import {
  classify,
  clusterAndFlag,
  validatePoints,
  type Classification,
  type WhacoModel,
} from './whaco.ts';

export interface WhacoOnlineState {
  version: 1;
  seed: number;
  maxClusters: number;
  warmup: number;
  seen: number;
  buffer: number[][];
  model: WhacoModel | null;
}

export interface WhacoOnlineOptions {
  seed?: number;
  maxClusters?: number;
  /** Points to collect before the first clustering. Default 200. */
  warmup?: number;
  /** Start from a fitted model (e.g. a batch clusterAndFlag result's `model`). */
  model?: WhacoModel;
  /** Continue from a saved state. */
  state?: WhacoOnlineState;
}

export interface WhacoOnline {
  observe(point: number[]): Classification;
  /** Classifies without learning from the point. */
  classify(point: number[]): Classification;
  state(): WhacoOnlineState;
}

const NO_MODEL: Classification = { cluster: -1, outlier: false, confidence: 0 };

export function createWhaco(options: WhacoOnlineOptions = {}): WhacoOnline {
  const saved: WhacoOnlineState = options.state
    ? structuredClone(options.state)
    : {
        version: 1,
        seed: options.seed ?? 1,
        maxClusters: options.maxClusters ?? 8,
        warmup: Math.max(2, options.warmup ?? 200),
        seen: 0,
        buffer: [],
        model: options.model ? structuredClone(options.model) : null,
      };
  const s = saved;

  function learn(model: WhacoModel, point: number[], c: number): void {
    const count = (model.counts[c] as number) + 1;
    model.counts[c] = count;
    const cent = model.centroids[c] as number[];
    for (let j = 0; j < model.dims; j++) {
      const scaled =
        ((point[j] as number) - (model.center[j] as number)) / (model.scale[j] as number);
      cent[j] = (cent[j] as number) + (scaled - (cent[j] as number)) / count;
    }
  }

  return {
    observe(point) {
      s.seen += 1;
      if (!s.model) {
        validatePoints([...s.buffer.slice(0, 1), point]);
        s.buffer.push([...point]);
        if (s.buffer.length < s.warmup) return NO_MODEL;
        s.model = clusterAndFlag(s.buffer, { seed: s.seed, maxClusters: s.maxClusters }).model;
        s.buffer = [];
        return classify(s.model, point);
      }
      const result = classify(s.model, point);
      if (!result.outlier && result.cluster >= 0) learn(s.model, point, result.cluster);
      return result;
    },
    classify(point) {
      return s.model ? classify(s.model, point) : NO_MODEL;
    },
    state() {
      return structuredClone(s);
    },
  };
}
