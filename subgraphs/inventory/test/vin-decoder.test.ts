// The offline decode with corgi's vPIC database under node:sqlite (no better-sqlite3).
import { afterAll, describe, expect, it } from 'vitest';
import { createVinDecoder } from '../src/domain/vin-decoder.ts';

const decoder = createVinDecoder();
afterAll(() => decoder.close());

describe('offline VIN decode', () => {
  it('decodes a real VIN from the vPIC database', { timeout: 60_000 }, async () => {
    const r = await decoder.decode('KM8K2CAB4PU001140');
    expect(r).toMatchObject({
      decoded: true,
      source: 'vpic-offline',
      year: 2023,
      make: 'Hyundai',
      model: 'Kona',
      trim: 'SE',
    });
    expect(r.check.valid).toBe(true);
  });

  it('reports a bad check digit and decodes nothing', async () => {
    const r = await decoder.decode('1HGCM82633A123456');
    expect(r.decoded).toBe(false);
    expect(r.source).toBeNull();
    expect(r.make).toBeNull();
    expect(r.check).toMatchObject({ valid: false, checkDigit: '3', expectedCheckDigit: '7' });
    expect(r.notes.join(' ')).toMatch(/check digit/i);
  });

  it('decodes the same VIN with its check digit fixed', { timeout: 30_000 }, async () => {
    const r = await decoder.decode('1HGCM82673A123456');
    expect(r.check.valid).toBe(true);
    expect(r.decoded).toBe(true);
    expect(r.make).toBe('Honda');
  });
});
