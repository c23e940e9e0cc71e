import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVin, computeCheckDigit, manufacturerOf, modelYearOf } from '../src/domain/vin.ts';
import { WARM_UP_VINS } from '../src/domain/vin-warm-up.ts';

const TODAY = new Date('2026-11-26T00:00:00Z');

describe('VIN check digit (49 CFR 565)', () => {
  it('accepts VINs whose check digit is right, including X', () => {
    expect(computeCheckDigit('1G4AH59H45G118341')).toBe('4');
    expect(computeCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(computeCheckDigit('KM8K2CAB4PU001140')).toBe('4');
    for (const vin of ['1G4AH59H45G118341', '1M8GDM9AXKP042788', 'KM8K2CAB4PU001140']) {
      const r = checkVin(vin, TODAY);
      expect(r.problems).toEqual([]);
      expect(r.valid).toBe(true);
    }
  });

  it("refuses corgi's README VIN: its check digit is wrong", () => {
    const r = checkVin('1HGCM82633A123456', TODAY);
    expect(r.valid).toBe(false);
    expect(r.checkDigit).toBe('3');
    expect(r.expectedCheckDigit).toBe('7');
    expect(r.problems.join(' ')).toMatch(/check digit/i);
  });

  it('catches every single-character substitution at a weighted position', () => {
    // Changing one character at a position whose weight is not 0 changes the sum mod 11
    // unless the transliterated values are equal; the check must then fail.
    const valid = '1G4AH59H45G118341';
    const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 16 }).filter((i) => i !== 8 && i !== 7),
        fc.constantFrom(...alphabet),
        (i, c) => {
          const vin = valid.slice(0, i) + c + valid.slice(i + 1);
          fc.pre(vin !== valid && computeCheckDigit(vin) !== computeCheckDigit(valid));
          expect(checkVin(vin, TODAY).valid).toBe(false);
        },
      ),
    );
    // A concrete mistype: 5 → S at position 6 (values 5 and 2).
    expect(checkVin('1G4AHS9H45G118341', TODAY).valid).toBe(false);
  });

  it('refuses wrong length and I, O, Q with a reason', () => {
    expect(checkVin('1G4AH59H45G11834', TODAY).problems[0]).toMatch(
      /17 characters; this one has 16/,
    );
    const ioq = checkVin('1G4AH59H45G11834O', TODAY);
    expect(ioq.valid).toBe(false);
    expect(ioq.problems.join(' ')).toMatch(/I, O or Q \(found O\)/);
    expect(checkVin('1G4AH59H45G1183-4!', TODAY).valid).toBe(false);
  });

  it('normalizes case, spaces and dashes', () => {
    expect(checkVin(' 1g4ah59h4-5g118341 ', TODAY)).toMatchObject({
      vin: '1G4AH59H45G118341',
      valid: true,
    });
  });
});

describe('model year from position 10', () => {
  it('uses position 7 to choose the 30-year cycle', () => {
    expect(checkVin('1G4AH59H45G118341', TODAY).modelYear).toBe(2005); // 7th '9' numeric → 1980-2009
    expect(checkVin('1M8GDM9AXKP042788', TODAY).modelYear).toBe(1989);
    expect(checkVin('KM8K2CAB4PU001140', TODAY).modelYear).toBe(2023); // 7th 'A' → 2010-2039
    expect(modelYearOf('XXXXXXAXXAXXXXXXX', TODAY)).toBe(2010);
    expect(modelYearOf('XXXXXX1XXAXXXXXXX', TODAY)).toBe(1980);
    expect(modelYearOf('XXXXXXAXX9XXXXXXX', TODAY)).toBe(2039 - 30); // 2039 is in the future
  });

  it('has no code for 0, U or Z', () => {
    expect(modelYearOf('XXXXXXAXX0XXXXXXX', TODAY)).toBeNull();
    expect(modelYearOf('XXXXXXAXXUXXXXXXX', TODAY)).toBeNull();
    expect(modelYearOf('XXXXXXAXXZXXXXXXX', TODAY)).toBeNull();
  });
});

describe('manufacturer from the WMI', () => {
  it('knows common WMIs and the region of the first character', () => {
    expect(manufacturerOf('1G4AH59H45G118341')).toEqual({
      wmi: '1G4',
      manufacturer: 'Buick',
      region: 'North America',
    });
    expect(manufacturerOf('KM8K2CAB4PU001140').manufacturer).toBe('Hyundai');
    expect(manufacturerOf('WBA00000000000000')).toMatchObject({
      manufacturer: 'BMW',
      region: 'Europe',
    });
    expect(manufacturerOf('9ZZ00000000000000')).toEqual({
      wmi: '9ZZ',
      manufacturer: null,
      region: 'South America',
    });
  });
});

describe('the warm-up VINs', () => {
  it('are valid VINs (check digit, alphabet, year), three model years per make family', () => {
    expect(WARM_UP_VINS.length).toBeGreaterThanOrEqual(150);
    for (const vin of WARM_UP_VINS) expect(checkVin(vin).valid, vin).toBe(true);
    expect(new Set(WARM_UP_VINS).size).toBe(WARM_UP_VINS.length);
  });
});
