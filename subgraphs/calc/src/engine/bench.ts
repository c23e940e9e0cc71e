// In-process micro-benchmark of the deal functions (budgets, p50: cash ≤ 50 µs, finance with an
// 84-month schedule and APR ≤ 300 µs, lease ≤ 50 µs, 3×3 grid ≤ 1 ms; tax quote ≤ 20 µs via the
// tax engine's own benchTax).
import { cashDeal, financeDeal, leaseDeal, paymentGrid, aprFromSchedule } from './index.ts';
import type { CashDealInput } from './cash.ts';
import type { FinanceDealInput } from './finance.ts';
import type { LeaseDealInput } from './lease.ts';
import type { PaymentGridInput } from './grid.ts';

const CASH: CashDealInput = {
  state: 'TX',
  vehicleCondition: 'NEW',
  dealDate: '2025-03-01',
  sellingPrice: '38500',
  accessories: '1200',
  manufacturerRebate: '1000',
  tradeInAllowance: '12000',
  tradeInPayoff: '9000',
  docFee: '150',
  feeTier: 'NONATTAINMENT_COUNTY',
  registrationFee: '51.75',
  serviceContract: '1995',
  gap: '695',
};

const FINANCE: FinanceDealInput = {
  ...CASH,
  downPayment: '3000',
  apr: '7.49',
  termMonths: 84,
  contractDate: '2025-03-01',
  firstPaymentDate: '2025-04-15',
};

const LEASE: LeaseDealInput = {
  state: 'CA',
  zip: '90012',
  dealDate: '2025-03-01',
  msrp: '45000',
  sellingPrice: '43000',
  capitalizedFees: '695',
  cashDown: '3000',
  rebates: '500',
  residualPercent: '0.58',
  moneyFactor: '0.00175',
  termMonths: 36,
  titleFee: '0',
  registrationFee: '0',
};

const GRID_FINANCE: PaymentGridInput = {
  kind: 'FINANCE',
  ...FINANCE,
  terms: [60, 72, 84],
  downPayments: ['0', '2500', '5000'],
};

const GRID_LEASE: PaymentGridInput = {
  kind: 'LEASE',
  ...LEASE,
  terms: [24, 36, 39],
  residuals: [
    { residualPercent: '0.60' },
    { residualPercent: '0.58' },
    { residualPercent: '0.55' },
  ],
};

const APR_INPUT = {
  amount: '31234.56',
  advanceDate: '2025-03-01',
  payments: [
    { amount: '476.12', count: 83, firstDate: '2025-04-15', frequency: 'MONTHLY' as const },
    { amount: '475.98', count: 1, firstDate: '2032-03-15', frequency: 'SINGLE' as const },
  ],
};

/**
 * Median µs per call over `samples` timed calls, after a warm-up. Each call is timed on its own
 * (performance.now() has sub-µs resolution in Node): on a busy machine a time slice is a few ms,
 * so most single calls run uninterrupted and the median reflects the call, not the neighbours.
 */
export function measure(run: () => unknown, samples = 2000): number {
  for (let i = 0; i < 300; i += 1) run();
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    run();
    times[i] = (performance.now() - start) * 1000;
  }
  times.sort();
  return times[Math.floor(samples / 2)]!;
}

export interface CalcBenchResult {
  /** p50 in microseconds. */
  taxQuote: number | null;
  /** Quotes whose local rate comes from the shipped county/city tables. */
  taxQuoteShippedLocal: number | null;
  cashDeal: number;
  financeDeal84: number;
  /** The same, then reading every schedule row's Decimals and due date (as a serializer would). */
  financeDeal84Read: number;
  aprFromSchedule: number;
  leaseDeal: number;
  grid3x3Finance: number;
  grid3x3Lease: number;
}

const BUDGETS: Record<keyof CalcBenchResult, number> = {
  taxQuote: 20,
  taxQuoteShippedLocal: 20,
  cashDeal: 50,
  financeDeal84: 300,
  financeDeal84Read: 300,
  aprFromSchedule: 300,
  leaseDeal: 50,
  grid3x3Finance: 1000,
  grid3x3Lease: 1000,
};

async function taxQuoteP50(which: 'benchTax' | 'benchTaxShippedLocal'): Promise<number | null> {
  try {
    const mod = (await import('./tax/bench.ts')) as Partial<
      Record<typeof which, () => number | Promise<number>>
    >;
    const fn = mod[which];
    return fn ? await fn() : null;
  } catch {
    return null;
  }
}

export async function benchCalc(print = true): Promise<CalcBenchResult> {
  const result: CalcBenchResult = {
    taxQuote: await taxQuoteP50('benchTax'),
    taxQuoteShippedLocal: await taxQuoteP50('benchTaxShippedLocal'),
    cashDeal: measure(() => cashDeal(CASH)),
    financeDeal84: measure(() => financeDeal(FINANCE)),
    financeDeal84Read: measure(() => financeDeal(FINANCE).schedule.map((row) => row.toJSON())),
    aprFromSchedule: measure(() => aprFromSchedule(APR_INPUT)),
    leaseDeal: measure(() => leaseDeal(LEASE)),
    grid3x3Finance: measure(() => paymentGrid(GRID_FINANCE), 500),
    grid3x3Lease: measure(() => paymentGrid(GRID_LEASE), 500),
  };
  if (print) {
    for (const [name, p50] of Object.entries(result) as [keyof CalcBenchResult, number | null][]) {
      const figure = p50 === null ? 'n/a' : `${p50.toFixed(1)} µs`;
      const verdict = p50 === null ? '' : p50 <= BUDGETS[name] ? 'ok' : 'OVER BUDGET';
      console.log(
        `  ${name.padEnd(20)} p50 ${figure.padStart(10)}  (budget ≤ ${BUDGETS[name]} µs) ${verdict}`,
      );
    }
  }
  return result;
}

const invokedDirectly =
  typeof process !== 'undefined' && process.argv[1]?.endsWith('engine/bench.ts');
if (invokedDirectly) void benchCalc();
