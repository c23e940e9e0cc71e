// Washington: local sales tax of the selling dealer's location (WAC 458-20-145), from the DOR
// location-code rate database (data/local-rates-wa.ts). The 2026 Q1 figures below are the ones a tax
// firm quoted from the DOR table ("Washington State’s New Sales Tax Rates", taxusign.com, 2026-01-05:
// Seattle 10.55%, Bellevue 10.3%, Kent and Auburn in King County 10.4%); Seattle's 10.35% of 2024-25
// is the figure King County's own sales tax page and a 2025 property-rights article give.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CalcInputError } from '../../src/engine/errors.ts';
import { quoteTax, type TaxQuoteInput } from '../../src/engine/tax/index.ts';
import { WA_LOCATIONS } from '../../src/engine/tax/data/local-rates-wa.ts';

const d = (s: string | number) => new Decimal(s);
const car = (zip: string, extra: Partial<TaxQuoteInput> = {}) =>
  quoteTax({
    state: 'WA',
    zip,
    vehicleCondition: 'NEW',
    sellingPrice: d(30000),
    dealDate: '2026-02-01',
    ...extra,
  });
const notices = (q: ReturnType<typeof quoteTax>) => q.notices.join(' | ');
const total = (q: ReturnType<typeof quoteTax>) => q.totalTax.toFixed(2);

describe('WA — DOR location codes and rates, the dealer’s location', () => {
  it('the table holds the 39 counties’ own codes and 285 cities', () => {
    expect(WA_LOCATIONS.filter((r) => r[1] === '')).toHaveLength(39);
    expect(WA_LOCATIONS.filter((r) => r[1] !== '')).toHaveLength(285);
  });
  it('2026 Q1 as quoted from the DOR table: Seattle 10.55%, Bellevue 10.3%, Kent and Auburn 10.4%', () => {
    const total2026 = (county: string, city: string) => {
      const row = WA_LOCATIONS.find((r) => r[0] === county && r[1] === city)!;
      const steps = row[3].split(',').map((s) => s.split(':'));
      const local = steps.filter(([from]) => from! <= '2026-01-01').pop()![1]!;
      return d(local).plus('0.065').times(100).toString();
    };
    expect(total2026('King', 'Seattle')).toBe('10.55');
    expect(total2026('King', 'Bellevue')).toBe('10.3');
    expect(total2026('King', 'Kent')).toBe('10.4');
    expect(total2026('King', 'Auburn')).toBe('10.4');
  });
  it('Seattle dealer (98101), buyer in Redmond: 30000 × 7% = 2100 + 30000 × 4.05% = 1215 → 3315', () => {
    const q = car('98052', { dealerZip: '98101' });
    expect(q.lines.map((l) => l.amount.toFixed(2))).toEqual(['2100.00', '1215.00']);
    expect(q.lines[1]!.jurisdiction).toMatch(/Seattle local sales tax \(WA location 1726\)/);
    expect(q.lines[1]!.origin).toBe('SHIPPED_TABLE');
    expect(notices(q)).toMatch(/dealership’s locality was used, not the buyer’s/);
  });
  it('the buyer’s ZIP does not change it: a Spokane buyer at the Seattle dealer pays the same 3315', () => {
    expect(total(car('99201', { dealerZip: '98101' }))).toBe('3315.00');
  });
  it('Seattle in 2025 (10.35% in all; state 6.8%): 2040 + 30000 × 3.85% = 1155 → 3195', () => {
    expect(total(car('98052', { dealerZip: '98101', dealDate: '2025-06-01' }))).toBe('3195.00');
  });
  it('Bellevue dealer (98004), 3.8% local with a 10000 trade-in: 20000 × 7% = 1400 + 760 → 2160', () => {
    const q = car('98052', { dealerZip: '98004', tradeInAllowance: d(10000) });
    expect(total(q)).toBe('2160.00');
    expect(notices(q)).toMatch(/outside the Sound Transit district \(location 4004\) pays 2\.4%/);
  });
  it('the dealership’s county and city may be given instead of its ZIP (Kent: 2100 + 1170)', () => {
    expect(total(car('98052', { county: 'King', city: 'Kent' }))).toBe('3270.00');
  });
  it('no dealer location: local tax NOT included, and the quote asks for the dealership’s ZIP', () => {
    const q = car('98052');
    expect(total(q)).toBe('2100.00');
    expect(notices(q)).toMatch(/give the dealership’s ZIP \(dealerZip\).*NOT included/);
  });
  it('a dealership in Oregon: no WA local tax placed, said so', () => {
    const q = car('98052', { dealerZip: '97201' });
    expect(total(q)).toBe('2100.00');
    expect(notices(q)).toMatch(/dealership \(ZIP 97201\) is in OR/);
  });
  it('a malformed dealerZip is an input error on that field', () => {
    expect(() => car('98052', { dealerZip: 'abc' })).toThrow(CalcInputError);
    try {
      car('98052', { dealerZip: 'abc' });
    } catch (e) {
      expect((e as CalcInputError).field).toBe('dealerZip');
    }
  });
  it('after 2026-06-30 the quote asks for a re-check (the shipped copy ends there)', () => {
    expect(notices(car('98052', { dealerZip: '98101', dealDate: '2026-12-06' }))).toMatch(
      /last confirmed for 2026-06-30; re-check/,
    );
  });
});
