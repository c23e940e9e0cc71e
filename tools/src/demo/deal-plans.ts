// What each demo deal is: which status it ends in, cash/finance/lease, trade-in, rebates, F&I
// products, and the scenarios the desk worked — plain data, desked later by the deals service.
import type { DealService, DealStatus } from '@autolytiq/deals';
import { daysBefore, roundTo, type Random } from './random.ts';

export type CreateDealInput = Parameters<DealService['create']>[1];
export type DealKind = 'CASH' | 'FINANCE' | 'LEASE';

/** How many deals end in each state (80 in all): every state of the machine has some. */
export const STATUS_COUNTS: Readonly<Record<DealStatus, number>> = {
  DRAFT: 12,
  SUBMITTED: 7,
  APPROVED: 6,
  IN_FINANCE: 5,
  CONTRACTED: 5,
  DELIVERED: 30,
  REJECTED: 5,
  CANCELLED: 6,
  UNWOUND: 4,
};

/** How long ago (days) a deal in each state was dated: delivered ones spread over ten weeks. */
const AGE: Record<DealStatus, [number, number]> = {
  DRAFT: [0, 3],
  SUBMITTED: [0, 1],
  APPROVED: [0, 2],
  IN_FINANCE: [0, 2],
  CONTRACTED: [0, 3],
  DELIVERED: [3, 70],
  REJECTED: [1, 20],
  CANCELLED: [2, 40],
  UNWOUND: [20, 60],
};

export interface DealPlan {
  status: DealStatus;
  kind: DealKind;
  dealDate: string;
  ageDays: number;
  /** Whether this deal was cancelled after approval (holding and then releasing its car). */
  cancelAfterApproval: boolean;
}

export function dealPlans(random: Random, today: string): DealPlan[] {
  const plans: DealPlan[] = [];
  for (const [status, count] of Object.entries(STATUS_COUNTS) as [DealStatus, number][]) {
    for (let i = 0; i < count; i++) {
      const [lo, hi] = AGE[status];
      const ageDays = random.int(lo, hi);
      plans.push({
        status,
        kind: random.weighted([
          ['CASH', 25],
          ['FINANCE', 55],
          ['LEASE', 20],
        ] as const),
        dealDate: daysBefore(today, ageDays),
        ageDays,
        cancelAfterApproval: status === 'CANCELLED' && random.chance(0.5),
      });
    }
  }
  // Oldest first, so deal numbers rise with the deal date as they would have been given.
  return plans.sort((a, b) => b.ageDays - a.ageDays || a.status.localeCompare(b.status));
}

const LENDERS = [
  'Ally Financial',
  'Capital One Auto Finance',
  'Texas Dow Employees CU',
  'Chase Auto',
];
const LEASE_LENDERS = ['Toyota Financial Services', 'American Honda Finance', 'Ford Credit'];

const money = (n: number) => n.toFixed(2);

function financeScenario(random: Random, name: string, down: number) {
  const buyRate = (random.int(449, 899) / 100).toFixed(2);
  const markup = random.pick(['0', '0.5', '1', '1.5', '2']);
  return {
    kind: 'FINANCE' as const,
    name,
    finance: {
      lender: random.pick(LENDERS),
      buyRate,
      rateMarkup: markup,
      termMonths: random.pick([48, 60, 72, 72, 84]),
      downPayment: money(down),
    },
  };
}

function leaseScenario(random: Random, msrp: number, term: number) {
  // Residual as a dollar amount (of MSRP, set by the lender's residual table).
  const residual = roundTo(msrp * (0.52 + random.next() * 0.1), 1);
  return {
    kind: 'LEASE' as const,
    name: `${term}-month lease`,
    lease: {
      lender: random.pick(LEASE_LENDERS),
      moneyFactor: (random.int(150, 290) / 1_000_000).toFixed(6),
      residualValue: money(residual),
      termMonths: term,
      milesPerYear: random.pick([10_000, 12_000, 12_000, 15_000]),
      cashDown: money(roundTo(random.int(0, 3000), 500)),
      acquisitionFee: '650.00',
    },
  };
}

/** The desk's scenarios: the chosen one first (selected), sometimes an alternative beside it. */
export function scenariosFor(random: Random, kind: DealKind, msrp: number, price: number) {
  const down = roundTo(price * random.pick([0, 0.05, 0.1, 0.15, 0.2]), 500);
  if (kind === 'CASH') {
    return [
      { kind: 'CASH' as const, name: 'Cash', select: true },
      ...(random.chance(0.3) ? [financeScenario(random, 'Finance option', down)] : []),
    ];
  }
  if (kind === 'LEASE') {
    return [
      { ...leaseScenario(random, msrp, 36), select: true },
      ...(random.chance(0.5) ? [financeScenario(random, 'Buy instead', down)] : []),
    ];
  }
  return [
    { ...financeScenario(random, 'Finance', down), select: true },
    ...(random.chance(0.4) ? [financeScenario(random, 'Lower payment', down + 2000)] : []),
  ];
}

/** F&I products sold on finance and lease deals (more on delivered ones: that is where they stick). */
export function productsFor(random: Random, kind: DealKind) {
  if (kind === 'CASH' && random.chance(0.7)) return [];
  const products = [];
  if (random.chance(0.55)) {
    products.push({
      kind: 'SERVICE_CONTRACT' as const,
      name: 'Platinum vehicle service contract',
      price: money(random.pick([1995, 2495, 2995])),
      cost: money(random.int(850, 1250)),
      termMonths: 72,
      termMiles: 100_000,
    });
  }
  if (kind === 'FINANCE' && random.chance(0.5)) {
    products.push({ kind: 'GAP' as const, price: '895.00', cost: '310.00' });
  }
  if (random.chance(0.3)) {
    products.push({
      kind: 'MAINTENANCE' as const,
      name: 'Prepaid maintenance, 3 years',
      price: '699.00',
      cost: '260.00',
      termMonths: 36,
    });
  }
  if (random.chance(0.2)) {
    products.push({ kind: 'TIRE_AND_WHEEL' as const, price: '799.00', cost: '240.00' });
  }
  return products;
}

export const REASONS = {
  reject: [
    'Front gross too thin; re-desk with less discount.',
    'Payment over the customer’s budget; restructure the term.',
    'Trade ACV needs a second appraisal.',
  ],
  cancel: [
    'Customer bought elsewhere.',
    'Customer decided to keep the current vehicle.',
    'Financing not approved at acceptable terms.',
  ],
  unwind: [
    'Spot delivery: lender declined the contract.',
    'Customer returned the vehicle within the 3-day window.',
  ],
} as const;
