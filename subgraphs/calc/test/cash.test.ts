import { describe, expect, it } from 'vitest';
import { cashDeal, type CashDealInput } from '../src/engine/cash.ts';
import { FEE_RULES, STATE_CODES } from '../src/engine/fees-data.ts';
import { fieldOf, flatTax, noTax } from './calc-helpers.ts';

const tax = flatTax('0.0625');

const fullDeal: CashDealInput = {
  state: 'TX',
  vehicleCondition: 'NEW',
  dealDate: '2025-03-01',
  sellingPrice: '30000',
  accessories: '500',
  manufacturerRebate: '1000',
  dealerRebate: '500',
  tradeInAllowance: '8000',
  tradeInPayoff: '10000',
  docFee: '150',
  titleFee: '33',
  registrationFee: '51.75',
  serviceContract: '1995',
  gap: '695',
  otherProducts: [{ name: 'Tire & wheel', amount: '499' }],
};

describe('cash deal', () => {
  it('totals every line by hand: price, rebates, negative equity, fees, products, tax', () => {
    const deal = cashDeal(fullDeal, tax);
    // Test tax: (30000 + 500 + 150 − 8000 − 1000) × 6.25 % = 21650 × 0.0625 = 1353.125 → 1353.13
    expect(deal.totalTax.toFixed(2)).toBe('1353.13');
    // 30000 + 500 − 1000 − 500 − 8000 + 10000 + 150 + 33 + 51.75 + 1995 + 695 + 499 + 1353.13
    expect(deal.totalDue.toFixed(2)).toBe('35776.88');
    expect(deal.cashPrice.toFixed(2)).toBe('30500.00');
    expect(deal.totalRebates.toFixed(2)).toBe('1500.00');
    expect(deal.tradeInEquity.toFixed(2)).toBe('-2000.00');
    expect(deal.totalFees.toFixed(2)).toBe('234.75');
    expect(deal.totalProducts.toFixed(2)).toBe('3189.00');
    const sum = deal.lines.reduce((s, l) => s.plus(l.amount), deal.totalDue.minus(deal.totalDue));
    expect(sum.toFixed(2)).toBe(deal.totalDue.toFixed(2));
    expect(deal.lines.find((l) => l.code === 'TRADE_IN_PAYOFF')!.amount.toFixed(2)).toBe(
      '10000.00',
    );
    expect(deal.notices).toContain('other F&I products are not taxed by the engine');
  });

  it('positive trade-in equity reduces the total; a tax-exempt buyer pays no tax', () => {
    const deal = cashDeal(
      {
        state: 'TX',
        vehicleCondition: 'USED',
        dealDate: '2025-03-01',
        sellingPrice: '12000',
        tradeInAllowance: '5000',
        tradeInPayoff: '1000',
        taxExempt: true,
        titleFee: '0',
        registrationFee: '0',
      },
      tax,
    );
    expect(deal.totalTax.toFixed(2)).toBe('0.00');
    expect(deal.totalDue.toFixed(2)).toBe('8000.00'); // 12000 − 5000 + 1000
  });

  it('a trade worth more than the purchase yields a negative total (refund due to the buyer)', () => {
    const deal = cashDeal(
      {
        state: 'TX',
        vehicleCondition: 'USED',
        dealDate: '2025-03-01',
        sellingPrice: '3000',
        tradeInAllowance: '5000',
        titleFee: '0',
        registrationFee: '0',
      },
      noTax,
    );
    expect(deal.totalDue.toFixed(2)).toBe('-2000.00');
  });

  it('government fees from the fee table: TX title by county tier (Transp. Code 501.138), VA registration by weight (§ 46.2-694)', () => {
    const base = {
      vehicleCondition: 'NEW' as const,
      dealDate: '2025-03-01',
      sellingPrice: '20000',
    };
    const tx = cashDeal({ ...base, state: 'TX', feeTier: 'OTHER_COUNTY' }, noTax);
    expect(tx.governmentFees.find((f) => f.kind === 'TITLE')!.amount.toFixed(2)).toBe('28.00');
    const txUnknownTier = cashDeal({ ...base, state: 'TX' }, noTax);
    // In words a buyer understands: no tier names, the amounts and what to do.
    const said = txUnknownTier.notices.join('\n');
    expect(said).toMatch(
      /TX title fee depends on the buyer's county \(\$33\.00 for a county with vehicle emissions testing .*, \$28\.00 for any other Texas county\); choose it or enter the fee \(not included\)/,
    );
    expect(said).not.toMatch(/feeTier|NONATTAINMENT/);
    const va = cashDeal({ ...base, state: 'VA', vehicleWeightLbs: 4200 }, noTax);
    expect(va.governmentFees.map((f) => f.amount.toFixed(2))).toEqual(['15.00', '28.00']);
    expect(va.totalDue.toFixed(2)).toBe('20043.00');
    const ca = cashDeal({ ...base, state: 'CA' }, noTax);
    expect(ca.governmentFees.every((f) => f.origin === 'unknown')).toBe(true);
    expect(ca.notices).toEqual([
      'CA title fee is not in the fee table; enter it (not included)',
      'CA registration fee is not in the fee table; enter it (not included)',
    ]);
  });

  it('fee rules apply only while in effect: NY title $50 (VTL § 2125) until its 2028-04-01 sunset', () => {
    const base = {
      state: 'NY',
      vehicleCondition: 'NEW' as const,
      sellingPrice: '20000',
      registrationFee: '0',
    };
    const now = cashDeal({ ...base, dealDate: '2026-06-01' }, noTax);
    expect(now.governmentFees[0]!.amount.toFixed(2)).toBe('50.00');
    const later = cashDeal({ ...base, dealDate: '2028-04-01' }, noTax);
    expect(later.governmentFees[0]!.origin).toBe('unknown');
    expect(later.notices[0]).toMatch(/NY title fee is not in the fee table/);
  });

  it('every fee rule carries a source URL and parses as money', () => {
    for (const rule of FEE_RULES) {
      expect(rule.source).toMatch(/^https:\/\//);
      for (const tier of rule.tiers) expect(tier.amount).toMatch(/^\d+\.\d{2}$/);
      expect(STATE_CODES).toContain(rule.state);
    }
    expect(STATE_CODES).toHaveLength(51);
  });

  it('bad input throws CalcInputError naming the field', () => {
    const run = (patch: Partial<CashDealInput>) => () => cashDeal({ ...fullDeal, ...patch }, tax);
    expect(fieldOf(run({ sellingPrice: '-1' }))).toBe('sellingPrice');
    expect(fieldOf(run({ sellingPrice: 'thirty grand' }))).toBe('sellingPrice');
    expect(fieldOf(run({ sellingPrice: '0' }))).toBe('sellingPrice');
    expect(fieldOf(run({ manufacturerRebate: '40000' }))).toBe('manufacturerRebate');
    expect(fieldOf(run({ dealerRebate: '29600' }))).toBe('dealerRebate');
    expect(fieldOf(run({ state: 'XX' }))).toBe('state');
    expect(fieldOf(run({ dealDate: '2025-02-30' }))).toBe('dealDate');
    expect(fieldOf(run({ tradeInPayoff: '-5' }))).toBe('tradeInPayoff');
    expect(fieldOf(run({ otherProducts: [{ name: 'Etch', amount: 'x' }] }))).toBe(
      'otherProducts[0].amount',
    );
    expect(fieldOf(run({ titleFee: '-33' }))).toBe('titleFee');
  });
});
