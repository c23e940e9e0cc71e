// What WHACO and Prime learn from: the facts of one deal as read through the graph (deals, and the
// buyer's lead source from customers), and the customer features made from them. Money arrives as
// decimal text and is divided with decimal.js; the features themselves are plain ratios and logs
// (no money is computed from them). WHACO scales every feature itself (median, winsorised spread),
// so the units below only have to make "near" mean "alike" — they are chosen for that:
//
//  0 price        ln(selling price in dollars): a $20k and a $40k deal are as far apart as $40k and $80k
//  1 term         months financed or leased (cash: 0)
//  2 down share   down payment (lease: cash down; cash: all of it = 1) / selling price
//  3 trade equity Σ trade equity / selling price (negative equity < 0)
//  4 rate         APR percent (lease: money factor × 2400; cash: 0). The graph records no credit tier,
//                 so the rate the deal was written at is the credit signal (a proxy, and said so)
//  5 new vehicle  1 new, 0 used
//  6 internet     1 when the buyer came in as a web or third-party lead
//  7 relationship 1 for a referral or repeat customer
//  8 days         ln(1 + days from opening the deal to delivery; to now while it is open; ≤ 365)
//  9 lease        1 for a lease
import { Decimal } from 'decimal.js';

export type ScenarioKind = 'CASH' | 'FINANCE' | 'LEASE';

export interface DealFacts {
  dealNumber: number;
  status: string;
  sellingPrice: string;
  kind: ScenarioKind | null;
  termMonths: number | null;
  downPayment: string;
  tradeEquity: string;
  rebates: string;
  apr: string | null;
  vehicleCondition: 'NEW' | 'USED';
  leadSource: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** Who did something on the deal and when (its events with an actor): the team's rhythm. */
  activity?: { userId: string; at: string }[];
}

export const FEATURE_NAMES = [
  'price',
  'term',
  'downShare',
  'tradeEquityShare',
  'rate',
  'newVehicle',
  'internetLead',
  'relationship',
  'daysToClose',
  'lease',
] as const;

const INTERNET = new Set(['WEB_LEAD', 'THIRD_PARTY']);
const RELATIONSHIP = new Set(['REFERRAL', 'REPEAT']);
const DAY_MS = 86_400_000;

/** A deal can be segmented once it has a structure (a selected scenario) and a price. */
export function isDesked(f: DealFacts): boolean {
  return f.kind !== null && new Decimal(f.sellingPrice).gt(0);
}

export function daysToClose(f: DealFacts, now: Date): number {
  const end = f.deliveredAt ? new Date(f.deliveredAt) : now;
  const days = (end.getTime() - new Date(f.createdAt).getTime()) / DAY_MS;
  return Math.min(365, Math.max(0, days));
}

/** The feature vector of a desked deal (see the table at the top). */
export function featuresOf(f: DealFacts, now: Date): number[] {
  const price = new Decimal(f.sellingPrice);
  const share = (v: string) => new Decimal(v).div(price).toNumber();
  const cash = f.kind === 'CASH';
  return [
    Math.log(price.toNumber()),
    cash ? 0 : (f.termMonths ?? 0),
    cash ? 1 : Math.min(1, Math.max(0, share(f.downPayment))),
    Math.max(-1, Math.min(1, share(f.tradeEquity))),
    cash || f.apr === null ? 0 : new Decimal(f.apr).toNumber(),
    f.vehicleCondition === 'NEW' ? 1 : 0,
    f.leadSource && INTERNET.has(f.leadSource) ? 1 : 0,
    f.leadSource && RELATIONSHIP.has(f.leadSource) ? 1 : 0,
    Math.log1p(daysToClose(f, now)),
    f.kind === 'LEASE' ? 1 : 0,
  ];
}

export type Strategy =
  'BALANCED' | 'LOW_PAYMENT_LONG_TERM' | 'SHORT_TERM_LOW_TOTAL' | 'CASH_INCENTIVE' | 'LEASE';

export const STRATEGIES: readonly Strategy[] = [
  'BALANCED',
  'LOW_PAYMENT_LONG_TERM',
  'SHORT_TERM_LOW_TOTAL',
  'CASH_INCENTIVE',
  'LEASE',
];

/**
 * The structure a deal was written on, from its selected scenario: a lease; cash, or a deal carried
 * by rebates (≥ 5 % of the price); finance by term (≤ 48 short, > 72 long, else balanced).
 */
export function strategyOf(f: DealFacts): Strategy | null {
  if (!isDesked(f)) return null;
  if (f.kind === 'LEASE') return 'LEASE';
  if (f.kind === 'CASH') return 'CASH_INCENTIVE';
  if (new Decimal(f.rebates).div(f.sellingPrice).gte(0.05)) return 'CASH_INCENTIVE';
  const term = f.termMonths ?? 0;
  if (term <= 48) return 'SHORT_TERM_LOW_TOTAL';
  if (term > 72) return 'LOW_PAYMENT_LONG_TERM';
  return 'BALANCED';
}

/** Outcome of a deal for Prime: true delivered, false cancelled/rejected, null still open. */
export function outcomeOf(status: string): boolean | null {
  if (status === 'DELIVERED') return true;
  if (status === 'CANCELLED' || status === 'REJECTED') return false;
  return null;
}
