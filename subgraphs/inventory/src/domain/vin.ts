// Offline VIN rules (49 CFR 565): length, alphabet, check digit (565.15(b)… Table IV), model year
// from position 10 (565.15(c), cycle chosen by position 7), manufacturer from the WMI. Pure functions.

const VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
}; // prettier-ignore

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** Position-10 codes in order; code i means 1980 + i (+ 30 per cycle). */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

/** A small table of common world manufacturer identifiers (positions 1-3). */
const WMI: Record<string, string> = {
  '1G1': 'Chevrolet', '1G4': 'Buick', '1G6': 'Cadillac', '1GC': 'Chevrolet Truck', '1GT': 'GMC Truck',
  '1GN': 'Chevrolet', '1GK': 'GMC', '1FA': 'Ford', '1FM': 'Ford', '1FT': 'Ford Truck', '1FD': 'Ford',
  '1LN': 'Lincoln', '1HG': 'Honda', '19X': 'Honda', '2HG': 'Honda', '5FN': 'Honda', '5J6': 'Honda',
  'JHM': 'Honda', '19U': 'Acura', 'JH4': 'Acura', '1N4': 'Nissan', '1N6': 'Nissan', '5N1': 'Nissan',
  'JN1': 'Nissan', 'JN8': 'Nissan', '3N1': 'Nissan', '1C4': 'Chrysler / Jeep', '1C6': 'Ram',
  '1C3': 'Chrysler', '2C3': 'Chrysler', '1J4': 'Jeep', '3C6': 'Ram', '4T1': 'Toyota', '4T3': 'Toyota',
  '5TD': 'Toyota', '5TF': 'Toyota', '2T1': 'Toyota', '2T3': 'Toyota', 'JTD': 'Toyota', 'JTE': 'Toyota',
  'JTN': 'Toyota', 'JTM': 'Toyota', 'JTH': 'Lexus', '2T2': 'Lexus', '5YJ': 'Tesla', '7SA': 'Tesla',
  'KM8': 'Hyundai', 'KMH': 'Hyundai', '5NP': 'Hyundai', '5NM': 'Hyundai', 'KNA': 'Kia', 'KND': 'Kia',
  '5XY': 'Kia', '3KP': 'Kia', 'JM1': 'Mazda', 'JM3': 'Mazda', 'JF1': 'Subaru', 'JF2': 'Subaru',
  '4S3': 'Subaru', '4S4': 'Subaru', 'JA4': 'Mitsubishi', 'ML3': 'Mitsubishi', 'WBA': 'BMW', 'WBS': 'BMW M',
  '5UX': 'BMW', 'WDD': 'Mercedes-Benz', 'WDC': 'Mercedes-Benz', 'W1K': 'Mercedes-Benz', '4JG': 'Mercedes-Benz',
  'WVW': 'Volkswagen', 'WVG': 'Volkswagen', '3VW': 'Volkswagen', '1VW': 'Volkswagen', 'WAU': 'Audi',
  'WA1': 'Audi', 'WP0': 'Porsche', 'WP1': 'Porsche', 'YV1': 'Volvo', 'YV4': 'Volvo', 'SAL': 'Land Rover',
  'SAJ': 'Jaguar', 'ZFF': 'Ferrari', 'ZAR': 'Alfa Romeo', '1M8': 'Motor Coach Industries',
  '3GN': 'Chevrolet', '3GC': 'Chevrolet Truck', '2GN': 'Chevrolet', '1GY': 'Cadillac', '7FA': 'Honda',
}; // prettier-ignore

const REGIONS: Array<[RegExp, string]> = [
  [/^[1-5]/, 'North America'],
  [/^[6-7]/, 'Oceania'],
  [/^[89]/, 'South America'],
  [/^[A-H]/, 'Africa'],
  [/^[J-R]/, 'Asia'],
  [/^[S-Z]/, 'Europe'],
];

export interface VinCheckResult {
  vin: string;
  valid: boolean;
  problems: string[];
  checkDigit: string | null;
  expectedCheckDigit: string | null;
  modelYear: number | null;
  wmi: string | null;
  manufacturer: string | null;
  region: string | null;
}

/** Upper-cases and strips spaces and dashes (how people paste VINs). */
export function normalizeVin(vin: string): string {
  return vin.replace(/[\s-]/g, '').toUpperCase();
}

/** The check digit a 17-character VIN of allowed characters must carry ('0'-'9' or 'X'). */
export function computeCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = VALUES[vin[i]!];
    if (value === undefined) throw new Error(`not a VIN character: ${vin[i]}`);
    sum += value * WEIGHTS[i]!;
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Model year from position 10. The code repeats every 30 years; 565.15(c): for passenger cars,
 * MPVs and light trucks, a numeric position 7 means 1980-2009 and a letter 2010-2039. A year more than
 * one year ahead of `today` falls back one cycle (vehicle types the rule does not cover).
 */
export function modelYearOf(vin: string, today = new Date()): number | null {
  const index = YEAR_CODES.indexOf(vin[9] ?? '');
  if (index < 0) return null;
  const alphaSeven = /[A-Z]/.test(vin[6] ?? '');
  let year = 1980 + index + (alphaSeven ? 30 : 0);
  if (year > today.getUTCFullYear() + 1 && year - 30 >= 1980) year -= 30;
  return year;
}

export function manufacturerOf(vin: string): {
  wmi: string;
  manufacturer: string | null;
  region: string | null;
} {
  const wmi = vin.slice(0, 3);
  const region = REGIONS.find(([re]) => re.test(wmi))?.[1] ?? null;
  return { wmi, manufacturer: WMI[wmi] ?? null, region };
}

/** The full offline check. Never throws; what is wrong is listed in `problems`. */
export function checkVin(raw: string, today = new Date()): VinCheckResult {
  const vin = normalizeVin(raw);
  const problems: string[] = [];
  const result: VinCheckResult = {
    vin,
    valid: false,
    problems,
    checkDigit: null,
    expectedCheckDigit: null,
    modelYear: null,
    wmi: null,
    manufacturer: null,
    region: null,
  };
  if (vin.length !== 17) problems.push(`A VIN has 17 characters; this one has ${vin.length}.`);
  const bad = [...new Set([...vin].filter((c) => VALUES[c] === undefined))];
  if (bad.length > 0) {
    const ioq = bad.filter((c) => 'IOQ'.includes(c));
    problems.push(
      ioq.length > 0
        ? `A VIN never contains I, O or Q (found ${ioq.join(', ')}).`
        : `A VIN holds only letters and digits (found ${bad.map((c) => JSON.stringify(c)).join(', ')}).`,
    );
  }
  if (vin.length >= 3 && bad.length === 0) Object.assign(result, manufacturerOf(vin));
  if (vin.length !== 17 || bad.length > 0) return result;
  result.checkDigit = vin[8]!;
  result.expectedCheckDigit = computeCheckDigit(vin);
  result.modelYear = modelYearOf(vin, today);
  if (result.checkDigit !== result.expectedCheckDigit) {
    problems.push(
      `Check digit mismatch: position 9 is ${result.checkDigit}, but the VIN's characters give ${result.expectedCheckDigit}. A character is probably mistyped.`,
    );
  }
  if (result.modelYear === null) problems.push(`Position 10 (${vin[9]}) is not a model-year code.`);
  result.valid = problems.length === 0;
  return result;
}
