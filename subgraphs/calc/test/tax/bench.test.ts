// Guards the performance budget loosely (p50 ≤ 20 µs is measured by `npm run bench`; CI machines
// vary, so the test only fails at 5× the budget).
import { expect, it } from 'vitest';
import { benchTax } from '../../src/engine/tax/bench.ts';

it('quoteTax p50 stays far below 100 µs', () => {
  const p50 = benchTax(50, 50);
  expect(p50).toBeLessThan(100);
});
