// Micro-benchmark of quoteTax (budget: p50 ≤ 20 µs in-process). Times batches of calls so the
// timer's resolution does not dominate, over a mix of states/regimes with ZIP-based local rates.
import { Decimal } from 'decimal.js';
import { quoteTax } from './quote.ts';
import type { TaxQuoteInput } from './types.ts';

const INPUTS: TaxQuoteInput[] = [
  {
    state: 'TX',
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal('38500'),
    tradeInAllowance: new Decimal('12000'),
    docFee: new Decimal('150'),
    dealDate: '2025-03-01',
  },
  {
    state: 'FL',
    zip: '33101',
    vehicleCondition: 'USED',
    sellingPrice: new Decimal('24999.99'),
    docFee: new Decimal('999'),
    dealDate: '2025-03-01',
  },
  {
    state: 'TN',
    zip: '37203',
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal('41000'),
    manufacturerRebate: new Decimal('1500'),
    dealDate: '2025-03-01',
  },
  {
    state: 'GA',
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal('35000'),
    fairMarketValue: new Decimal('36000'),
    dealDate: '2025-03-01',
  },
  {
    state: 'CA',
    zip: '90012',
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal('52000'),
    tradeInAllowance: new Decimal('8000'),
    dealDate: '2025-03-01',
  },
  {
    state: 'MI',
    vehicleCondition: 'USED',
    sellingPrice: new Decimal('19000'),
    tradeInAllowance: new Decimal('15000'),
    dealDate: '2024-06-01',
  },
  {
    state: 'VA',
    vehicleCondition: 'USED',
    sellingPrice: new Decimal('900'),
    dealDate: '2025-03-01',
  },
  {
    state: 'PA',
    zip: '19103',
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal('30000'),
    tradeInAllowance: new Decimal('5000'),
    dealDate: '2026-06-01',
  },
  {
    state: 'WI',
    zip: '53202',
    vehicleCondition: 'USED',
    sellingPrice: new Decimal('22000'),
    dealDate: '2026-06-01',
  },
  {
    state: 'NY',
    zip: '10001',
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal('45000'),
    serviceContract: new Decimal('2000'),
    dealDate: '2025-03-01',
  },
];

/** Quotes whose local rate comes from the shipped tables (county and city levies). */
const SHIPPED_LOCAL: TaxQuoteInput[] = [
  ...INPUTS.filter((x) => x.state === 'PA' || x.state === 'WI'),
  ...(['44114', '43215', '89101', '80202', '68102', '90802', '94546'] as const).map((zip, i) => ({
    state: ['OH', 'OH', 'NV', 'CO', 'NE', 'CA', 'CA'][i]!,
    zip,
    vehicleCondition: 'NEW' as const,
    sellingPrice: new Decimal('30000'),
    docFee: new Decimal('250'),
    dealDate: '2026-06-01',
  })),
  // WA: the dealership's location (a Seattle dealer, a Redmond buyer); WI: Dane County.
  {
    state: 'WA',
    zip: '98052',
    dealerZip: '98101',
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal('30000'),
    dealDate: '2026-06-01',
  },
  {
    state: 'WI',
    zip: '53703',
    vehicleCondition: 'USED',
    sellingPrice: new Decimal('18000'),
    dealDate: '2026-06-01',
  },
];

/** benchTax over quotes with a shipped local rate only (budget: the same 20 µs). */
export function benchTaxShippedLocal(rounds = 200, batch = 100): number {
  return benchTax(rounds, batch, SHIPPED_LOCAL);
}

/** Runs quoteTax `rounds` × batch times and returns the median per-call time in microseconds. */
export function benchTax(rounds = 200, batch = 100, inputs: TaxQuoteInput[] = INPUTS): number {
  for (let i = 0; i < 2000; i++) quoteTax(inputs[i % inputs.length]!); // warm-up (JIT, ZIP index)
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) quoteTax(inputs[(r + i) % inputs.length]!);
    samples.push(((performance.now() - t0) * 1000) / batch);
  }
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)]!;
}
