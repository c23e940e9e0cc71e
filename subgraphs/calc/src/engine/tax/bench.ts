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
    state: 'NY',
    zip: '10001',
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal('45000'),
    serviceContract: new Decimal('2000'),
    dealDate: '2025-03-01',
  },
];

/** Runs quoteTax `rounds` × batch times and returns the median per-call time in microseconds. */
export function benchTax(rounds = 200, batch = 100): number {
  for (let i = 0; i < 2000; i++) quoteTax(INPUTS[i % INPUTS.length]!); // warm-up (JIT, ZIP index)
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) quoteTax(INPUTS[(r + i) % INPUTS.length]!);
    samples.push(((performance.now() - t0) * 1000) / batch);
  }
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)]!;
}
