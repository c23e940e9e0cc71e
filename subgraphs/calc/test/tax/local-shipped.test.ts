// Shipped local vehicle rates, one hand-worked example per state (arithmetic in the test name), the
// locality rule (explicit county/city over the ZIP's main county), and the precedence of rate layers:
// dealer override → provider → shipped table → state only, shown in each line's `origin`.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  TableLocalRateLookup,
  leaseTaxTreatment,
  quoteTax,
  type ProviderRate,
  type TaxQuoteInput,
} from '../../src/engine/tax/index.ts';
import { OH_JULY_2024 } from '../../src/engine/tax/data/local-rates-oh.ts';
import { LOCAL_SITUS } from '../../src/engine/tax/data/local-situs.ts';

const d = (s: string | number) => new Decimal(s);
const car = (state: string, zip: string, dealDate: string, extra: Partial<TaxQuoteInput> = {}) =>
  quoteTax({ state, zip, vehicleCondition: 'NEW', sellingPrice: d(30000), dealDate, ...extra });
const amounts = (q: ReturnType<typeof quoteTax>) => q.lines.map((l) => l.amount.toFixed(2));
const notices = (q: ReturnType<typeof quoteTax>) => q.notices.join(' | ');

describe('PA — PA DOR answer 209: Allegheny 1%, Philadelphia 2%, by registration address', () => {
  it('Philadelphia 19103: 30000 × 6% = 1800 + 30000 × 2% = 600 → 2400', () => {
    const q = car('PA', '19103', '2026-06-01');
    expect(amounts(q)).toEqual(['1800.00', '600.00']);
    expect(q.lines.map((l) => l.origin)).toEqual(['STATE_RULE', 'SHIPPED_TABLE']);
    expect(q.lines[1]!.source).toMatch(/revenue-pa/);
    expect(q.lines[1]!.rule).toMatch(/answer 209.*2009-10-08/);
  });
  it('Allegheny 15222 with a 10000 trade: 20000 × 6% = 1200 + 20000 × 1% = 200 → 1400', () => {
    const q = car('PA', '15222', '2026-06-01', { tradeInAllowance: d(10000) });
    expect(q.totalTax.toFixed(2)).toBe('1400.00');
  });
  it('Harrisburg 17101 (Dauphin): no local tax, and the quote says it is not missing', () => {
    const q = car('PA', '17101', '2026-06-01');
    expect(q.totalTax.toFixed(2)).toBe('1800.00');
    expect(notices(q)).toMatch(/no PA local tax on vehicles here/);
    expect(notices(q)).not.toMatch(/NOT included/);
  });
  it('a Philadelphia buyer registering in Montgomery County (county given) pays no local tax', () => {
    const q = car('PA', '19103', '2026-06-01', { county: 'Montgomery' });
    expect(q.totalTax.toFixed(2)).toBe('1800.00');
    expect(notices(q)).not.toMatch(/main county/);
  });
  it('Philadelphia before 2009-10-08 (1% period, not shipped): local unknown, said so', () => {
    const q = car('PA', '19103', '2009-10-07');
    expect(q.totalTax.toFixed(2)).toBe('1800.00');
    expect(notices(q)).toMatch(/no local rate known for ZIP 19103.*NOT included/);
  });
});

describe('OH — ODT chart July 2024, county of residence', () => {
  it('the chart legend holds: 4 / 3 / 50 / 12 / 15 / 4 counties per band, 88 in all', () => {
    const band = (t: number) =>
      t >= 7.55 ? 0 : t >= 7.3 ? 1 : t >= 7.05 ? 2 : t >= 6.8 ? 3 : t >= 6.55 ? 4 : 5;
    const counts = [0, 0, 0, 0, 0, 0];
    for (const [, total] of OH_JULY_2024) counts[band(Number(total))]!++;
    expect(counts).toEqual([4, 3, 50, 12, 15, 4]);
    expect(OH_JULY_2024).toHaveLength(88);
  });
  it('every local share = the charted total less the 5.75% state rate', () => {
    for (const [county, total, local] of OH_JULY_2024)
      expect(d(total).div(100).minus('0.0575').equals(d(local)), county).toBe(true);
  });
  it('Cleveland 44114, 2024-08-01: 30000 × 5.75% = 1725 + 30000 × 2.25% = 675 → 2400', () => {
    const q = car('OH', '44114', '2024-08-01');
    expect(amounts(q)).toEqual(['1725.00', '675.00']);
    expect(notices(q)).not.toMatch(/re-check/);
  });
  it('Columbus 43215: 7.5% in 2024 (1725 + 525 = 2250), 8% from 2025-04-01 (2400)', () => {
    expect(car('OH', '43215', '2024-08-01').totalTax.toFixed(2)).toBe('2250.00');
    expect(car('OH', '43215', '2025-04-01').totalTax.toFixed(2)).toBe('2400.00');
  });
  it('Canton 44702 (Stark 6.50%) in 2026: 1725 + 225 = 1950, with a re-check notice', () => {
    const q = car('OH', '44702', '2026-03-01');
    expect(q.totalTax.toFixed(2)).toBe('1950.00');
    expect(notices(q)).toMatch(/last confirmed for 2024-09-30; re-check/);
  });
  it('lease: the Cuyahoga rate joins the state lease rate (5.75% + 2.25% = 8%)', () => {
    const t = leaseTaxTreatment({ state: 'OH', zip: '44114', dealDate: '2024-08-01' });
    expect(t.rate.toString()).toBe('0.08');
    expect(t.lines.map((l) => l.origin)).toEqual(['STATE_RULE', 'SHIPPED_TABLE']);
  });
});

describe('WI — Fact Sheet 2414: Milwaukee County 0.9% and city 2% from 2024-01-01', () => {
  it('Milwaukee 53202: 1500 + 270 + 600 = 2370', () => {
    expect(amounts(car('WI', '53202', '2024-02-01'))).toEqual(['1500.00', '270.00', '600.00']);
  });
  it('West Allis (city given): county only, 1500 + 270 = 1770', () => {
    const q = car('WI', '53214', '2024-02-01', { county: 'Milwaukee County', city: 'West Allis' });
    expect(q.totalTax.toFixed(2)).toBe('1770.00');
    expect(notices(q)).not.toMatch(/postal city/);
  });
  it('the city is taken from the ZIP’s postal name when not given, and the quote says so', () => {
    expect(notices(car('WI', '53202', '2024-02-01'))).toMatch(
      /Milwaukee County, Milwaukee taken from ZIP 53202’s main county and postal city/,
    );
  });
  it('county and city without a ZIP: 1500 + 270 + 600; county alone says the city levy is left out', () => {
    const both = quoteTax({
      state: 'WI',
      county: 'Milwaukee',
      city: 'Milwaukee',
      vehicleCondition: 'NEW',
      sellingPrice: d(30000),
      dealDate: '2024-02-01',
    });
    expect(both.totalTax.toFixed(2)).toBe('2370.00');
    expect(notices(both)).not.toMatch(/ZIP/);
    const county = quoteTax({
      state: 'WI',
      county: 'Milwaukee',
      vehicleCondition: 'NEW',
      sellingPrice: d(30000),
      dealDate: '2024-02-01',
    });
    expect(county.totalTax.toFixed(2)).toBe('1770.00');
    expect(notices(county)).toMatch(/no city given — a city’s own levy there is not included/);
  });
  it('Madison 53703 (Dane 0.5%, DOR rate file): 1500 + 150 = 1650', () => {
    expect(car('WI', '53703', '2024-02-01').totalTax.toFixed(2)).toBe('1650.00');
  });
});

describe('NV, NE, CO — shipped metros', () => {
  it('Las Vegas 89101: 30000 × 6.85% = 2055 + 30000 × 1.525% = 457.50 → 2512.50 (8.375%)', () => {
    expect(car('NV', '89101', '2025-01-01').totalTax.toFixed(2)).toBe('2512.50');
  });
  it('Omaha 68102: 30000 × 5.5% = 1650 + 30000 × 1.5% = 450 → 2100', () => {
    expect(car('NE', '68102', '2025-01-01').totalTax.toFixed(2)).toBe('2100.00');
  });
  it('Douglas County outside Omaha (Valley, city given): no city rate shipped → state only', () => {
    const q = car('NE', '68102', '2025-01-01', { county: 'Douglas', city: 'Valley' });
    expect(q.totalTax.toFixed(2)).toBe('1650.00');
    expect(notices(q)).toMatch(/NOT included/);
  });
  it('Denver 80202: 870 + 1443 + 300 + 30 = 2643', () => {
    expect(amounts(car('CO', '80202', '2025-01-01'))).toEqual([
      '870.00',
      '1443.00',
      '300.00',
      '30.00',
    ]);
  });
});

describe('locality rule per state', () => {
  it('IL follows the dealer’s location: the buyer’s ZIP is not used, and the quote says why', () => {
    const q = car('IL', '60601', '2025-01-01');
    expect(q.totalTax.toFixed(2)).toBe('1875.00');
    expect(notices(q)).toMatch(/selling dealer’s location.*not the buyer’s ZIP/);
  });
  it('every rule names its situs and a source', () => {
    for (const r of LOCAL_SITUS) {
      expect(['RESIDENCE', 'REGISTRATION', 'DEALER']).toContain(r.situs);
      expect(r.source).toMatch(/^https?:\/\//);
    }
  });
});

describe('precedence: dealer override → provider → shipped table → state only', () => {
  const taxJar: ProviderRate = {
    provider: 'TaxJar',
    fetchedAt: '2026-12-01T10:00:00Z',
    state: 'OH',
    zip: '44114',
    combinedRate: d('0.08'),
    stateRate: d('0.0575'),
    countyRate: d('0.0125'),
    specialRate: d('0.01'),
  };
  const dealer = new TableLocalRateLookup([
    {
      state: 'OH',
      zip: '44114',
      combinedRate: d('0.0775'),
      stateRate: d('0.0575'),
      countyRate: d('0.02'),
    },
  ]);
  it('the provider wins over the shipped table: 1725 + 375 + 300', () => {
    const q = car('OH', '44114', '2026-12-06', { providerRate: taxJar });
    expect(amounts(q)).toEqual(['1725.00', '375.00', '300.00']);
    expect(q.lines.map((l) => l.origin)).toEqual(['STATE_RULE', 'PROVIDER', 'PROVIDER']);
    expect(q.lines[1]!.source).toMatch(/TaxJar rates API, answered 2026-12-01/);
  });
  it('the dealership’s own rate wins over the provider: 1725 + 600', () => {
    const q = car('OH', '44114', '2026-12-06', { providerRate: taxJar, localRates: dealer });
    expect(amounts(q)).toEqual(['1725.00', '600.00']);
    expect(q.lines[1]!.origin).toBe('DEALER_OVERRIDE');
  });
  it('a stale provider answer is used and said to be stale', () => {
    const q = car('OH', '44114', '2026-12-06', { providerRate: { ...taxJar, stale: true } });
    expect(q.totalTax.toFixed(2)).toBe('2400.00');
    expect(notices(q)).toMatch(/TaxJar could not be reached/);
  });
  it('a provider answer for another state is ignored (shipped table used)', () => {
    const q = car('OH', '44114', '2024-08-01', { providerRate: { ...taxJar, state: 'PA' } });
    expect(q.lines.map((l) => l.origin)).toEqual(['STATE_RULE', 'SHIPPED_TABLE']);
  });
  it('taxRateOverride is a dealer override too', () => {
    const q = car('OH', '44114', '2024-08-01', { taxRateOverride: d('0.07') });
    expect(q.lines.map((l) => l.origin)).toEqual(['DEALER_OVERRIDE']);
  });
});
