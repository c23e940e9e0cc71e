// leaseTaxTreatment: method, combined rate, rate lines, notices.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { TableLocalRateLookup, leaseTaxTreatment } from '../../src/engine/tax/index.ts';

const d = (s: string | number) => new Decimal(s);
const DATE = '2025-06-01';

describe('leaseTaxTreatment', () => {
  it('NY: up front on total payments, NYC 8.875% — https://www.nysenate.gov/legislation/laws/TAX/1111', () => {
    const t = leaseTaxTreatment({ state: 'NY', zip: '10001', dealDate: DATE });
    expect(t.method).toBe('UPFRONT_TOTAL_PAYMENTS');
    expect(t.rate.toString()).toBe('0.08875');
    expect(t.lines).toHaveLength(3);
  });
  it('PA: 6% + 3% lease tax on each payment — https://www.revenue.pa.gov/', () => {
    const t = leaseTaxTreatment({ state: 'PA', dealDate: DATE });
    expect(t.method).toBe('MONTHLY_PAYMENT');
    expect(t.rate.toString()).toBe('0.09');
  });
  it('AL: 1.5% leasing tax — Code of Ala. § 40-12-222', () => {
    expect(leaseTaxTreatment({ state: 'AL', dealDate: DATE }).rate.toString()).toBe('0.015');
  });
  it('TX: lessor pays on the price — Tex. Tax Code ch. 152', () => {
    const t = leaseTaxTreatment({ state: 'TX', dealDate: DATE });
    expect(t.method).toBe('UPFRONT_PRICE');
    expect(t.rate.toString()).toBe('0.0625');
  });
  it('IL: since 2015 tax on all lease payments, due at origination — P.A. 98-628', () => {
    const t = leaseTaxTreatment({ state: 'IL', dealDate: DATE });
    expect(t.method).toBe('UPFRONT_TOTAL_PAYMENTS');
    expect(t.capCostReductionTaxed).toBe(true);
    expect(t.notices.join(' ')).toMatch(/local/);
  });
  it('WA: 2026 luxury tax is flagged on leases — RCW 82.08.817', () => {
    const t = leaseTaxTreatment({ state: 'WA', dealDate: '2026-03-01' });
    expect(t.rate.toString()).toBe('0.07');
    expect(t.notices.join(' ')).toMatch(/above \$100000/);
  });
  it('MN: general rate 6.875% + local up front on the total lease price — https://www.revenue.state.mn.us/guide/motor-vehicle-leases', () => {
    const t = leaseTaxTreatment({ state: 'MN', zip: '55401', dealDate: DATE });
    expect(t.method).toBe('UPFRONT_TOTAL_PAYMENTS');
    expect(t.rate.toString()).toBe('0.06875');
    expect(t.notices.join(' ')).toMatch(/no local rate known/);
  });
  it('NJ: up front on total payments — https://nj.gov/treasury/taxation/mvleasetrans.shtml', () => {
    const t = leaseTaxTreatment({ state: 'NJ', dealDate: DATE });
    expect(t.method).toBe('UPFRONT_TOTAL_PAYMENTS');
    expect(t.rate.toString()).toBe('0.06625');
  });
  it('MT: no tax', () => {
    const t = leaseTaxTreatment({ state: 'MT', dealDate: DATE });
    expect(t.rate.isZero()).toBe(true);
    expect(t.notices.join(' ')).toMatch(/no state tax/);
  });
  it('override replaces state + local; exempt gives zero', () => {
    expect(
      leaseTaxTreatment({
        state: 'FL',
        zip: '33101',
        dealDate: DATE,
        taxRateOverride: d('0.065'),
      }).rate.toString(),
    ).toBe('0.065');
    expect(
      leaseTaxTreatment({
        state: 'FL',
        zip: '33101',
        dealDate: DATE,
        taxExempt: true,
      }).rate.isZero(),
    ).toBe(true);
  });
  it('GA TAVT ignores the override', () => {
    const t = leaseTaxTreatment({ state: 'GA', dealDate: DATE, taxRateOverride: d('0.05') });
    expect(t.rate.toString()).toBe('0.07');
    expect(t.method).toBe('UPFRONT_PRICE');
  });
  it('dealer table supplies local lease rates', () => {
    const table = new TableLocalRateLookup([
      {
        state: 'WA',
        zip: '98101',
        combinedRate: d('0.1035'),
        stateRate: d('0.065'),
        cityRate: d('0.0385'),
      },
    ]);
    // WA vehicles pay 6.5% + 0.3% motor vehicle tax on top of the general rate: 6.8% + 3.85% city
    const t = leaseTaxTreatment({ state: 'WA', zip: '98101', dealDate: DATE, localRates: table });
    expect(t.rate.toString()).toBe('0.1065');
  });
});
