import { describe, expect, it } from 'vitest';
import { parseCsv, validateCsv } from '../src/domain/csv-import.ts';

const TODAY = new Date('2026-11-26T12:00:00Z');

describe('CSV parsing', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM and blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n1,2')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['1', '2'],
    ]);
    expect(() => parseCsv('a,"b\n1,2')).toThrow(/unterminated/);
  });
});

describe('CSV validation', () => {
  const header = 'VIN,Stock #,Year,Make,Model,Miles,New/Used,Price,Photos';
  it('maps dealer headers, validates every row and reports line and column', () => {
    const csv = [
      header,
      'KM8K2CAB4PU001140,K1,2023,Hyundai,Kona,"12,000",Used,"$21,995",https://a.example/1.jpg|https://a.example/2.jpg',
      '1HGCM82633A123456,H1,2003,Honda,Accord,100,Used,3995,',
      '1G4AH59H45G118341,B1,2005,Buick,LaCrosse,-4,Used,4995,',
      '1M8GDM9AXKP042788,M1,1989,MCI,102C3,900000,Certified,39000,',
      'KM8K2CAB4PU001140,K2,2023,Hyundai,Kona,5,New,1,',
    ].join('\n');
    const r = validateCsv(csv, TODAY);
    expect(r.rows).toBe(5);
    expect(r.good.map((g) => [g.row, g.draft.vin, g.draft.condition])).toEqual([
      [2, 'KM8K2CAB4PU001140', 'USED'],
      [5, '1M8GDM9AXKP042788', 'CPO'],
    ]);
    expect(r.good[0]!.draft.mileage).toBe(12000);
    expect(r.good[0]!.draft.listPrice!.toFixed(2)).toBe('21995.00');
    expect(r.good[0]!.draft.photos).toHaveLength(2);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'vin'],
      [4, 'mileage'],
      [6, 'vin'],
    ]);
    expect(r.errors[0]!.message).toMatch(/check digit/i);
    expect(r.errors[2]!.message).toMatch(/also on line 2/);
  });

  it('names an unquoted comma, reads US dates, and refuses a stock number twice in the file', () => {
    const csv = [
      'VIN,Stock,Year,Make,Model,Mileage,Condition,Price,InStockDate',
      '5YJ3E1EA2KF317000,T1,2019,Tesla,Model 3,30000,Used,$27,995,2026-11-20',
      'KM8K2CAB4PU001140,K1,2023,Hyundai,Kona,12000,Used,21995,11/20/2026',
      '1G4AH59H45G118341,B1,2005,Buick,LaCrosse,4,Used,4995,1/5/26',
      '1M8GDM9AXKP042788,k1,1989,MCI,102C3,900000,Used,39000,',
      // Trailing empty values (a spreadsheet's extra commas) are no problem.
      '2T1BURHE8KC123457,C1,2019,Toyota,Corolla,1,Used,15995,2026-11-01,,',
    ].join('\n');
    const r = validateCsv(csv, TODAY);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [2, null],
      [5, 'stockNumber'],
    ]);
    expect(r.errors[0]!.message).toMatch(/10 values but the header has 9.*double quotes/);
    expect(r.errors[1]!.message).toMatch(/Stock number k1 is also on line 3/);
    expect(r.good.map((g) => [g.row, g.draft.inStockDate])).toEqual([
      [3, '2026-11-20'],
      [4, '2026-01-05'],
      [6, '2026-11-01'],
    ]);
  });

  it('refuses a file it cannot use as a whole', () => {
    expect(() => validateCsv('', TODAY)).toThrow(/empty/);
    expect(() => validateCsv('VIN,Year\nx,1', TODAY)).toThrow(/no stockNumber column/);
    expect(() => validateCsv(`${header}\n"broken`, TODAY)).toThrow(/cannot be read/);
  });
});
