// A valid VIN the offline database does not know still says something by itself: the manufacturer
// (WMI, positions 1–3) and the model year (position 10, read with position 7's rule).
import { afterAll, describe, expect, it } from 'vitest';
import { createVinDecoder } from '../src/domain/vin-decoder.ts';

const decoder = createVinDecoder();
afterAll(() => decoder.close());

describe('partial VIN decode', () => {
  it(
    'gives year and make of a 2005 Buick the database lacks, flagged partial',
    { timeout: 60_000 },
    async () => {
      const r = await decoder.decode('1G4AH59H45G118341');
      expect(r).toMatchObject({
        decoded: false,
        partial: true,
        source: 'vpic-offline',
        year: 2005, // '5' at position 10 with a digit at position 7: the 1980–2009 cycle
        make: 'Buick',
        manufacturer: 'Buick',
        model: null,
        trim: null,
      });
      expect(r.notes.join(' ')).toMatch(/no match/i);
    },
  );

  it('reads the 2010–2039 cycle when position 7 is a letter', async () => {
    // Same WMI, letter at position 7: 'A' at position 10 is 2010, not 1980.
    const draft = '1G4GA5ER8AF000001';
    const r = await decoder.decode(draft);
    if (!r.check.valid) throw new Error(`test VIN invalid: ${r.check.problems.join(' ')}`);
    expect(r.year).toBe(2010);
    expect(r.decoded || r.partial).toBe(true);
  });

  it('names no make when the WMI is unknown, but still the year', async () => {
    const r = await decoder.decode('1ZZAB12A1R0900201');
    expect(r.check.valid).toBe(true);
    // 'R' at position 10 with a digit ('2') at position 7: 1994.
    expect(r).toMatchObject({ decoded: false, partial: true, year: 1994, make: null });
  });

  it('is not partial when the database decodes the VIN, nor when the VIN is invalid', async () => {
    expect(await decoder.decode('KM8K2CAB4PU001140')).toMatchObject({
      decoded: true,
      partial: false,
    });
    expect(await decoder.decode('1G4AH59H35G118341')).toMatchObject({
      decoded: false,
      partial: false,
      year: null,
      make: null,
    });
  });
});
