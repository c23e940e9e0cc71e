import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  parseMoney,
  validateVehicle,
  type VehicleInput,
  type VehicleRecord,
} from '../src/domain/vehicles.ts';
import { buildSearch, vehicleCursor, prefixRange, textWords } from '../src/domain/search.ts';

const TODAY = new Date('2026-11-26T12:00:00Z');

const good: VehicleInput = {
  vin: 'km8k2cab4pu001140',
  stockNumber: ' H1140 ',
  year: 2023,
  make: 'Hyundai',
  model: 'Kona',
  trim: 'SE',
  mileage: 12_000,
  condition: 'USED',
  listPrice: '21,995.00',
  cost: '18000',
  photos: ['https://cdn.example.com/1.jpg'],
  options: ['Cold weather package', '  '],
};

function errorOf(fn: () => unknown): Record<string, unknown> | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  return undefined;
}

describe('vehicle validation', () => {
  it('normalizes a good vehicle', () => {
    const v = validateVehicle(good, 'input', TODAY);
    expect(v).toMatchObject({
      vin: 'KM8K2CAB4PU001140',
      stockNumber: 'H1140',
      status: 'AVAILABLE',
      inStockDate: '2026-11-26',
      options: ['Cold weather package'],
      msrp: null,
    });
    expect(v.listPrice!.toFixed(2)).toBe('21995.00');
    expect(v.cost!.toFixed(2)).toBe('18000.00');
  });

  it('names the field of each problem', () => {
    const cases: Array<[Partial<VehicleInput>, string]> = [
      [{ vin: '1HGCM82633A123456' }, 'input.vin'],
      [{ vin: '1G4AH59H45G11834' }, 'input.vin'],
      [{ stockNumber: '  ' }, 'input.stockNumber'],
      [{ year: 1899 }, 'input.year'],
      [{ year: 2030 }, 'input.year'],
      [{ make: '' }, 'input.make'],
      [{ mileage: -1 }, 'input.mileage'],
      [{ mileage: 1.5 }, 'input.mileage'],
      [{ condition: 'SALVAGE' }, 'input.condition'],
      [{ status: 'GONE' }, 'input.status'],
      [{ listPrice: '12.345' }, 'input.listPrice'],
      [{ msrp: '-1' }, 'input.msrp'],
      [{ invoice: 'abc' }, 'input.invoice'],
      [{ cost: '1e5' }, 'input.cost'],
      [{ inStockDate: '2026-02-30' }, 'input.inStockDate'],
      [{ photos: ['https://ok.example/a.jpg', 'javascript:alert(1)'] }, 'input.photos.1'],
    ];
    for (const [patch, field] of cases) {
      expect(
        errorOf(() => validateVehicle({ ...good, ...patch }, 'input', TODAY)),
        field,
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
  });

  it('reports a bad check digit as such', () => {
    const e = errorOf(() => validateVehicle({ ...good, vin: '1HGCM82633A123456' }, 'input', TODAY));
    expect(e).toBeDefined();
  });

  it('keeps money exact', () => {
    expect(parseMoney('x', '0.1')!.plus(parseMoney('x', '0.2')!).toFixed(2)).toBe('0.30');
    expect(parseMoney('x', '$1,234.5')!.toFixed(2)).toBe('1234.50');
    expect(errorOf(() => parseMoney('x', '99999999999'))).toMatchObject({ field: 'x' });
  });

  it('applies a patch: explicit null clears, absent keeps', () => {
    const base = validateVehicle(good, 'input', TODAY);
    const current: VehicleRecord = {
      ...base,
      id: '00000000-0000-4000-8000-000000000001',
      daysInStock: 0,
      createdAt: TODAY,
      updatedAt: TODAY,
      version: 1,
    };
    const next = applyPatch(current, { trim: null, listPrice: '20995' });
    expect(next.trim).toBeNull();
    expect(next.make).toBe('Hyundai');
    expect(next.listPrice!.toFixed(2)).toBe('20995.00');
    expect(errorOf(() => applyPatch(current, { vin: 'NOPE' }))).toMatchObject({
      field: 'input.vin',
    });
  });
});

describe('search query', () => {
  it('builds only the conditions given, with placeholders', () => {
    const q = buildSearch(
      {
        make: 'Honda',
        yearMin: 2018,
        priceMax: '30000',
        status: ['AVAILABLE'],
        text: 'civic ex-l',
      },
      'PRICE_ASC',
      25,
      null,
    );
    expect(q.where).toEqual([
      'lower(make) = lower(?)',
      'year >= ?',
      'list_price is not null',
      'price_cents <= ?::bigint',
      'status = any(?::text[])',
    ]);
    expect(q.params).toEqual(['Honda', 2018, '3000000', '{AVAILABLE}']);
    expect(q.textSearch).toEqual(['civic', 'ex', 'l']);
    expect(q.limit).toBe(26);
    expect(q.orderBy).toBe('vehicles.price_cents asc, vehicles.id asc');
  });

  it('refuses a range whose ends are swapped, on its upper end; equal ends are fine', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ yearMin: 2022, yearMax: 2020 }, 'filter.yearMax', /below the lower end \(2022\)/],
      [{ priceMin: '30000', priceMax: '25000' }, 'filter.priceMax', /30000\.00/],
      [{ mileageMin: 50000, mileageMax: 100 }, 'filter.mileageMax', /50000/],
      [{ daysInStockMin: 60, daysInStockMax: 30 }, 'filter.daysInStockMax', /60/],
    ];
    for (const [filter, field, message] of cases) {
      let thrown: unknown;
      try {
        buildSearch(filter, 'PRICE_ASC', 10, null);
      } catch (e) {
        thrown = e;
      }
      expect(
        errorOf(() => buildSearch(filter, 'PRICE_ASC', 10, null)),
        field,
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
      expect((thrown as Error).message).toMatch(message);
    }
    expect(buildSearch({ yearMin: 2020, yearMax: 2020 }, 'PRICE_ASC', 10, null).params).toEqual([
      2020, 2020,
    ]);
  });

  it('continues after a cursor of the same sort and refuses others', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const q = buildSearch(null, 'YEAR_DESC', 10, vehicleCursor('YEAR_DESC', '2020', id));
    expect(q.where).toEqual(['(vehicles.year, vehicles.id) < (?::integer, ?::uuid)']);
    expect(q.params).toEqual(['2020', id]);
    expect(
      errorOf(() => buildSearch(null, 'YEAR_ASC', 10, vehicleCursor('YEAR_DESC', '2020', id))),
    ).toMatchObject({
      field: 'after',
    });
    expect(errorOf(() => buildSearch(null, 'YEAR_ASC', 10, 'garbage'))).toMatchObject({
      field: 'after',
    });
    expect(errorOf(() => buildSearch(null, 'YEAR_ASC', 101, null))).toMatchObject({
      field: 'first',
    });
    expect(errorOf(() => buildSearch({ yearMin: 1.5 }, 'YEAR_ASC', 10, null))).toMatchObject({
      field: 'filter.yearMin',
    });
  });

  it('turns free text into a safe prefix query', () => {
    expect(textWords("O'Brien & 001140 | ! o")).toEqual(['o', 'brien', '001140']);
    expect(textWords('  -- ')).toEqual([]);
    expect(prefixRange('camry')).toEqual(['camry', 'camrz']);
    expect(prefixRange('9')).toEqual(['9', ':']);
  });
});
