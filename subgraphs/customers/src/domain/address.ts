// Address validation behind one interface. The offline default checks that ZIP, city and state agree
// using the tax engine's ZIP index (@autolytiq/calc's resolveZip) and fills the county; it reports
// what does not agree rather than guessing. The Google implementation (google-address.ts, used when
// GOOGLE_MAPS_API_KEY is set) answers behind the same interface.
import { resolveZip } from '@autolytiq/calc';

export type AddressKind = 'HOME' | 'MAILING' | 'BUSINESS' | 'OTHER';

export interface AddressRecord {
  kind: AddressKind;
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
  county: string | null;
}

export interface AddressInput {
  kind?: AddressKind | null;
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  zip: string;
  county?: string | null;
}

export interface AddressProblem {
  /** Relative to the address: "zip", "city", "state", "line1", "county". */
  field: string;
  message: string;
}

export interface AddressValidation {
  valid: boolean;
  normalized: AddressRecord | null;
  problems: AddressProblem[];
  /** Which validator answered (the Google one falls back to the offline one when Google is down). */
  checkedBy: string;
}

export interface AddressValidator {
  readonly name: string;
  validate(input: AddressInput): Promise<AddressValidation>;
}

// USPS codes of the 50 states, DC and the territories a customer may live in.
const STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY ' +
    'NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP'
  ).split(' '),
);

const comparable = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bfort\b/g, 'ft')
    .replace(/\bmount\b/g, 'mt')
    .replace(/[^a-z0-9]/g, '');

const comparableCounty = (s: string) => comparable(s.replace(/\b(county|parish|borough)\b/gi, ''));

/** Checks the parts that need no dataset: presence, lengths, state code, ZIP shape. */
export function basicAddressProblems(a: AddressInput): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const line1 = a.line1.trim();
  if (!line1 || line1.length > 200)
    problems.push({ field: 'line1', message: 'Enter 1–200 characters.' });
  if ((a.line2?.trim().length ?? 0) > 200)
    problems.push({ field: 'line2', message: 'At most 200 characters.' });
  const city = a.city.trim();
  if (!city || city.length > 100)
    problems.push({ field: 'city', message: 'Enter 1–100 characters.' });
  if (!STATES.has(a.state.trim().toUpperCase()))
    problems.push({ field: 'state', message: `Unknown state code ${JSON.stringify(a.state)}.` });
  if (!/^[0-9]{5}(-?[0-9]{4})?$/.test(a.zip.trim()))
    problems.push({ field: 'zip', message: 'ZIP must be 12345 or 12345-6789.' });
  return problems;
}

export function normalizeShape(a: AddressInput): AddressRecord {
  const zip = a.zip.trim();
  return {
    kind: a.kind ?? 'HOME',
    line1: a.line1.trim().replace(/\s+/g, ' '),
    line2: a.line2?.trim() || null,
    city: a.city.trim().replace(/\s+/g, ' '),
    state: a.state.trim().toUpperCase(),
    zip: /^\d{9}$/.test(zip) ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip,
    county: a.county?.trim() || null,
  };
}

/** The offline default: the ZIP index shipped with the tax engine (one preferred city per ZIP). */
export class OfflineAddressValidator implements AddressValidator {
  readonly name = 'offline-zip-index';

  validate(input: AddressInput): Promise<AddressValidation> {
    return Promise.resolve(this.validateSync(input));
  }

  validateSync(input: AddressInput): AddressValidation {
    const result = this.check(input);
    return { ...result, checkedBy: this.name };
  }

  private check(input: AddressInput): Omit<AddressValidation, 'checkedBy'> {
    const problems = basicAddressProblems(input);
    if (problems.length > 0) return { valid: false, normalized: null, problems };
    const a = normalizeShape(input);
    const place = resolveZip(a.zip);
    if (!place) {
      return {
        valid: false,
        normalized: null,
        problems: [
          { field: 'zip', message: `ZIP ${a.zip.slice(0, 5)} is not a known US ZIP code.` },
        ],
      };
    }
    if (place.state !== a.state) {
      problems.push({
        field: 'state',
        message: `ZIP ${a.zip.slice(0, 5)} is in ${place.state}, not ${a.state}.`,
      });
    }
    // The index names one preferred city per ZIP. A ZIP may have other acceptable place names; a
    // different name is reported for a person to confirm, never silently accepted or replaced.
    if (comparable(place.city) !== comparable(a.city)) {
      problems.push({
        field: 'city',
        message: `ZIP ${a.zip.slice(0, 5)} is ${place.city}, ${place.state}; the address says ${a.city}.`,
      });
    }
    if (a.county && comparableCounty(a.county) !== comparableCounty(place.county)) {
      problems.push({
        field: 'county',
        message: `ZIP ${a.zip.slice(0, 5)} is in ${place.county}, not ${a.county}.`,
      });
    }
    if (problems.length > 0) return { valid: false, normalized: null, problems };
    return { valid: true, normalized: { ...a, county: place.county }, problems: [] };
  }
}
