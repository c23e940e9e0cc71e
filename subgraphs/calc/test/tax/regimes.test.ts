// Special regimes and caps, each expected value worked out by hand in the test body.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { TableLocalRateLookup, quoteTax } from '../../src/engine/tax/index.ts';
import type { TaxQuote, TaxQuoteInput } from '../../src/engine/tax/index.ts';

const d = (s: string | number) => new Decimal(s);
function q(state: string, price: number, extra: Partial<TaxQuoteInput> = {}): TaxQuote {
  return quoteTax({
    state,
    vehicleCondition: 'NEW',
    sellingPrice: d(price),
    dealDate: '2025-06-01',
    ...extra,
  });
}
const total = (x: TaxQuote) => x.totalTax.toFixed(2);

describe('Georgia TAVT — https://dor.georgia.gov/node/25891 (O.C.G.A. § 48-5C-1)', () => {
  it('6.6% on 2023-06-30, 7% from 2023-07-01', () => {
    expect(total(q('GA', 30000, { dealDate: '2023-06-30' }))).toBe('1980.00'); // 30000 × 0.066
    expect(total(q('GA', 30000, { dealDate: '2023-07-01' }))).toBe('2100.00'); // 30000 × 0.07
    expect(total(q('GA', 30000, { dealDate: '2020-01-01' }))).toBe('1980.00');
    expect(total(q('GA', 30000, { dealDate: '2019-12-31' }))).toBe('2100.00');
  });
  it('new: greater of price+fees and assessment value, less trade-in and dealer rebate; mfr rebate not deducted', () => {
    // retail 30000 + doc 500 = 30500 < FMV 32000 → 32000 − trade 5000 − dealer 1000 = 26000 × 7% = 1820
    const x = q('GA', 30000, {
      docFee: d(500),
      fairMarketValue: d(32000),
      tradeInAllowance: d(5000),
      dealerRebate: d(1000),
      manufacturerRebate: d(2000),
    });
    expect(x.taxableAmount.toFixed(2)).toBe('26000.00');
    expect(total(x)).toBe('1820.00');
    expect(x.lines[0]!.kind).toBe('SPECIAL');
  });
  it('used: assessment value less trade-in, regardless of price', () => {
    const x = q('GA', 9000, {
      vehicleCondition: 'USED',
      fairMarketValue: d(12000),
      tradeInAllowance: d(2000),
    });
    expect(total(x)).toBe('700.00'); // (12000 − 2000) × 7%
  });
  it('ignores taxRateOverride', () => {
    const x = q('GA', 30000, { taxRateOverride: d('0.05') });
    expect(total(x)).toBe('2100.00');
    expect(x.notices.join(' ')).toMatch(/ignored/);
  });
});

describe('North Carolina HUT — https://www.ncdot.gov/dmv/title-registration/taxes/Pages/default.aspx', () => {
  it('3% of price + doc fee − trade-in; service contract excluded', () => {
    // (25000 + 699 − 8000) × 3% = 17699 × 0.03 = 530.97
    const x = q('NC', 25000, {
      docFee: d(699),
      tradeInAllowance: d(8000),
      serviceContract: d(2500),
    });
    expect(total(x)).toBe('530.97');
  });
});

describe('West Virginia privilege tax — https://code.wvlegislature.gov/17A-3-4/', () => {
  it('6% of price less trade-in', () => {
    expect(total(q('WV', 31000, { tradeInAllowance: d(6000) }))).toBe('1500.00');
  });
  it('$30 minimum', () => {
    expect(total(q('WV', 400, { vehicleCondition: 'USED' }))).toBe('30.00'); // 24.00 < 30
  });
});

describe('Oklahoma excise — https://law.justia.com/codes/oklahoma/title-68/section-68-2103/', () => {
  it('new: 3.25% excise + 1.25% sales tax on the price', () => {
    expect(total(q('OK', 30000))).toBe('1350.00'); // 975 + 375
  });
  it('used: $20 on the first $1,500, 3.25% above, + 1.25% on the whole', () => {
    // 20 + (10000 − 1500) × 0.0325 = 20 + 276.25; + 10000 × 0.0125 = 125 → 421.25
    expect(total(q('OK', 10000, { vehicleCondition: 'USED' }))).toBe('421.25');
    // below $1,500: the flat $20 only (+ 1.25% of 1200 = 15)
    expect(total(q('OK', 1200, { vehicleCondition: 'USED' }))).toBe('35.00');
  });
  it('before 2017-07-01 no 1.25% sales tax', () => {
    expect(total(q('OK', 30000, { dealDate: '2017-06-30' }))).toBe('975.00');
  });
});

describe('Virginia MVSUT — https://dmv.virginia.gov/vehicles/taxes-fees/sut', () => {
  it('4.15% of gross price after rebates incl. processing fee, no trade-in credit', () => {
    // DMV example: $40,000 with $5,000 trade → still $40,000; plus fee 899, less rebate 1000
    // (40000 + 899 − 1000) × 0.0415 = 39899 × 0.0415 = 1655.8085 → 1655.81
    const x = q('VA', 40000, {
      tradeInAllowance: d(5000),
      docFee: d(899),
      manufacturerRebate: d(1000),
    });
    expect(total(x)).toBe('1655.81');
  });
  it('$75 minimum', () => {
    expect(total(q('VA', 1000, { vehicleCondition: 'USED' }))).toBe('75.00'); // 41.50 < 75
    expect(total(q('VA', 2000, { vehicleCondition: 'USED' }))).toBe('83.00');
  });
  it('4.1% in 2016-06 (before 2016-07-01)', () => {
    expect(total(q('VA', 10000, { dealDate: '2016-06-30' }))).toBe('410.00');
  });
});

describe('Florida surtax on the first $5,000 — https://floridarevenue.com/taxes/taxesfees/Pages/discretionary.aspx', () => {
  it('Miami-Dade 1% applies to $5,000 only', () => {
    const x = q('FL', 30000, { zip: '33101' });
    // 30000 × 6% = 1800; 5000 × 1% = 50
    expect(total(x)).toBe('1850.00');
    const surtax = x.lines.find((l) => l.kind === 'COUNTY')!;
    expect(surtax.base.toFixed(2)).toBe('5000.00');
  });
  it('below $5,000 the surtax base is the price', () => {
    expect(total(q('FL', 4000, { zip: '33101', vehicleCondition: 'USED' }))).toBe('280.00'); // 240 + 40
  });
  it('Collier 0% is a known zero, not an unknown (DOR 2025 table); 2026 deals get a re-check notice', () => {
    const x = q('FL', 30000, { zip: '34102' }); // Naples, Collier
    expect(total(x)).toBe('1800.00');
    expect(x.notices.join(' ')).not.toMatch(/no local rate known/);
    const later = q('FL', 30000, { zip: '33101', dealDate: '2026-03-01' });
    expect(later.notices.join(' ')).toMatch(/re-check/);
  });
  it('unknown county says so', () => {
    const x = q('FL', 30000, { zip: '33401' }); // West Palm Beach: Palm Beach County not shipped
    expect(total(x)).toBe('1800.00');
    expect(x.notices.join(' ')).toMatch(/no local rate known for ZIP 33401/);
  });
});

describe('Tennessee single article — https://www.tn.gov/revenue/taxes/sales-and-use-tax/single-article-special-tax-rates.html', () => {
  it('$25,000 in Nashville: 7% + 2.25% of $1,600 + 2.75% of $1,600', () => {
    expect(total(q('TN', 25000, { zip: '37203' }))).toBe('1830.00'); // 1750 + 36 + 44
  });
  it('$2,000 used: single-article slice is $400', () => {
    // 140 + 2.25% × 1600 = 36 + 2.75% × 400 = 11 → 187
    expect(total(q('TN', 2000, { zip: '37203', vehicleCondition: 'USED' }))).toBe('187.00');
  });
  it('$1,000: no single-article tax, local on all', () => {
    expect(total(q('TN', 1000, { zip: '37203', vehicleCondition: 'USED' }))).toBe('92.50'); // 70 + 22.50
  });
});

describe('Michigan trade-in cap — https://www.michiganada.org/partial-trade-in-sales-tax-credit-increases-max-9000/', () => {
  it('2023: credit capped at $9,000', () => {
    // (40000 − 9000) × 6% = 1860
    expect(total(q('MI', 40000, { tradeInAllowance: d(15000), dealDate: '2023-05-01' }))).toBe(
      '1860.00',
    );
  });
  it('2019: $5,000; 2018: $4,000; 2029: full', () => {
    expect(total(q('MI', 40000, { tradeInAllowance: d(15000), dealDate: '2019-01-01' }))).toBe(
      '2100.00',
    );
    expect(total(q('MI', 40000, { tradeInAllowance: d(15000), dealDate: '2018-12-31' }))).toBe(
      '2160.00',
    );
    expect(total(q('MI', 40000, { tradeInAllowance: d(15000), dealDate: '2029-01-02' }))).toBe(
      '1500.00',
    );
  });
});

describe('Illinois trade-in cap 2020-2021 — https://www.chicagoautoshow.com/new-illinois-law-removes-trade-in-tax-credit-cap-news/', () => {
  it('2021: capped at $10,000; 2022: full', () => {
    expect(
      q('IL', 40000, { tradeInAllowance: d(25000), dealDate: '2021-12-31' }).taxableAmount.toFixed(
        2,
      ),
    ).toBe('30000.00');
    expect(
      q('IL', 40000, { tradeInAllowance: d(25000), dealDate: '2022-01-01' }).taxableAmount.toFixed(
        2,
      ),
    ).toBe('15000.00');
  });
});

describe('Kentucky usage tax trade-in — http://revenue.ky.gov/individual/mvutmethods.htm', () => {
  it('new vehicles get trade-in credit from 2014-07-01 only', () => {
    expect(total(q('KY', 30000, { tradeInAllowance: d(10000), dealDate: '2014-06-30' }))).toBe(
      '1800.00',
    );
    expect(total(q('KY', 30000, { tradeInAllowance: d(10000), dealDate: '2014-07-01' }))).toBe(
      '1200.00',
    );
    expect(
      total(
        q('KY', 30000, {
          vehicleCondition: 'USED',
          tradeInAllowance: d(10000),
          dealDate: '2014-06-30',
        }),
      ),
    ).toBe('1200.00');
  });
});

describe('South Dakota / Vermont excise — SDCL 32-5B-4; https://dmv.vermont.gov/tax-title/vehicle-taxation', () => {
  it('SD 4% of price less trade-in; VT 6% incl. doc fee less trade-in', () => {
    expect(total(q('SD', 30000, { tradeInAllowance: d(10000) }))).toBe('800.00');
    expect(total(q('VT', 30000, { docFee: d(300), tradeInAllowance: d(10000) }))).toBe('1218.00');
  });
});

describe('Washington — https://dor.wa.gov/find-taxes-rates/other-taxes/motor-vehicle-salesuse-tax, RCW 82.08.817', () => {
  it('6.5% + 0.3% in 2025, 6.5% + 0.5% from 2026', () => {
    expect(total(q('WA', 40000, { dealDate: '2025-12-31' }))).toBe('2720.00'); // 6.8%
    expect(total(q('WA', 40000, { dealDate: '2026-01-01' }))).toBe('2800.00'); // 7.0%
  });
  it('2026: 8% on the price above $100,000, measured before trade-in; $102,000 from July', () => {
    // 130000 − 20000 trade = 110000 × 7% = 7700; (130000 − 100000) × 8% = 2400
    expect(total(q('WA', 130000, { tradeInAllowance: d(20000), dealDate: '2026-03-01' }))).toBe(
      '10100.00',
    );
    // from 2026-07-01: (130000 − 102000) × 8% = 2240
    expect(total(q('WA', 130000, { tradeInAllowance: d(20000), dealDate: '2026-07-01' }))).toBe(
      '9940.00',
    );
    expect(total(q('WA', 90000, { dealDate: '2026-03-01' }))).toBe('6300.00');
  });
});

describe('Maryland titling tax — https://mva.prod.maryland.gov/node/223', () => {
  it('6% through 2025-06-30, 6.5% from 2025-07-01, trade-in deducted', () => {
    expect(total(q('MD', 30000, { tradeInAllowance: d(5000), dealDate: '2025-06-30' }))).toBe(
      '1500.00',
    );
    expect(total(q('MD', 30000, { tradeInAllowance: d(5000), dealDate: '2025-07-01' }))).toBe(
      '1625.00',
    );
  });
});

describe('Minnesota MVST — https://www.revenue.state.mn.us/guide/motor-vehicle-sales', () => {
  it('6.5% to 2023-06-30, 6.875% from 2023-07-01; rebates and trade-in deducted, doc fee and warranty not taxed', () => {
    const deal = {
      manufacturerRebate: d(1000),
      tradeInAllowance: d(9000),
      docFee: d(250),
      serviceContract: d(1500),
    };
    // (30000 − 1000 − 9000) = 20000 × 6.5% = 1300; × 6.875% = 1375
    expect(total(q('MN', 30000, { ...deal, dealDate: '2023-06-30' }))).toBe('1300.00');
    expect(total(q('MN', 30000, { ...deal, dealDate: '2023-07-01' }))).toBe('1375.00');
  });
});

describe('other caps and rates', () => {
  it('SC IMF 5% capped at $500 — https://law.justia.com/codes/south-carolina/2021/title-56/chapter-3/section-56-3-627/', () => {
    expect(total(q('SC', 8000))).toBe('400.00');
    expect(total(q('SC', 40000))).toBe('500.00');
  });
  it('CT 7.75% above $50,000 incl. add-ons — https://portal.ct.gov/dmv/vehicle-services/sales-tax-registrations/sales-tax-calculator', () => {
    expect(total(q('CT', 50000))).toBe('3175.00'); // 6.35%
    expect(total(q('CT', 60000))).toBe('4650.00'); // 7.75% of all
    // $49,800 + $300 doc fee crosses $50,000 → 7.75% of 50,100 = 3882.75
    expect(total(q('CT', 49800, { docFee: d(300) }))).toBe('3882.75');
    // warranty stays at 6.35%: 60000 × 7.75% = 4650 + 2000 × 6.35% = 127
    expect(total(q('CT', 60000, { serviceContract: d(2000) }))).toBe('4777.00');
  });
  it('DC excise by weight and city MPG from 2021-02-01 — https://dmv.dc.gov/node/155502', () => {
    // 3,200 lb, MPG unknown (21 assumed) → 4.4%; 5,200 lb → 6.4%; 3,200 lb at 45 MPG → 1.0%
    expect(total(q('DC', 30000, { vehicleWeightLbs: 3200 }))).toBe('1320.00');
    expect(total(q('DC', 30000, { vehicleWeightLbs: 5200 }))).toBe('1920.00');
    expect(total(q('DC', 30000, { vehicleWeightLbs: 3200, vehicleCityMpg: 45 }))).toBe('300.00');
    expect(total(q('DC', 30000, { vehicleWeightLbs: 4200, vehicleCityMpg: 18 }))).toBe('2730.00');
    const x = q('DC', 30000);
    expect(x.notices.join(' ')).toMatch(/curb weight not given/);
    expect(x.notices.join(' ')).toMatch(/city MPG not given/);
  });
  it('DC before 2021-02-01: 6% / 7% / 8% by weight', () => {
    expect(total(q('DC', 30000, { vehicleWeightLbs: 3200, dealDate: '2020-06-01' }))).toBe(
      '1800.00',
    );
    expect(total(q('DC', 30000, { vehicleWeightLbs: 5200, dealDate: '2020-06-01' }))).toBe(
      '2400.00',
    );
  });
  it('Texas: rebates passed to the buyer reduce total consideration — https://comptroller.texas.gov/taxes/publications/96-254/total-consideration.php', () => {
    // (35000 − 2000 rebate − 10000 trade) × 6.25% = 1437.50
    expect(total(q('TX', 35000, { manufacturerRebate: d(2000), tradeInAllowance: d(10000) }))).toBe(
      '1437.50',
    );
  });
  it('Oklahoma: excise on the price before trade-in, doc fee excluded — 68 O.S. § 2104(B), OAC 260:135-7-242', () => {
    // 30000 × (3.25% + 1.25%) = 1350 regardless of the $10,000 trade and $499 doc fee
    const x = q('OK', 30000, { tradeInAllowance: d(10000), docFee: d(499) });
    expect(total(x)).toBe('1350.00');
    expect(x.notices.join(' ')).toMatch(/before any trade-in credit/);
  });
  it('Arkansas: local tax only on the first $2,500; used-vehicle reduced rates flagged', () => {
    const table = new TableLocalRateLookup([
      {
        state: 'AR',
        zip: '72201',
        combinedRate: d('0.09'),
        stateRate: d('0.065'),
        cityRate: d('0.015'),
        countyRate: d('0.01'),
      },
    ]);
    // 20000 × 6.5% = 1300; 2500 × 1% = 25; 2500 × 1.5% = 37.50
    const x = q('AR', 20000, { zip: '72201', localRates: table, vehicleCondition: 'USED' });
    expect(total(x)).toBe('1362.50');
    expect(x.notices.join(' ')).toMatch(/reduced state rates for low-priced used vehicles/);
  });
  it('Ohio: no trade-in credit on a used vehicle — https://tax.ohio.gov/business/ohio-business-taxes/sales-and-use', () => {
    expect(
      q('OH', 20000, { vehicleCondition: 'USED', tradeInAllowance: d(5000) }).taxableAmount.toFixed(
        2,
      ),
    ).toBe('20000.00');
  });
  it('Oregon privilege tax on new only — https://www.oregon.gov/dor/programs/businesses/Pages/Vehicle-Privilege-and-Use-Taxes.aspx', () => {
    expect(total(q('OR', 40000))).toBe('200.00');
    expect(total(q('OR', 40000, { vehicleCondition: 'USED' }))).toBe('0.00');
    expect(total(q('OR', 40000, { dealDate: '2017-12-31' }))).toBe('0.00');
  });
  it('Montana/New Hampshire: no tax, with a line saying so', () => {
    for (const st of ['MT', 'NH']) {
      const x = q(st, 40000);
      expect(total(x)).toBe('0.00');
      expect(x.lines[0]!.rule).toMatch(/no sales tax/);
    }
  });
  it('California: no trade-in credit, LA County district 2.25% before April 2025 — https://www.cdtfa.ca.gov/taxes-and-fees/rates.aspx', () => {
    // (30000) × 7.25% = 2175; × 2.25% = 675
    expect(
      total(q('CA', 30000, { zip: '90012', tradeInAllowance: d(10000), dealDate: '2024-06-01' })),
    ).toBe('2850.00');
  });
  it('New York City 8.875% — https://www.tax.ny.gov/pdf/publications/sales/pub718.pdf', () => {
    // 40000 × (4% + 4.5% + 0.375%) = 1600 + 1800 + 150
    expect(total(q('NY', 40000, { zip: '11201' }))).toBe('3550.00');
  });
  it('service contracts: not in the California base; in the Florida and Pennsylvania ones (61 Pa. Code § 31.44)', () => {
    expect(q('CA', 20000, { serviceContract: d(1500) }).taxableAmount.toFixed(2)).toBe('20000.00');
    expect(q('FL', 20000, { serviceContract: d(1500) }).taxableAmount.toFixed(2)).toBe('21500.00');
    expect(q('PA', 20000, { serviceContract: d(1500) }).taxableAmount.toFixed(2)).toBe('21500.00');
  });
  it('New York: separately stated doc fee not taxable, warranty taxable — TSB-A-14(7)S', () => {
    // (30000 + 2000 warranty) × 4% = 1280; doc fee $175 excluded
    expect(total(q('NY', 30000, { docFee: d(175), serviceContract: d(2000) }))).toBe('1280.00');
  });
});

describe('explanations', () => {
  it('the state line says what was and was not taxed', () => {
    const x = q('CA', 30000, {
      docFee: d(85),
      gap: d(700),
      manufacturerRebate: d(1000),
      tradeInAllowance: d(5000),
    });
    const rule = x.lines[0]!.rule;
    expect(rule).toMatch(/doc fee \$85\.00/);
    expect(rule).toMatch(/not taxed here: GAP/);
    expect(rule).toMatch(/manufacturer rebate \$1000\.00 not deducted/);
    expect(rule).toMatch(/no trade-in credit/);
    expect(x.lines[0]!.source).toMatch(/^https:\/\//);
  });
});

describe('rounding: each line half-up to the cent', () => {
  it('TX 6.25% of 10,000.08 = 625.005 → 625.01', () => {
    expect(total(q('TX', 10000.08))).toBe('625.01');
  });
  it('FL: state and surtax rounded separately', () => {
    // 6% × 5000.25 = 300.015 → 300.02; 1% × 5000 = 50.00
    const x = q('FL', 5000.25, { zip: '33101' });
    expect(x.lines.map((l) => l.amount.toFixed(2))).toEqual(['300.02', '50.00']);
    expect(total(x)).toBe('350.02');
  });
});
