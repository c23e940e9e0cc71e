// WHACO for one dealership: segments learned from the dealership's own deals (each customer's latest
// desked deal), the customers' segments, and the outlier deals for a manager's review. Learning runs
// in a worker thread as a background job; requests only read what was saved.
import {
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  pageSize,
  type Connection,
  type Database,
  type Logger,
  type Principal,
} from '@autolytiq/kit';
import { classify, type WhacoModel, type WhacoResult } from '../engine/index.ts';
import { clusterOffThread } from './cluster-off-thread.ts';
import { FEATURE_NAMES, featuresOf, isDesked, type DealFacts } from './features.ts';
import { approachOf, distinctNames, nameOf, profileOf, type SegmentProfile } from './profiles.ts';
import {
  countOutliers,
  dealsByIds,
  latestDealPerCustomer,
  outlierPage,
  replaceSegments,
  segmentsOf,
  upsertSegment,
  type SegmentRow,
  type StoredDeal,
} from '../store/deal-facts-store.ts';
import { insertJob, runningJob, updateJob, type JobRecord } from '../store/jobs-store.ts';
import { loadModel, lockModel, saveModel } from '../store/models-store.ts';

/** Customers (with a desked deal) WHACO needs before it names segments. */
export const MIN_CUSTOMERS = 30;
export const MAX_SEGMENTS = 6;
/**
 * The weakest structure (mean silhouette) named as segments. The engine's default, 0.5, is for clean
 * data; a dealership's customers mix yes/no features (lease, new vehicle, internet lead) with money
 * and terms, and their real groups score lower: the seeded demo dealership's cash, finance and lease
 * customers score ≈ 0.31 and would otherwise be one segment of everyone (test/segment-threshold.test.ts,
 * from its features). 0.3 is still "no segments" for one Gaussian cloud of customers (same test).
 */
export const SEGMENT_MIN_SILHOUETTE = 0.3;
/** A running job silent this long belonged to a process that stopped. */
const STALE_JOB_MS = 2 * 60_000;

export interface SegmentInfo {
  index: number;
  id: string;
  name: string;
  size: number;
  share: number;
  typical: SegmentProfile;
  suggestedApproach: string;
}

export interface WhacoState {
  model: WhacoModel;
  segments: SegmentInfo[];
  customers: number;
  outliers: number;
}

export interface SegmentReport {
  ready: boolean;
  message: string;
  customers: number;
  needed: number;
  segments: SegmentInfo[];
  outliers: number;
  trainedAt: Date | null;
  modelVersion: number | null;
}

export interface CustomerSegmentView {
  customerId: string;
  id: string | null;
  name: string;
  confidence: number;
  outlier: boolean;
  dealId: string;
}

export interface OutlierDealView {
  dealId: string;
  nearestSegment: SegmentInfo | null;
  score: number;
  reasons: string[];
}

const segmentId = (index: number) => `S${index + 1}`;

const FEATURE_WORDS: Record<(typeof FEATURE_NAMES)[number], [string, string]> = {
  price: ['a much higher price', 'a much lower price'],
  term: ['a longer term', 'a shorter term'],
  downShare: ['a bigger down payment', 'a smaller down payment'],
  tradeEquityShare: ['more trade equity', 'more negative trade equity'],
  rate: ['a higher rate', 'a lower rate'],
  newVehicle: ['a new vehicle', 'a used vehicle'],
  internetLead: ['an internet lead', 'not an internet lead'],
  relationship: ['a referral or repeat customer', 'not a referral or repeat customer'],
  daysToClose: ['a much longer time to close', 'a much faster close'],
  lease: ['a lease', 'not a lease'],
};

/** The two or three features furthest from the segment's centroid, in words. */
export function reasonsFor(model: WhacoModel, segment: number, point: number[]): string[] {
  const cent = model.centroids[segment] as number[];
  const shape = model.shapes[segment] as number[];
  const z = point.map((v, j) => {
    const scaled = (v - (model.center[j] as number)) / (model.scale[j] as number);
    return (scaled - (cent[j] as number)) / (shape[j] as number);
  });
  return z
    .map((v, j) => ({ v, j }))
    .filter((e) => Math.abs(e.v) > 2)
    .sort((a, b) => Math.abs(b.v) - Math.abs(a.v))
    .slice(0, 3)
    .map(({ v, j }) => {
      const words = FEATURE_WORDS[FEATURE_NAMES[j] as (typeof FEATURE_NAMES)[number]];
      return `${v > 0 ? words[0] : words[1]} than the segment`;
    });
}

/** The segment nearest to a point (by the model's weighted distance), outlier or not. */
export function nearestSegment(model: WhacoModel, point: number[]): number {
  let best = -1;
  let bestD = Infinity;
  model.centroids.forEach((cent, c) => {
    let s = 0;
    for (let j = 0; j < model.dims; j++) {
      const scaled =
        ((point[j] as number) - (model.center[j] as number)) / (model.scale[j] as number);
      s += (model.weights[j] as number) * (scaled - (cent[j] as number)) ** 2;
    }
    if (s < bestD) {
      bestD = s;
      best = c;
    }
  });
  return best;
}

export class SegmentService {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private tenant(dealershipId: string) {
    return { dealershipId };
  }

  /** Starts a retraining (or returns the one running). */
  async retrain(dealershipId: string, requestedBy: string | null): Promise<JobRecord> {
    const { job, started } = await this.db.withTenant(this.tenant(dealershipId), async (em) => {
      await lockModel(em, dealershipId, 'WHACO'); // one starter at a time per dealership
      const current = await runningJob(em, 'WHACO', STALE_JOB_MS);
      if (current) return { job: current, started: false };
      const created = await insertJob(em, {
        dealershipId,
        engine: 'WHACO',
        requestedBy,
        message: 'Reading the dealership’s deals',
      });
      return { job: created, started: true };
    });
    if (started) {
      const run = this.run(dealershipId, job.id).finally(() => this.running.delete(run));
      this.running.add(run);
    }
    return job;
  }

  private async run(dealershipId: string, jobId: string): Promise<void> {
    const tenant = this.tenant(dealershipId);
    const progress = (progress: number, message: string, status?: 'COMPLETED' | 'FAILED') =>
      this.db.withTenant(tenant, (em) => updateJob(em, jobId, { progress, message, status }));
    try {
      const now = this.now();
      const latest = await this.db.withTenant(tenant, (em) => latestDealPerCustomer(em));
      const desked = latest.filter((d) => isDesked(d.facts));
      if (desked.length < MIN_CUSTOMERS) {
        await progress(
          1,
          `Not enough data yet: ${desked.length} customers with a desked deal, ${MIN_CUSTOMERS} needed.`,
          'COMPLETED',
        );
        return;
      }
      await progress(0.2, `Clustering ${desked.length} customers`);
      const points = desked.map((d) => featuresOf(d.facts, now));
      const result = await clusterOffThread(points, {
        seed: 1,
        maxClusters: MAX_SEGMENTS,
        minSilhouette: SEGMENT_MIN_SILHOUETTE,
      });
      await progress(0.8, `Saving ${result.k} segments`);
      const state = describeSegments(result, desked, now);
      await this.db.withTenant(tenant, async (em) => {
        await lockModel(em, dealershipId, 'WHACO');
        const saved = await saveModel(em, 'WHACO', state, desked.length);
        await replaceSegments(
          em,
          dealershipId,
          segmentRows(result, desked, saved.version, state.model, points),
        );
      });
      await progress(
        1,
        `Learned ${result.k} segment${result.k === 1 ? '' : 's'} from ${desked.length} customers; ${state.outliers} unusual.`,
        'COMPLETED',
      );
    } catch (error) {
      this.logger.error({ err: error, jobId }, 'WHACO retraining failed');
      await progress(
        0,
        'The retraining stopped on an internal error; the previous segments stay.',
        'FAILED',
      ).catch(() => {});
    }
  }

  /**
   * Classifies customers whose latest deal changed since the model was learned (online: O(k·d) each),
   * so a new customer has a segment without waiting for the next retraining.
   */
  async classifyChanged(dealershipId: string, deals: StoredDeal[]): Promise<number> {
    const now = this.now();
    return this.db.withTenant(this.tenant(dealershipId), async (em) => {
      const saved = await loadModel<WhacoState>(em, 'WHACO');
      if (!saved?.state) return 0;
      const model = saved.state.model;
      let done = 0;
      for (const d of deals) {
        if (!isDesked(d.facts)) continue;
        const point = featuresOf(d.facts, now);
        const c = classify(model, point);
        await upsertSegment(em, dealershipId, {
          customerId: d.customerId,
          dealId: d.dealId,
          segment: c.cluster,
          confidence: c.confidence,
          score: c.outlier ? outlierScore(model, point) : 0,
          modelVersion: saved.version,
        });
        done++;
      }
      return done;
    });
  }

  async report(p: Principal): Promise<SegmentReport> {
    return this.db.withTenant(this.tenant(p.dealershipId), async (em) => {
      const saved = await loadModel<WhacoState>(em, 'WHACO');
      const latest = await latestDealPerCustomer(em);
      const customers = latest.filter((d) => isDesked(d.facts)).length;
      if (!saved?.state) {
        return {
          ready: false,
          message:
            customers < MIN_CUSTOMERS
              ? `Not enough data yet: ${customers} customers with a desked deal; segments need ${MIN_CUSTOMERS}.`
              : `${customers} customers with a desked deal: segments are learned at the next retraining.`,
          customers,
          needed: MIN_CUSTOMERS,
          segments: [],
          outliers: 0,
          trainedAt: null,
          modelVersion: saved?.version ?? null,
        };
      }
      return {
        ready: true,
        message: `${saved.state.segments.length} segments learned from ${saved.samples} customers.`,
        customers: saved.samples,
        needed: MIN_CUSTOMERS,
        segments: saved.state.segments,
        outliers: await countOutliers(em),
        trainedAt: saved.trainedAt,
        modelVersion: saved.version,
      };
    });
  }

  async segmentsOfCustomers(p: Principal, ids: readonly string[]): Promise<CustomerSegmentView[]> {
    return this.db.withTenant(this.tenant(p.dealershipId), async (em) => {
      const saved = await loadModel<WhacoState>(em, 'WHACO');
      if (!saved?.state) return [];
      const segments = saved.state.segments;
      const rows = await segmentsOf(em, [...ids]);
      return rows.map((r) => viewOf(r, segments));
    });
  }

  async outlierDeals(
    p: Principal,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<OutlierDealView> & { totalCount: number }> {
    const limit = pageSize(first);
    const cursor = after
      ? decodeCursor(after, 'mlOutliers', [
          (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v),
          cursorValue.uuid,
        ])
      : null;
    return this.db.withTenant(this.tenant(p.dealershipId), async (em) => {
      const saved = await loadModel<WhacoState>(em, 'WHACO');
      if (!saved?.state) return { ...connectionOf([], limit, () => ''), totalCount: 0 };
      const totalCount = await countOutliers(em);
      const page = await outlierPage(
        em,
        limit + 1,
        cursor ? { score: cursor[0], customerId: cursor[1] } : null,
      );
      const { model, segments } = saved.state;
      const deals = new Map(
        (
          await dealsByIds(
            em,
            page.map((r) => r.dealId),
          )
        ).map((d) => [d.dealId, d]),
      );
      const now = this.now();
      const connection = connectionOf(
        page,
        limit,
        (r) => encodeCursor('mlOutliers', [r.score, r.customerId]),
        (r): OutlierDealView => {
          const d = deals.get(r.dealId);
          const point = d ? featuresOf(d.facts, now) : null;
          const near = point ? nearestSegment(model, point) : -1;
          return {
            dealId: r.dealId,
            nearestSegment: segments[near] ?? null,
            score: Math.round(r.score * 100) / 100,
            reasons: point && near >= 0 ? reasonsFor(model, near, point) : [],
          };
        },
      );
      return { ...connection, totalCount };
    });
  }

  /** Waits for the retrainings this process is running (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

function viewOf(r: SegmentRow, segments: SegmentInfo[]): CustomerSegmentView {
  const seg = r.segment >= 0 ? segments[r.segment] : undefined;
  return {
    customerId: r.customerId,
    id: seg?.id ?? null,
    name: seg?.name ?? 'Unusual deal structure',
    confidence: Math.round(r.confidence * 1000) / 1000,
    outlier: r.segment < 0,
    dealId: r.dealId,
  };
}

/** The robust z of a point's distance to its nearest segment (for ordering outliers). */
function outlierScore(model: WhacoModel, point: number[]): number {
  const c = nearestSegment(model, point);
  if (c < 0) return 0;
  const cent = model.centroids[c] as number[];
  const shape = model.shapes[c] as number[];
  let s = 0;
  for (let j = 0; j < model.dims; j++) {
    const scaled =
      ((point[j] as number) - (model.center[j] as number)) / (model.scale[j] as number);
    s += ((scaled - (cent[j] as number)) / (shape[j] as number)) ** 2;
  }
  const r = model.radii[c] as { median: number; spread: number };
  return (Math.sqrt(s) - r.median) / r.spread;
}

function describeSegments(result: WhacoResult, desked: StoredDeal[], now: Date): WhacoState {
  const all = profileOf(
    desked.map((d) => d.facts),
    now,
  );
  const members: DealFacts[][] = Array.from({ length: result.k }, () => []);
  result.labels.forEach((c, i) => {
    if (c >= 0) members[c]!.push(desked[i]!.facts);
  });
  const inliers = result.labels.filter((c) => c >= 0).length || 1;
  const profiles = members.map((m) => profileOf(m, now));
  const ids = profiles.map((_, i) => segmentId(i));
  const names = distinctNames(
    profiles.map((p) => nameOf(p, all)),
    ids,
  );
  return {
    model: result.model,
    customers: desked.length,
    outliers: result.labels.filter((c) => c < 0).length,
    segments: profiles.map((typical, index) => ({
      index,
      id: ids[index]!,
      name: names[index]!,
      size: members[index]!.length,
      share: Math.round((members[index]!.length / inliers) * 1000) / 1000,
      typical,
      suggestedApproach: approachOf(typical),
    })),
  };
}

function segmentRows(
  result: WhacoResult,
  desked: StoredDeal[],
  version: number,
  model: WhacoModel,
  points: number[][],
): SegmentRow[] {
  return desked.map((d, i) => {
    const c = classify(model, points[i]!);
    return {
      customerId: d.customerId,
      dealId: d.dealId,
      segment: result.labels[i]!,
      confidence: c.confidence,
      score: result.outlierScores[i]!,
      modelVersion: version,
    };
  });
}
