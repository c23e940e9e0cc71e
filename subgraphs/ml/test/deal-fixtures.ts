// A scripted stand-in for the graph (the DealSource interface): a dealership's deals as the router
// would return them, newest change first, in pages. Plus seeded synthetic deals in three segments.
import { randomUUID } from 'node:crypto';
import { createRng } from '../src/engine/index.ts';
import type { DealSource, SourceDeal } from '../src/domain/graph-source.ts';
import type { DealFacts } from '../src/domain/features.ts';

export class ScriptedDeals implements DealSource {
  readonly byDealership = new Map<string, Map<string, SourceDeal>>();
  reads = 0;

  put(dealershipId: string, deals: SourceDeal[]): void {
    let m = this.byDealership.get(dealershipId);
    if (!m) this.byDealership.set(dealershipId, (m = new Map()));
    for (const d of deals) m.set(d.id, d);
  }

  async *changedDeals(dealershipId: string, since: Date | null): AsyncIterable<SourceDeal[]> {
    this.reads++;
    const all = [...(this.byDealership.get(dealershipId)?.values() ?? [])]
      .filter((d) => !since || d.updatedAt >= since)
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    for (let i = 0; i < all.length; i += 100) yield all.slice(i, i + 100);
  }
}

const NOW = new Date('2026-12-01T12:00:00Z');

export type Kind = 'budget' | 'lease' | 'cash';

/** One deal of a kind: budget = used, 84-month finance, negative equity, web lead; lease = new, 36 months; cash = used, referral. */
export function deal(
  kind: Kind,
  rng: ReturnType<typeof createRng>,
  status = 'DELIVERED',
): SourceDeal {
  const created = new Date(NOW.getTime() - (5 + rng.next() * 60) * 86_400_000);
  const jitter = (base: number, spread: number) => base + (rng.next() - 0.5) * 2 * spread;
  let facts: Omit<DealFacts, 'dealNumber' | 'status' | 'createdAt' | 'deliveredAt'>;
  if (kind === 'budget') {
    const price = jitter(17000, 1500);
    facts = {
      sellingPrice: price.toFixed(2),
      kind: 'FINANCE',
      termMonths: rng.next() < 0.5 ? 84 : 78,
      downPayment: (price * jitter(0.03, 0.02)).toFixed(2),
      tradeEquity: (-price * jitter(0.12, 0.03)).toFixed(2),
      rebates: '0.00',
      apr: jitter(13, 1.5).toFixed(2),
      vehicleCondition: 'USED',
      leadSource: 'WEB_LEAD',
    };
  } else if (kind === 'lease') {
    const price = jitter(45000, 4000);
    facts = {
      sellingPrice: price.toFixed(2),
      kind: 'LEASE',
      termMonths: 36,
      downPayment: (price * jitter(0.06, 0.02)).toFixed(2),
      tradeEquity: '0.00',
      rebates: '0.00',
      apr: jitter(4, 0.5).toFixed(2),
      vehicleCondition: 'NEW',
      leadSource: 'WALK_IN',
    };
  } else {
    const price = jitter(28000, 3000);
    facts = {
      sellingPrice: price.toFixed(2),
      kind: 'CASH',
      termMonths: null,
      downPayment: price.toFixed(2),
      tradeEquity: (price * jitter(0.2, 0.05)).toFixed(2),
      rebates: '0.00',
      apr: null,
      vehicleCondition: 'USED',
      leadSource: 'REFERRAL',
    };
  }
  const delivered = status === 'DELIVERED';
  const closedAt = new Date(created.getTime() + jitter(6, 4) * 86_400_000);
  return {
    id: randomUUID(),
    customerId: randomUUID(),
    salespersonId: null,
    status,
    createdAt: created,
    updatedAt: closedAt,
    facts: {
      ...facts,
      dealNumber: 1000 + Math.floor(rng.next() * 9000),
      status,
      createdAt: created.toISOString(),
      deliveredAt: delivered ? closedAt.toISOString() : null,
    },
  };
}

/** `counts` deals per kind, seeded. */
export function dealership(seed: number, counts: Record<Kind, number>): SourceDeal[] {
  const rng = createRng(seed);
  return (Object.entries(counts) as [Kind, number][]).flatMap(([kind, n]) =>
    Array.from({ length: n }, () => deal(kind, rng)),
  );
}

/** A deal far from every segment: a $90k used car, 96 months, 30 % down, an event lead. */
export function oddDeal(): SourceDeal {
  const d = deal('budget', createRng(99));
  return {
    ...d,
    facts: {
      ...d.facts,
      sellingPrice: '90000.00',
      termMonths: 96,
      downPayment: '27000.00',
      tradeEquity: '15000.00',
      apr: '2.00',
      leadSource: 'EVENT',
    },
  };
}
