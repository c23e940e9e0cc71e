// Properties over random deals in every state: tax is never negative, never decreases when the
// price goes up, equals the sum of its lines, and every line is whole cents.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteTax, supportedStates } from '../../src/engine/tax/index.ts';
import type { TaxQuoteInput } from '../../src/engine/tax/index.ts';

const STATES = supportedStates();
const cents = (max: number) =>
  fc.integer({ min: 0, max: max * 100 }).map((c) => new Decimal(c).div(100));

const deal = fc.record({
  state: fc.constantFrom(...STATES),
  cond: fc.constantFrom<'NEW' | 'USED'>('NEW', 'USED'),
  price: cents(150_000),
  acc: cents(5_000),
  doc: cents(1_000),
  sc: cents(4_000),
  gap: cents(1_500),
  trade: cents(60_000),
  payoff: cents(60_000),
  mfrShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
  dealerShare: fc.double({ min: 0, max: 0.4, noNaN: true }),
  date: fc.constantFrom('2020-03-01', '2022-08-15', '2023-06-30', '2023-07-01', '2025-06-01'),
  bump: cents(20_000),
});

function build(x: {
  state: string;
  cond: 'NEW' | 'USED';
  price: Decimal;
  acc: Decimal;
  doc: Decimal;
  sc: Decimal;
  gap: Decimal;
  trade: Decimal;
  payoff: Decimal;
  mfrShare: number;
  dealerShare: number;
  date: string;
}): TaxQuoteInput {
  return {
    state: x.state,
    vehicleCondition: x.cond,
    sellingPrice: x.price,
    accessories: x.acc,
    docFee: x.doc,
    serviceContract: x.sc,
    gap: x.gap,
    tradeInAllowance: x.trade,
    tradeInPayoff: x.payoff,
    manufacturerRebate: x.price.times(x.mfrShare).toDecimalPlaces(2, Decimal.ROUND_DOWN),
    dealerRebate: x.price.times(x.dealerShare).toDecimalPlaces(2, Decimal.ROUND_DOWN),
    dealDate: x.date,
  };
}

describe('tax properties (fast-check)', () => {
  it('never negative; total = sum of lines; lines in whole cents', () => {
    fc.assert(
      fc.property(deal, (x) => {
        const q = quoteTax(build(x));
        expect(q.totalTax.isNegative()).toBe(false);
        expect(q.taxableAmount.isNegative()).toBe(false);
        const sum = q.lines.reduce((a, l) => a.plus(l.amount), new Decimal(0));
        expect(sum.equals(q.totalTax)).toBe(true);
        for (const l of q.lines) {
          expect(l.amount.isNegative()).toBe(false);
          expect(l.amount.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(l.source).toBeTruthy();
          expect(l.rule).toBeTruthy();
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('monotonic in price (rebates held fixed in dollars)', () => {
    fc.assert(
      fc.property(deal, (x) => {
        const lo = build(x);
        const hi = { ...lo, sellingPrice: lo.sellingPrice.plus(x.bump) };
        expect(quoteTax(hi).totalTax.greaterThanOrEqualTo(quoteTax(lo).totalTax)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('monotonic in price with a ZIP (local caps, surtaxes)', () => {
    const zips: Array<[string, string]> = [
      ['FL', '33101'],
      ['TN', '37203'],
      ['NY', '10001'],
      ['CA', '90012'],
      ['HI', '96813'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zips),
        cents(100_000),
        cents(20_000),
        ([state, zip], price, bump) => {
          const a = quoteTax({
            state,
            zip,
            vehicleCondition: 'NEW',
            sellingPrice: price,
            dealDate: '2025-06-01',
          });
          const b = quoteTax({
            state,
            zip,
            vehicleCondition: 'NEW',
            sellingPrice: price.plus(bump),
            dealDate: '2025-06-01',
          });
          expect(b.totalTax.greaterThanOrEqualTo(a.totalTax)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
