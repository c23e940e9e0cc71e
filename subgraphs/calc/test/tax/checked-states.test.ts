// The twelve states whose rules were marked unverified on 2026-11-26 (ME, DE, AR, LA, GA, KY, WV,
// IN, KS, OK, UT, HI): one hand-worked example per state, each naming the source it rests on and
// showing its arithmetic. States still unverified say why in their `assumptions`; the example then
// pins what the engine does today, so a later correction shows up as a deliberate test change.
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
const verified = (state: string, date: string) => stateTaxRules(state, date).current.verified;

describe('West Virginia — W. Va. Code § 11-15-3c; C.S.R. § 91-9-3.3/3.4; SB 1006 (2017 1X)', () => {
  it('6% from 2017-07-01: (30,000 − 10,000 trade) × 6% = 1,200.00', () => {
    const x = q('WV', { tradeInAllowance: d(10000) });
    expect(x.taxableAmount.toFixed(2)).toBe('20000.00');
    expect(stateTax(x)).toBe('1200.00');
    expect(verified('WV', '2025-06-01')).toBe(true);
  });
  it('5% before 2017-07-01: 20,000 × 5% = 1,000.00 (the old table said 6% for every year)', () => {
    expect(stateTax(q('WV', { tradeInAllowance: d(10000) }, '2016-06-01'))).toBe('1000.00');
  });
  it('minimum = rate × the $500 floor value: 300 × 6% = 18.00 → 30.00; in 2016 300 × 5% = 15.00 → 25.00', () => {
    const used = { vehicleCondition: 'USED' as const, sellingPrice: d(300) };
    expect(stateTax(q('WV', used))).toBe('30.00');
    expect(stateTax(q('WV', used, '2016-06-01'))).toBe('25.00');
  });
  it('the trade must be titled in West Virginia: said in the quote', () => {
    expect(q('WV', { tradeInAllowance: d(1) }).notices.join(' ')).toMatch(
      /titled in West Virginia/,
    );
  });
});

describe('Kentucky — KRS 138.460/.4602/.4603; DOR usage-tax methods page and 2009 trade-in notice; 103 KAR 44:130', () => {
  const trade = { tradeInAllowance: d(10000) };
  it('new vehicle 2025: 6% × (30,000 − 10,000) = 1,200.00', () => {
    expect(stateTax(q('KY', trade))).toBe('1200.00');
    expect(verified('KY', '2025-06-01')).toBe(true);
  });
  it('new vehicle 2012-06-01 (between the programs): no credit, 6% × 30,000 = 1,800.00', () => {
    expect(stateTax(q('KY', trade, '2012-06-01'))).toBe('1800.00');
  });
  it('used vehicle 2012-06-01: credit, 1,200.00', () => {
    expect(stateTax(q('KY', { ...trade, vehicleCondition: 'USED' }, '2012-06-01'))).toBe('1200.00');
  });
  it('new vehicle 2010-06-01 (KRS 138.4602 program): credit, 1,200.00, with the $25M cap notice', () => {
    const x = q('KY', trade, '2010-06-01');
    expect(stateTax(x)).toBe('1200.00');
    expect(x.notices.join(' ')).toMatch(/\$25,000,000/);
  });
});

describe('Georgia TAVT — DOR "TAVT Changes Effective January 1, 2020" (SB 65); O.C.G.A. § 48-5C-1', () => {
  // New vehicle: greater of (price + doc fee) and the manual value, less trade and dealer rebate;
  // the manufacturer rebate is not deducted.
  const deal = {
    docFee: d(500),
    tradeInAllowance: d(10000),
    dealerRebate: d(1000),
    manufacturerRebate: d(2000),
  };
  it('2021: (30,000 + 500 − 1,000 dealer rebate − 10,000 trade) × 6.6% = 19,500 × 0.066 = 1,287.00', () => {
    const x = q('GA', deal, '2021-05-01');
    expect(x.taxableAmount.toFixed(2)).toBe('19500.00');
    expect(stateTax(x)).toBe('1287.00');
  });
  it('2023-06-30 is the last 6.6% day; 2023-07-01: 19,500 × 7% = 1,365.00', () => {
    expect(stateTax(q('GA', deal, '2023-06-30'))).toBe('1287.00');
    expect(stateTax(q('GA', deal, '2023-07-01'))).toBe('1365.00');
    expect(verified('GA', '2023-07-01')).toBe(true);
  });
});

describe('Oklahoma — 68 O.S. §§ 2103, 2104(B), 2106; HB 1183 of 2025 (signed 2025-05-22, in force 2026-07-01)', () => {
  it('used, 2025: $20 on the first 1,500 + 3.25% × 8,500 (276.25) = 296.25 excise, + 1.25% × 10,000 = 125.00 sales tax = 421.25; trade ignored', () => {
    const x = q('OK', {
      vehicleCondition: 'USED',
      sellingPrice: d(10000),
      tradeInAllowance: d(4000),
    });
    expect(x.taxableAmount.toFixed(2)).toBe('10000.00');
    expect(stateTax(x)).toBe('421.25');
  });
  it('after HB 1183 the quote says the trade-in question is open (no credit applied)', () => {
    const x = q('OK', { tradeInAllowance: d(4000) }, '2026-08-01');
    // new: 3.25% × 30,000 = 975.00 + 1.25% × 30,000 = 375.00
    expect(stateTax(x)).toBe('1350.00');
    expect(x.notices.join(' ')).toMatch(/HB 1183/);
    expect(verified('OK', '2026-08-01')).toBe(false);
  });
});

describe('Kansas — K.S.A. 79-3602(ll); DOR Notice 18-02 (rebate exclusion 2018-07-01..2021-06-30, extended to 2024-06-30)', () => {
  const deal = { tradeInAllowance: d(10000), manufacturerRebate: d(1000) };
  it('2020: rebate excluded: (30,000 − 10,000 − 1,000) × 6.5% = 1,235.00', () => {
    expect(stateTax(q('KS', deal, '2020-06-01'))).toBe('1235.00');
  });
  it('2025: sunset not shown repealed, rebate taxed: 20,000 × 6.5% = 1,300.00 and said so', () => {
    const x = q('KS', deal);
    expect(stateTax(x)).toBe('1300.00');
    expect(x.notices.join(' ')).toMatch(/sunset/);
    expect(verified('KS', '2025-06-01')).toBe(false);
  });
});

describe('Maine — 36 M.R.S. § 1765 (trade-in), § 1811 (leases); MRS Instructional Bulletin No. 24', () => {
  it('5.5% × (30,000 + 2,000 service contract − 10,000 trade) = 22,000 × 0.055 = 1,210.00; rebate not deducted', () => {
    const x = q('ME', {
      tradeInAllowance: d(10000),
      serviceContract: d(2000),
      manufacturerRebate: d(1000),
    });
    expect(x.taxableAmount.toFixed(2)).toBe('22000.00');
    expect(stateTax(x)).toBe('1210.00');
  });
  it('lease: tax at inception on the total of payments', () => {
    expect(leaseTaxTreatment({ state: 'ME', dealDate: '2025-06-01' }).method).toBe(
      'UPFRONT_TOTAL_PAYMENTS',
    );
  });
});

describe('Delaware — 30 Del. C. § 3001(5), § 3002 (4.25% document fee)', () => {
  it('4.25% × (30,000 − 10,000) = 850.00, with the titled-in-Delaware trade notice', () => {
    const x = q('DE', { tradeInAllowance: d(10000) });
    expect(stateTax(x)).toBe('850.00');
    expect(x.notices.join(' ')).toMatch(/2266/);
  });
});

describe('Arkansas — Ark. Code 26-52-510 (trade-in); used-vehicle reduced rates (Act 1013 of 2021)', () => {
  it('new: 6.5% × (30,000 − 10,000) = 1,300.00', () => {
    expect(stateTax(q('AR', { tradeInAllowance: d(10000) }))).toBe('1300.00');
  });
  it('used $8,000: the reduced used-vehicle rate is not applied (bands unconfirmed) — 6.5% = 520.00, and the quote says so', () => {
    const x = q('AR', { vehicleCondition: 'USED', sellingPrice: d(8000) });
    expect(stateTax(x)).toBe('520.00');
    expect(x.notices.join(' ')).toMatch(/NOT applied/);
    expect(verified('AR', '2025-06-01')).toBe(false);
  });
});

describe('Louisiana — R.S. 47:302; Act 26 of 2016; Act 11 of the 2024 3rd extraordinary session', () => {
  const deal = { tradeInAllowance: d(10000) };
  it('2020 (4.45%): 20,000 × 0.0445 = 890.00', () => {
    expect(stateTax(q('LA', deal, '2020-06-01'))).toBe('890.00');
  });
  it('2025 (5%): 20,000 × 0.05 = 1,000.00', () => {
    expect(stateTax(q('LA', deal))).toBe('1000.00');
  });
});

describe('Indiana — IC 6-2.5-2-2 (7%); 45 IAC 2.2-5-52 (trade-in); Information Bulletin #28S', () => {
  it('7% × (30,000 − 10,000) = 1,400.00; manufacturer rebate not deducted', () => {
    const x = q('IN', { tradeInAllowance: d(10000), manufacturerRebate: d(1000) });
    expect(x.taxableAmount.toFixed(2)).toBe('20000.00');
    expect(stateTax(x)).toBe('1400.00');
  });
});

describe('Utah — Utah Code 59-12-103 (4.85% state); R865-19S-72 (trade-ins); Publication 5', () => {
  it('4.85% × (30,000 + 299 doc fee − 10,000) = 20,299 × 0.0485 = 984.50', () => {
    // 20,299 × 0.0485 = 984.5015 → 984.50
    expect(stateTax(q('UT', { tradeInAllowance: d(10000), docFee: d(299) }))).toBe('984.50');
  });
});

describe('Hawaii — HRS § 237-13 (4% GET); § 237-3(b) and G-45 instructions (trade-in is a price adjustment)', () => {
  it('4% × (30,000 − 10,000) = 800.00', () => {
    expect(stateTax(q('HI', { tradeInAllowance: d(10000) }))).toBe('800.00');
  });
});
