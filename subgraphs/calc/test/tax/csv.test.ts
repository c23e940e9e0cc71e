// Import of a dealership rate table in the State,ZipCode,TaxRegionName,EstimatedCombinedRate,...
// layout, with row-level errors.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { TableLocalRateLookup, parseLocalRateCsv, quoteTax } from '../../src/engine/tax/index.ts';

const HEADER =
  'State,ZipCode,TaxRegionName,EstimatedCombinedRate,StateRate,EstimatedCountyRate,EstimatedCityRate,EstimatedSpecialRate,RiskLevel';

describe('parseLocalRateCsv', () => {
  it('reads good rows and reports bad ones with line numbers', () => {
    const text = [
      '\uFEFF' + HEADER,
      'CO,80202,"DENVER, CITY OF",0.088100,0.029000,0.000000,0.048100,0.011000,1',
      'AL,35203,BIRMINGHAM,0.100000,0.040000,0.010000,0.050000,0.000000,1',
      'ZZ,12345,NOWHERE,0.05,0.05,0,0,0,1', // line 4: bad state
      'CO,8020,SHORT,0.05,0.029,0,0.021,0,1', // line 5: 4 digits → padded to 08020 (valid form)
      'CO,ABCDE,BAD ZIP,0.05,0.029,0,0.021,0,1', // line 6: bad zip
      'CO,80301,BOULDER,abc,0.029,0,0.021,0,1', // line 7: bad combined
      'CO,80302,BOULDER,0.09,0.029,0,0.021,0,1', // line 8: parts sum 0.05 ≠ 0.09
      'CO,80303,BOULDER,1.5,0.029,0,0.021,0,1', // line 9: rate ≥ 1
      '',
      'CO,80304,BOULDER,,0.029,0,0.021,0,1', // line 11: combined missing
    ].join('\r\n');
    const { rows, errors } = parseLocalRateCsv(text);
    expect(rows.map((r) => r.zip)).toEqual(['80202', '35203', '08020']);
    expect(rows[0]!.region).toBe('DENVER, CITY OF');
    expect(rows[0]!.cityRate!.toString()).toBe('0.0481');
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'state'],
      [6, 'zip'],
      [7, 'combinedRate'],
      [8, 'combinedRate'],
      [9, 'combinedRate'],
      [11, 'combinedRate'],
    ]);
  });

  it('rejects a header without the required columns', () => {
    const { rows, errors } = parseLocalRateCsv('Foo,Bar\n1,2');
    expect(rows).toHaveLength(0);
    expect(errors.map((e) => e.field)).toEqual(['state', 'zip', 'combinedRate']);
  });

  it('accepts a combined-only table and feeds quotes (dealer rows win)', () => {
    const { rows, errors } = parseLocalRateCsv(
      'state,zip,combinedrate,staterate\nFL,33101,0.08,0.06\n',
    );
    expect(errors).toEqual([]);
    const lookup = new TableLocalRateLookup(rows);
    // FL 6% of 30000 = 1800; local 2% on the first $5,000 = 100
    const q = quoteTax({
      state: 'FL',
      zip: '33101',
      vehicleCondition: 'NEW',
      sellingPrice: new Decimal(30000),
      dealDate: '2025-06-01',
      localRates: lookup,
    });
    expect(q.totalTax.toFixed(2)).toBe('1900.00');
  });

  it('warns when the table state rate is above the vehicle rate (Alabama 4% vs 2% auto)', () => {
    const { rows } = parseLocalRateCsv(
      `${HEADER}\nAL,35203,BIRMINGHAM,0.100000,0.040000,0.010000,0.050000,0.000000,1`,
    );
    const q = quoteTax({
      state: 'AL',
      zip: '35203',
      vehicleCondition: 'NEW',
      sellingPrice: new Decimal(20000),
      dealDate: '2025-06-01',
      localRates: new TableLocalRateLookup(rows),
    });
    // 2% × 20000 = 400 + 1% × 20000 = 200 + 5% × 20000 = 1000
    expect(q.totalTax.toFixed(2)).toBe('1600.00');
    expect(q.notices.join(' ')).toMatch(/check the local vehicle rates/);
  });

  it('later rows for the same ZIP override earlier ones', () => {
    const lookup = new TableLocalRateLookup();
    lookup.add({ state: 'CO', zip: '80202', combinedRate: new Decimal('0.08') });
    lookup.add({ state: 'co', zip: '80202', combinedRate: new Decimal('0.09') });
    expect(lookup.size).toBe(1);
    expect(lookup.find('CO', '80202-1234')!.combinedRate.toString()).toBe('0.09');
  });
});
