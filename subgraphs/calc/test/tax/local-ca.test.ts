// California district taxes from the CDTFA rate table effective 2026-01-01 (data/local-rates-ca.ts):
// hand-worked quotes for published city and county totals, the table's shape against the CDTFA
// file (58 counties, 483 cities), and a spot check against CDTFA's own page of April 2025 changes.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { quoteTax, type TaxQuoteInput } from '../../src/engine/tax/index.ts';
import { CA_2026_01, CA_LOCAL_RATES } from '../../src/engine/tax/data/local-rates-ca.ts';
import { localTaxCoverage } from '../../src/engine/tax/coverage.ts';

const d = (s: string | number) => new Decimal(s);
const car = (zip: string, extra: Partial<TaxQuoteInput> = {}) =>
  quoteTax({
    state: 'CA',
    zip,
    vehicleCondition: 'NEW',
    sellingPrice: d(30000),
    dealDate: '2026-02-01',
    ...extra,
  });
const notices = (q: ReturnType<typeof quoteTax>) => q.notices.join(' | ');
const total = (q: ReturnType<typeof quoteTax>) => q.totalTax.toFixed(2);

describe('CA — CDTFA City & County Sales & Use Tax Rates, effective 2026-01-01', () => {
  it('the table holds 58 counties and 483 incorporated cities, as the CDTFA file does', () => {
    expect(CA_2026_01).toHaveLength(58);
    expect(CA_LOCAL_RATES.filter((r) => r.city)).toHaveLength(483);
  });
  it('CDTFA’s April 2025 page: Alhambra, Arcadia, Artesia 10.5%, Avalon 10.25%, Azusa 10.75%, Arcata 10.25%, Arroyo Grande 8.75%', () => {
    const listed = new Map<string, string>();
    for (const [county, , cities] of CA_2026_01)
      for (const c of cities.split('; ').filter(Boolean)) {
        const [city, pct] = c.split('=');
        listed.set(`${county}|${city}`, pct!);
      }
    expect(listed.get('Los Angeles|Alhambra')).toBe('10.500');
    expect(listed.get('Los Angeles|Arcadia')).toBe('10.500');
    expect(listed.get('Los Angeles|Artesia')).toBe('10.500');
    expect(listed.get('Los Angeles|Avalon')).toBe('10.250');
    expect(listed.get('Los Angeles|Azusa')).toBe('10.750');
    expect(listed.get('Humboldt|Arcata')).toBe('10.250');
    expect(listed.get('San Luis Obispo|Arroyo Grande')).toBe('8.750');
  });
  it('Los Angeles 90012 (9.75%): 30000 × 7.25% = 2175 + 30000 × 2.5% = 750 → 2925', () => {
    const q = car('90012');
    expect(q.lines.map((l) => l.amount.toFixed(2))).toEqual(['2175.00', '750.00']);
    expect(q.lines[1]!.origin).toBe('SHIPPED_TABLE');
    expect(q.lines[1]!.source).toMatch(/cdtfa\.ca\.gov/);
    expect(q.lines[1]!.rule).toMatch(/Los Angeles district taxes.*9\.750% in all.*2026-01-01/);
    expect(notices(q)).not.toMatch(/NOT included/);
  });
  it('Lancaster 93534 (11.25%, the highest in the state per CDTFA): 2175 + 30000 × 4% = 1200 → 3375', () => {
    expect(total(car('93534'))).toBe('3375.00');
  });
  it('Oakland 94612 (10.75%): 2175 + 30000 × 3.5% = 1050 → 3225', () => {
    expect(total(car('94612'))).toBe('3225.00');
  });
  it('San Diego 92101 (7.75%): 2175 + 150 → 2325; San Francisco 94103 (8.625%): 2175 + 412.50 → 2587.50', () => {
    expect(total(car('92101'))).toBe('2325.00');
    expect(total(car('94103'))).toBe('2587.50');
  });
  it('Camarillo 93010 (7.25%, no district tax): 2175, and the quote says nothing is missing', () => {
    const q = car('93010');
    expect(total(q)).toBe('2175.00');
    expect(notices(q)).toMatch(/Camarillo, CA: no local tax on vehicles here/);
    expect(notices(q)).not.toMatch(/NOT included/);
  });
  it('the city replaces the county rate: Santa Ana (9.25%) is not Orange County 7.75% + 9.25%', () => {
    const q = car('92701', { county: 'Orange', city: 'Santa Ana' });
    expect(total(q)).toBe('2775.00'); // 2175 + 30000 × 2% = 600
    expect(q.lines).toHaveLength(2);
  });
  it('a registration address in unincorporated Alameda County (Castro Valley): 10.25% → 3075, said so', () => {
    const q = car('94546', { county: 'Alameda', city: 'Castro Valley' });
    expect(total(q)).toBe('3075.00'); // 2175 + 30000 × 3% = 900
    expect(notices(q)).toMatch(/Castro Valley is not an incorporated city of Alameda County/);
  });
  it('no trade-in credit in CA: Long Beach 90802 with a 10000 trade still taxes 30000 at 10.5% → 3150', () => {
    expect(total(car('90802', { tradeInAllowance: d(10000) }))).toBe('3150.00');
  });
  it('deals before 2026 keep the earlier county-wide rows (LA 2025-06-01: 9.75% → 2925)', () => {
    expect(total(car('90012', { dealDate: '2025-06-01' }))).toBe('2925.00');
  });
  it('deals after 2026-03-31 get a re-check notice (CDTFA changes rates each quarter)', () => {
    expect(notices(car('90012', { dealDate: '2026-12-06' }))).toMatch(
      /last confirmed for 2026-03-31; re-check/,
    );
  });
  it('coverage: all of California from 2026-01-01, by verified data', () => {
    const c = localTaxCoverage('CA', '2026-02-01');
    expect(c.complete).toBe(true);
    expect(c.populationCovered.toString()).toBe('1');
    expect(c.verifiedPopulation).toBe(c.population);
  });
});
