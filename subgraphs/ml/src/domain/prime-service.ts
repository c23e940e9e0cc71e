// Prime for one dealership: which deal structure to recommend for this customer and deal, learned
// from what happened to the dealership's own deals. Each deal's outcome is learned exactly once:
// the outcome row's primary key (dealership, deal) is inserted in the same transaction that saves
// the model, so a repeated sync, a duplicate event or two replicas cannot count a deal twice.
import type { EntityManager, Principal, Database } from '@autolytiq/kit';
import { createPrime, restorePrime, type Prime, type PrimeState } from '../engine/index.ts';
import { outcomeOf, STRATEGIES, type DealFacts, type Strategy } from './features.ts';
import { dealsByIds, type StoredDeal } from '../store/deal-facts-store.ts';
import { loadModel, lockModel, saveModel } from '../store/models-store.ts';
import { Decimal } from 'decimal.js';

/** Outcomes Prime needs before it recommends anything (before that it says so). */
export const MIN_OUTCOMES = 10;
const CONTEXT_DIMS = 5;

/**
 * What Prime conditions on: only what is known before the structure is chosen (the structure's own
 * term, down payment and rate are what it recommends, so they are not context).
 *  0 ln(price / 30,000)   1 trade equity / price   2 new vehicle   3 internet lead   4 referral/repeat
 */
export function primeContext(f: DealFacts): number[] {
  const price = new Decimal(f.sellingPrice);
  const safe = price.gt(0) ? price : new Decimal(30000);
  return [
    Math.log(safe.div(30000).toNumber()),
    Math.max(-1, Math.min(1, new Decimal(f.tradeEquity).div(safe).toNumber())),
    f.vehicleCondition === 'NEW' ? 1 : 0,
    f.leadSource === 'WEB_LEAD' || f.leadSource === 'THIRD_PARTY' ? 1 : 0,
    f.leadSource === 'REFERRAL' || f.leadSource === 'REPEAT' ? 1 : 0,
  ];
}

function primeFrom(state: PrimeState | null | undefined): Prime {
  return state
    ? restorePrime(state)
    : createPrime({ arms: [...STRATEGIES], contextDims: CONTEXT_DIMS, seed: 7 });
}

export interface Recommendation {
  strategy: Strategy | null;
  probability: number;
  explanation: string;
}

export interface StrategyPerformance {
  strategy: Strategy;
  deals: number;
  delivered: number;
  successRate: number | null;
}

const WORDS: Record<Strategy, string> = {
  BALANCED: 'a balanced finance deal (49–72 months)',
  LOW_PAYMENT_LONG_TERM: 'a low payment over a long term (over 72 months)',
  SHORT_TERM_LOW_TOTAL: 'a short term with the lowest total cost (48 months or less)',
  CASH_INCENTIVE: 'cash or a rebate-carried deal',
  LEASE: 'a lease',
};

/**
 * Learns the outcomes of closed deals not learned before. Runs inside the sync's transaction (the
 * dealership's tenant); returns how many were learned now.
 */
export async function learnOutcomes(
  em: EntityManager,
  dealershipId: string,
  deals: StoredDeal[],
): Promise<number> {
  const closed = deals.filter((d) => d.strategy !== null && outcomeOf(d.status) !== null);
  if (closed.length === 0) return 0;
  const saved = await lockModel<PrimeState>(em, dealershipId, 'PRIME');
  const prime = primeFrom(saved.state);
  let learned = 0;
  for (const d of closed) {
    const success = outcomeOf(d.status) as boolean;
    const inserted = await em.execute<Array<{ deal_id: string }>>(
      `insert into ml.prime_outcomes (dealership_id, deal_id, strategy, success)
       values (?, ?, ?, ?) on conflict (dealership_id, deal_id) do nothing returning deal_id`,
      [dealershipId, d.dealId, d.strategy, success],
    );
    if (inserted.length === 0) continue; // learned before: exactly once per deal
    prime.record(primeContext(d.facts), d.strategy as string, success ? 1 : 0);
    learned++;
  }
  if (learned > 0) await saveModel(em, 'PRIME', prime.state(), saved.samples + learned);
  return learned;
}

export class PrimeService {
  constructor(private readonly db: Database) {}

  /** Per deal id: the recommendation, or nothing when ml has not read the deal yet. */
  async recommend(p: Principal, dealIds: readonly string[]): Promise<Map<string, Recommendation>> {
    return this.db.withTenant({ dealershipId: p.dealershipId }, async (em) => {
      const saved = await loadModel<PrimeState>(em, 'PRIME');
      const deals = await dealsByIds(em, [...dealIds]);
      const out = new Map<string, Recommendation>();
      const outcomes = saved?.samples ?? 0;
      const prime = outcomes >= MIN_OUTCOMES ? primeFrom(saved?.state) : null;
      for (const d of deals) {
        if (!prime) {
          out.set(d.dealId, {
            strategy: null,
            probability: 0,
            explanation: `Not enough data yet: Prime has learned ${outcomes} deal outcome${outcomes === 1 ? '' : 's'} at this dealership and recommends from ${MIN_OUTCOMES}.`,
          });
          continue;
        }
        const context = primeContext(d.facts);
        const probabilities = prime.probabilities(context, 400);
        const expected = prime.expected(context);
        const [best, probability] = Object.entries(probabilities).sort((a, b) => b[1] - a[1])[0]!;
        const strategy = best as Strategy;
        const pct = (v: number) => `${Math.round(v * 100)} %`;
        const like = [
          d.facts.vehicleCondition === 'NEW' ? 'a new vehicle' : 'a used vehicle',
          `around $${Math.round(Number(d.facts.sellingPrice) / 1000)}k`,
          Number(d.facts.tradeEquity) < 0 ? 'negative trade equity' : null,
          d.facts.leadSource
            ? `a ${d.facts.leadSource.toLowerCase().replace('_', ' ')} customer`
            : null,
        ].filter(Boolean);
        out.set(d.dealId, {
          strategy,
          probability: Math.round(probability * 1000) / 1000,
          explanation: `${WORDS[strategy]}: the best structure in ${pct(probability)} of Prime's draws for deals like this (${like.join(', ')}); expected delivery rate ${pct(Math.max(0, Math.min(1, expected[strategy] ?? 0)))}. Learned from ${outcomes} outcomes at this dealership.`,
        });
      }
      return out;
    });
  }

  async performance(p: Principal): Promise<{
    outcomes: number;
    strategies: StrategyPerformance[];
    modelVersion: number;
    trainedAt: Date | null;
  }> {
    return this.db.withTenant({ dealershipId: p.dealershipId }, async (em) => {
      const saved = await loadModel(em, 'PRIME');
      const rows = await em.execute<
        Array<{ strategy: Strategy; deals: string; delivered: string }>
      >(
        `select strategy, count(*) as deals, count(*) filter (where success) as delivered
         from ml.prime_outcomes group by strategy`,
      );
      const by = new Map(rows.map((r) => [r.strategy, r]));
      const strategies = STRATEGIES.map((strategy) => {
        const r = by.get(strategy);
        const deals = Number(r?.deals ?? 0);
        const delivered = Number(r?.delivered ?? 0);
        return { strategy, deals, delivered, successRate: deals ? delivered / deals : null };
      });
      return {
        outcomes: strategies.reduce((s, r) => s + r.deals, 0),
        strategies,
        modelVersion: saved?.version ?? 0,
        trainedAt: saved?.trainedAt ?? null,
      };
    });
  }
}
