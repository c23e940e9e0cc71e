// The ml subgraph's services against real PostgreSQL: following a dealership's deals (scripted graph
// stand-in), WHACO segments learned in the background, Prime learning each outcome once, resets, and
// every read and write staying in its own dealership (RLS).
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { Learner } from '../src/domain/learner.ts';
import { ModelService } from '../src/domain/model-service.ts';
import { PrimeService, MIN_OUTCOMES } from '../src/domain/prime-service.ts';
import { SegmentService, MIN_CUSTOMERS } from '../src/domain/segment-service.ts';
import { migrations } from '../src/migrations/index.ts';
import { ScriptedDeals, dealership, oddDeal, deal } from './deal-fixtures.ts';
import { createRng } from '../src/engine/index.ts';

let testDb: TestDatabase;
let db: Database;
const logger = pino({ level: 'silent' });
const now = () => new Date('2026-12-01T12:00:00Z');

function principal(dealershipId = randomUUID(), permissions = ['ml.read', 'ml.admin']): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'm',
    roles: ['admin'],
    permissions,
  };
}

function system(source = new ScriptedDeals()) {
  const segments = new SegmentService(db, logger, now);
  const learner = new Learner(db, source, segments, null, logger, { intervalMs: 3_600_000 });
  return { source, segments, learner, models: new ModelService(db), prime: new PrimeService(db) };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'ml', migrations });
  await db.migrate();
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('an empty dealership', () => {
  it('gets "not enough data yet", never invented segments or recommendations', async () => {
    const s = system();
    const p = principal();
    await s.learner.follow(p.dealershipId);
    await s.learner.idle();
    const report = await s.segments.report(p);
    expect(report).toMatchObject({ ready: false, customers: 0, segments: [], outliers: 0 });
    expect(report.message).toMatch(/^Not enough data yet/);
    const job = await s.segments.retrain(p.dealershipId, p.userId);
    await s.segments.idle();
    expect(await s.models.job(p, job.id)).toMatchObject({ status: 'COMPLETED', progress: 1 });
    expect((await s.models.job(p, job.id))!.message).toMatch(/^Not enough data yet: 0 customers/);
    expect((await s.segments.outlierDeals(p, 10, null)).edges).toEqual([]);
    expect((await s.prime.performance(p)).outcomes).toBe(0);
    expect(await s.models.models(p)).toEqual(
      expect.arrayContaining([expect.objectContaining({ engine: 'WHACO', samples: 0 })]),
    );
    await s.learner.stop();
  });

  it('stays below the threshold with a few deals', async () => {
    const s = system();
    const p = principal();
    // 20 desked deals, 3 of them closed: too few for segments and for Prime.
    const few = dealership(3, { budget: 10, lease: 5, cash: 5 }).map((d, i) =>
      i < 3 ? d : { ...d, status: 'SUBMITTED', facts: { ...d.facts, status: 'SUBMITTED' } },
    );
    s.source.put(p.dealershipId, few);
    await s.learner.follow(p.dealershipId);
    await s.learner.idle();
    const report = await s.segments.report(p);
    expect(report.ready).toBe(false);
    expect(report.customers).toBe(20);
    expect(report.message).toContain(`segments need ${MIN_CUSTOMERS}`);
    const rec = await s.prime.recommend(p, [
      [...s.source.byDealership.get(p.dealershipId)!.keys()][0]!,
    ]);
    const only = [...rec.values()][0]!;
    expect(only.strategy).toBeNull();
    expect(only.explanation).toMatch(/^Not enough data yet: Prime has learned 3 deal outcomes/);
    await s.learner.stop();
  });
});

describe('a dealership with deals', () => {
  const a = principal();
  const b = principal();
  let s: ReturnType<typeof system>;
  let deals: ReturnType<typeof dealership>;
  const odd = oddDeal();

  beforeAll(async () => {
    s = system();
    deals = [...dealership(11, { budget: 60, lease: 40, cash: 30 }), odd];
    s.source.put(a.dealershipId, deals);
    await s.learner.follow(a.dealershipId);
    await s.learner.follow(b.dealershipId);
    await s.learner.idle();
  });
  afterAll(() => s.learner.stop());

  it('learns its segments in the background from its own deals, named from their profiles', async () => {
    const report = await s.segments.report(a);
    expect(report.ready).toBe(true);
    expect(report.customers).toBe(131);
    expect(report.segments).toHaveLength(3);
    const names = report.segments.map((x) => x.name).sort();
    expect(
      names.some((n) => n.startsWith('Long-term financers, budget, used, negative equity')),
    ).toBe(true);
    expect(names.some((n) => n.startsWith('Lessees, premium, new'))).toBe(true);
    expect(names.some((n) => n.startsWith('Cash buyers'))).toBe(true);
    const lease = report.segments.find((x) => x.name.startsWith('Lessees'))!;
    expect(lease.size).toBeGreaterThanOrEqual(36);
    expect(lease.typical).toMatchObject({ termMonths: 36, newVehicleShare: 1, leaseShare: 1 });
    expect(lease.suggestedApproach).toContain('lease payment');
    const models = await s.models.models(a);
    expect(models.find((m) => m.engine === 'WHACO')).toMatchObject({ version: 1, samples: 131 });
  });

  it('gives each customer a segment, and flags the odd deal for review with its reasons', async () => {
    const budget = deals.find((d) => d.facts.termMonths === 84)!;
    const [seg] = await s.segments.segmentsOfCustomers(a, [budget.customerId]);
    expect(seg).toMatchObject({ outlier: false, dealId: budget.id });
    expect(seg!.name).toMatch(/^Long-term financers/);
    expect(seg!.confidence).toBeGreaterThan(0.3);
    const [out] = await s.segments.segmentsOfCustomers(a, [odd.customerId]);
    expect(out).toMatchObject({ outlier: true, id: null, name: 'Unusual deal structure' });
    const page = await s.segments.outlierDeals(a, 5, null);
    expect(page.edges[0]!.node.dealId).toBe(odd.id);
    expect(page.edges[0]!.node.reasons.length).toBeGreaterThan(0);
    expect(page.totalCount).toBeGreaterThanOrEqual(1);
    expect(page.totalCount).toBeLessThanOrEqual(8); // well under 10 % of 131
  });

  it('pages the outliers by cursor and refuses a forged one', async () => {
    const first = await s.segments.outlierDeals(a, 1, null);
    if (first.pageInfo.hasNextPage) {
      const second = await s.segments.outlierDeals(a, 1, first.pageInfo.endCursor);
      expect(second.edges[0]!.node.dealId).not.toBe(first.edges[0]!.node.dealId);
      expect(second.edges[0]!.node.score).toBeLessThanOrEqual(first.edges[0]!.node.score);
    }
    await expect(s.segments.outlierDeals(a, 1, 'bm90LWEtY3Vyc29y')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });

  it('learns each closed deal once: a second read of the same deals changes nothing', async () => {
    const before = await s.prime.performance(a);
    expect(before.outcomes).toBe(131);
    const version = (await s.models.models(a)).find((m) => m.engine === 'PRIME')!.version;
    await s.learner.sync(a.dealershipId); // the same deals again (overlap window)
    await s.learner.idle();
    const after = await s.prime.performance(a);
    expect(after.outcomes).toBe(131);
    expect((await s.models.models(a)).find((m) => m.engine === 'PRIME')).toMatchObject({
      version,
      samples: 131,
    });
    // A deal that closes later is learned then, once.
    const late = deal('lease', createRng(5), 'CANCELLED');
    late.updatedAt = new Date();
    s.source.put(a.dealershipId, [late]);
    await s.learner.sync(a.dealershipId);
    await s.learner.sync(a.dealershipId);
    await s.learner.idle();
    const leases = (await s.prime.performance(a)).strategies.find((x) => x.strategy === 'LEASE')!;
    expect(leases).toMatchObject({ deals: 41, delivered: 40 });
  });

  it('recommends a structure with its probability and reason once it has outcomes', async () => {
    expect(131).toBeGreaterThan(MIN_OUTCOMES);
    const lease = deals.find((d) => d.facts.kind === 'LEASE')!;
    const rec = (await s.prime.recommend(a, [lease.id])).get(lease.id)!;
    expect(rec.strategy).not.toBeNull();
    expect(rec.probability).toBeGreaterThan(0);
    expect(rec.probability).toBeLessThanOrEqual(1);
    expect(rec.explanation).toContain('Learned from 132 outcomes at this dealership');
  });

  it('shows another dealership nothing of it (wrong tenant)', async () => {
    const report = await s.segments.report(b);
    expect(report).toMatchObject({ ready: false, customers: 0, segments: [] });
    expect(
      await s.segments.segmentsOfCustomers(
        b,
        deals.map((d) => d.customerId),
      ),
    ).toEqual([]);
    expect((await s.segments.outlierDeals(b, 10, null)).edges).toEqual([]);
    expect(
      (
        await s.prime.recommend(
          b,
          deals.map((d) => d.id),
        )
      ).size,
    ).toBe(0);
    expect((await s.prime.performance(b)).outcomes).toBe(0);
    const job = await s.segments.retrain(a.dealershipId, a.userId);
    expect(await s.models.job(b, job.id)).toBeNull();
    await s.segments.idle();
    expect((await s.models.models(b)).every((m) => m.samples === 0)).toBe(true);
    // B's reset leaves A's models alone.
    await s.models.reset(b, null);
    expect((await s.segments.report(a)).ready).toBe(true);
    expect((await s.prime.performance(a)).outcomes).toBe(132);
  });

  it('retrains on request as a job with progress, at the next version', async () => {
    const job = await s.segments.retrain(a.dealershipId, a.userId);
    expect(job.status).toBe('RUNNING');
    const again = await s.segments.retrain(a.dealershipId, a.userId);
    expect(again.id).toBe(job.id); // not doubled
    await s.segments.idle();
    const done = await s.models.job(a, job.id);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: 1 });
    expect(done!.message).toMatch(/^Learned 3 segments from 132 customers/);
  });

  it('resets an engine by ml.admin: the state is forgotten at the next version, then relearned', async () => {
    const before = (await s.models.models(a)).find((m) => m.engine === 'PRIME')!;
    const models = await s.models.reset(a, ['PRIME', 'WHACO']);
    expect(models.find((m) => m.engine === 'PRIME')).toMatchObject({
      version: before.version + 1,
      samples: 0,
      trainedAt: null,
    });
    expect((await s.segments.report(a)).ready).toBe(false);
    expect(await s.segments.segmentsOfCustomers(a, [odd.customerId])).toEqual([]);
    expect((await s.prime.performance(a)).outcomes).toBe(0);
    await s.learner.sync(a.dealershipId);
    await s.learner.idle();
    expect((await s.prime.performance(a)).outcomes).toBe(132);
    expect((await s.segments.report(a)).ready).toBe(true);
  });
});
