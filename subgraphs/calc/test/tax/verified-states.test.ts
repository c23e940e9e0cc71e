// States checked against their statute / regulation / DOR text on 2026-11-26. Each case cites the
// passage it rests on; every expected figure is worked out by hand in the test.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { leaseTaxTreatment, quoteTax, stateTaxRules } from '../../src/engine/tax/index.ts';
import type { TaxQuote, TaxQuoteInput } from '../../src/engine/tax/index.ts';

const d = (s: string | number) => new Decimal(s);
function q(state: string, extra: Partial<TaxQuoteInput>, dealDate = '2025-06-01'): TaxQuote {
  return quoteTax({
    state,
    vehicleCondition: 'NEW',
    sellingPrice: d(30000),
    dealDate,
    ...extra,
  });
}
/** State-level tax only (no ZIP given, so no local lines). */
const stateTax = (x: TaxQuote) =>
  x.lines
    .filter((l) => l.kind === 'STATE' || l.kind === 'SPECIAL')
    .reduce((a, l) => a.plus(l.amount), d(0))
    .toFixed(2);

describe('Rhode Island — 280-RICR-20-70-28.9 (trade-in deductions, Example 3), 28.7, 21.8', () => {
  it('trade-in and manufacturer rebate both deducted: (30,000 − 10,000 − 2,000) × 7% = 1,260.00', () => {
    const x = q('RI', { tradeInAllowance: d(10000), manufacturerRebate: d(2000) });
    expect(x.taxableAmount.toFixed(2)).toBe('18000.00');
    expect(stateTax(x)).toBe('1260.00');
    expect(x.notices.join(' ')).toMatch(/private passenger automobile/);
  });
  it('lease: tax on each payment (21.8)', () => {
    expect(leaseTaxTreatment({ state: 'RI', dealDate: '2025-06-01' }).method).toBe(
      'MONTHLY_PAYMENT',
    );
  });
});

describe('Nebraska — DOR Form 6 lines 1-4; Reg-1-020.03A', () => {
  it('price − trade-in − manufacturer rebate assigned to dealer: (30,000 − 8,000 − 1,500) × 5.5% = 1,127.50', () => {
    const x = q('NE', { tradeInAllowance: d(8000), manufacturerRebate: d(1500) });
    expect(x.taxableAmount.toFixed(2)).toBe('20500.00');
    expect(stateTax(x)).toBe('1127.50');
  });
});

describe('Iowa — Iowa Code § 321.105A; Iowa Admin. Code r. 701-250.3 (trades), 701-250.4 (manufacturer’s rebate)', () => {
  it('5% of (30,000 − 10,000 trade − 1,000 manufacturer rebate) = 950.00', () => {
    const x = q('IA', { tradeInAllowance: d(10000), manufacturerRebate: d(1000) });
    expect(x.taxableAmount.toFixed(2)).toBe('19000.00');
    expect(stateTax(x)).toBe('950.00');
  });
});

describe('North Dakota — N.D.C.C. § 57-40.3-01(5); N.D.A.C. 81-05.1-01-02', () => {
  it('purchase price excludes the manufacturer incentive and the trade-in: (25,000 − 5,000 − 1,000) × 5% = 950.00', () => {
    const x = q('ND', {
      sellingPrice: d(25000),
      tradeInAllowance: d(5000),
      manufacturerRebate: d(1000),
    });
    expect(stateTax(x)).toBe('950.00');
  });
  it('lease of a year or more: excise on the total consideration at initiation', () => {
    expect(leaseTaxTreatment({ state: 'ND', dealDate: '2025-06-01' }).method).toBe(
      'UPFRONT_TOTAL_PAYMENTS',
    );
  });
});

describe('Wyoming — county treasurers’ taxable sales price (https://www.campbellcountywy.gov/807/Sales-Tax)', () => {
  it('price + doc fee − gross trade-in − rebate assigned to dealer; warranty and GAP excluded: (30,000 + 300 − 6,000 − 1,000) × 4% = 932.00', () => {
    const x = q('WY', {
      docFee: d(300),
      tradeInAllowance: d(6000),
      manufacturerRebate: d(1000),
      serviceContract: d(2000),
      gap: d(700),
    });
    expect(x.taxableAmount.toFixed(2)).toBe('23300.00');
    expect(stateTax(x)).toBe('932.00');
  });
});

describe('Kansas — K.S.A. 79-3602(ll) manufacturer cash rebate exclusion (DOR Notice 18-02; 2022 supplemental note on the 2024-06-30 sunset)', () => {
  const deal = { manufacturerRebate: d(1000) };
  it('2017-06-01 (before the exclusion): 30,000 × 6.5% = 1,950.00', () => {
    expect(stateTax(q('KS', deal, '2017-06-01'))).toBe('1950.00');
  });
  it('2019-06-01 and 2024-06-30 (exclusion in force): (30,000 − 1,000) × 6.5% = 1,885.00', () => {
    expect(stateTax(q('KS', deal, '2019-06-01'))).toBe('1885.00');
    expect(stateTax(q('KS', deal, '2024-06-30'))).toBe('1885.00');
  });
  it('2025-06-01: taxed again (sunset; extension not found) and the quote says so', () => {
    const x = q('KS', deal, '2025-06-01');
    expect(stateTax(x)).toBe('1950.00');
    expect(x.notices.join(' ')).toMatch(/sunset/);
    expect(stateTaxRules('KS', '2025-06-01').current.verified).toBe(false);
  });
});

describe('Mississippi — 35 Miss. Admin. Code Pt. 4, 11-02-103; Lamar County tax collector', () => {
  it('5% of price after dealer discount and trade-in, not reduced by the manufacturer rebate: (30,000 − 500 − 5,000) × 5% = 1,225.00', () => {
    const x = q('MS', {
      tradeInAllowance: d(5000),
      dealerRebate: d(500),
      manufacturerRebate: d(1000),
    });
    expect(stateTax(x)).toBe('1225.00');
    expect(x.notices.join(' ')).toMatch(/10,000 lb/);
  });
});

describe('Idaho — Tax Commission dealer sales price; IDAPA 35.01.02.106', () => {
  it('doc fee and manufacturer rebate in the price; optional service contract and GAP out: (30,000 + 399 − 5,000) × 6% = 1,523.94', () => {
    const x = q('ID', {
      docFee: d(399),
      tradeInAllowance: d(5000),
      manufacturerRebate: d(1000),
      serviceContract: d(2000),
      gap: d(800),
    });
    expect(x.taxableAmount.toFixed(2)).toBe('25399.00');
    expect(stateTax(x)).toBe('1523.94');
  });
});

describe('Nevada — NRS 372.065(3)(e); Department of Taxation auto-industry guide', () => {
  it('trade-in and dealer discount excluded, manufacturer rebate included: (30,000 − 5,000 − 500) × 6.85% = 1,678.25', () => {
    const x = q('NV', {
      tradeInAllowance: d(5000),
      dealerRebate: d(500),
      manufacturerRebate: d(1000),
    });
    expect(stateTax(x)).toBe('1678.25');
  });
});

describe('Colorado — 1 CCR 201-4 Rule 39-26-102(7); https://tax.colorado.gov/motor-vehicle', () => {
  it('manufacturer rebate taxed, trade-in excluded: (30,000 − 5,000) × 2.9% = 725.00', () => {
    const x = q('CO', { tradeInAllowance: d(5000), manufacturerRebate: d(1000) });
    expect(stateTax(x)).toBe('725.00');
  });
  it('no newspaper among the sources any more', () => {
    const v = stateTaxRules('CO', '2025-06-01').current;
    expect(v.sources.some((s) => s.includes('southplattesentinel'))).toBe(false);
    expect(v.sources.some((s) => s.startsWith('https://tax.colorado.gov/'))).toBe(true);
  });
});

describe('Maine — 36 M.R.S. § 1765 (trade-in credit); MRS bulletins on extended service contracts', () => {
  it('tax only on the difference: (30,000 − 10,000) × 5.5% = 1,100.00', () => {
    expect(stateTax(q('ME', { tradeInAllowance: d(10000) }))).toBe('1100.00');
  });
  it('extended service contract taxed (autos since 2007-09-20): (30,000 + 2,000 − 10,000) × 5.5% = 1,210.00', () => {
    expect(
      stateTax(q('ME', { tradeInAllowance: d(10000), serviceContract: d(2000), gap: d(500) })),
    ).toBe('1210.00');
  });
});

describe('Arizona — A.A.C. R15-5-132 (trade-ins), R15-5-129(C)/(D) (coupons, discounts), R15-5-137', () => {
  it('manufacturer rebate taxed like a manufacturer coupon, dealer discount and trade-in deducted, service contract out: (30,000 − 500 − 5,000) × 5.6% = 1,372.00', () => {
    const x = q('AZ', {
      manufacturerRebate: d(1000),
      dealerRebate: d(500),
      tradeInAllowance: d(5000),
      serviceContract: d(1500),
    });
    expect(stateTax(x)).toBe('1372.00');
  });

  it('trade-in deducted, limited to the gross receipts of the sale: 5.6% × (30,000 − 5,000) = 1,400.00; a 40,000 trade leaves 0', () => {
    expect(stateTax(q('AZ', { tradeInAllowance: d(5000) }))).toBe('1400.00');
    expect(stateTax(q('AZ', { tradeInAllowance: d(40000) }))).toBe('0.00');
  });
});

describe('Wisconsin — Wis. Admin. Code Tax 11.27(5) note; s. 77.51(12m)(c); LRB analyses of 2001 AB 769 and 2005 AB 371', () => {
  it('extended warranty taxed, manufacturer rebate not deducted, trade-in deducted: (30,000 − 5,000 + 1,500) × 5% = 1,325.00', () => {
    const x = q('WI', {
      tradeInAllowance: d(5000),
      manufacturerRebate: d(1000),
      serviceContract: d(1500),
      gap: d(600),
    });
    expect(x.taxableAmount.toFixed(2)).toBe('26500.00');
    expect(stateTax(x)).toBe('1325.00');
  });
});

describe('Utah — Utah Admin. Code R865-19S-72 (trade-ins and exchanges)', () => {
  it('the rule’s example: 8,500 car less 6,500 trade-in, tax on 2,000 × 4.85% = 97.00', () => {
    const x = q('UT', { sellingPrice: d(8500), tradeInAllowance: d(6500) });
    expect(x.taxableAmount.toFixed(2)).toBe('2000.00');
    expect(stateTax(x)).toBe('97.00');
  });
});

describe('Delaware — 30 Del. C. § 3001(5); 2 DE Admin. Code 2266-4.0', () => {
  it('document fee on gross price less trade-in: (30,000 − 10,000) × 4.25% = 850.00, with the trade-in cap as a notice', () => {
    const x = q('DE', { tradeInAllowance: d(10000) });
    expect(stateTax(x)).toBe('850.00');
    expect(x.notices.join(' ')).toMatch(/2266-4\.0/);
  });
});

describe('Georgia TAVT phase-in — https://washingtoncountyga.gov/hello-world/ (HB 386 of 2012: 6.5% in 2013, 6.75% in 2014, then 7%)', () => {
  const ga = (date: string) =>
    stateTax(q('GA', { sellingPrice: d(20000), fairMarketValue: d(20000) }, date));
  it('20,000 × 6.5% = 1,300.00 in 2013; × 6.75% = 1,350.00 in 2014; × 7% = 1,400.00 in 2015', () => {
    expect(ga('2013-06-01')).toBe('1300.00');
    expect(ga('2014-06-01')).toBe('1350.00');
    expect(ga('2015-06-01')).toBe('1400.00');
  });
});

describe('Delaware document fee 4.25% from 2015-10-01 — HB 140 of 2015 (80 Del. Laws c. 77; note on 30 Del. C. § 3002)', () => {
  it('a 2016 deal is quoted at 4.25%: 30,000 × 4.25% = 1,275.00; before 2015-10-01 there is no version in the table', () => {
    expect(stateTax(q('DE', {}, '2016-06-01'))).toBe('1275.00');
    expect(() => q('DE', {}, '2015-09-30')).toThrow();
  });
});

describe('Oklahoma — 68 O.S. § 2103(A)(1), § 2104(B), § 2106(a)(4); HB 1183 of 2025 (in force 2026-07-01)', () => {
  it('2025: 30,000 × (3.25% excise + 1.25% sales tax) = 1,350.00, trade-in not deducted', () => {
    const x = q('OK', { tradeInAllowance: d(10000) });
    expect(stateTax(x)).toBe('1350.00');
  });
  it('from 2026-07-01 the same figure, with a notice that HB 1183 changed the valuation wording', () => {
    const x = q('OK', { tradeInAllowance: d(10000) }, '2026-11-26');
    expect(stateTax(x)).toBe('1350.00');
    expect(x.notices.join(' ')).toMatch(/HB 1183/);
  });
});
