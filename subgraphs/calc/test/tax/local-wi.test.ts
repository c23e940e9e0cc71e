// Wisconsin county taxes from the DOR's Streamlined Sales Tax rate file, 2026 Q2
// (data/local-rates-wi.ts): the county of the buyer's home. The file's dated rows are the published
// figures: Dane 0.5% since 1991, Waukesha and Winnebago no county tax, Manitowoc 0.5% from
// 2025-01-01, Racine 0.5% from 2025-04-01, Milwaukee County 0.5% → 0.9% on 2024-01-01.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { quoteTax } from '../../src/engine/tax/index.ts';
import { WI_COUNTIES } from '../../src/engine/tax/data/local-rates-wi.ts';
import { localTaxCoverage } from '../../src/engine/tax/coverage.ts';

const car = (zip: string, dealDate: string) =>
  quoteTax({
    state: 'WI',
    zip,
    vehicleCondition: 'NEW',
    sellingPrice: new Decimal(30000),
    dealDate,
  });
const total = (zip: string, date: string) => car(zip, date).totalTax.toFixed(2);

describe('WI — DOR SST rate file 2026 Q2, county of the buyer’s home', () => {
  it('holds all 72 counties', () => {
    expect(WI_COUNTIES).toHaveLength(72);
    expect(new Set(WI_COUNTIES.map((c) => c[1])).size).toBe(72);
  });
  it('Madison (Dane 0.5%): 30000 × 5% = 1500 + 30000 × 0.5% = 150 → 1650', () => {
    expect(total('53703', '2026-02-01')).toBe('1650.00');
  });
  it('Waukesha 53186 (no county tax): 1500, and the quote says nothing is missing', () => {
    const q = car('53186', '2026-02-01');
    expect(q.totalTax.toFixed(2)).toBe('1500.00');
    expect(q.notices.join(' | ')).toMatch(/Waukesha County, WI: no local tax on vehicles here/);
    expect(q.notices.join(' | ')).not.toMatch(/NOT included/);
  });
  it('Racine 53403: no county tax until 2025-03-31 (1500), 0.5% from 2025-04-01 (1650)', () => {
    expect(total('53403', '2025-03-31')).toBe('1500.00');
    expect(total('53403', '2025-04-01')).toBe('1650.00');
  });
  it('Manitowoc 54220: 0.5% from 2025-01-01 (1650), none in 2024 (1500)', () => {
    expect(total('54220', '2024-12-31')).toBe('1500.00');
    expect(total('54220', '2025-01-01')).toBe('1650.00');
  });
  it('Milwaukee 53202: county 0.5% in 2023 (1650); 0.9% + city 2% from 2024 (2370)', () => {
    expect(total('53202', '2023-06-01')).toBe('1650.00');
    expect(total('53202', '2024-06-01')).toBe('2370.00');
  });
  it('before 2020-04-01 (stadium district period, not shipped): NOT included, said so', () => {
    expect(car('53703', '2020-03-31').notices.join(' | ')).toMatch(/NOT included/);
  });
  it('deals after 2026-06-30 are asked to re-check (the file is the 2026 Q2 one)', () => {
    expect(car('53703', '2026-12-06').notices.join(' | ')).toMatch(/re-check/);
  });
  it('coverage: all of Wisconsin, by the DOR file', () => {
    const c = localTaxCoverage('WI', '2026-02-01');
    expect(c.populationCovered.toString()).toBe('1');
  });
});
