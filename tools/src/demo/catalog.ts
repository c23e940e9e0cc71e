// What the demo lot carries: VIN patterns (positions 1–8 and the plant code, position 11) that the
// offline vPIC database decodes for the listed model years, checked by tools/test/demo-seed.test.ts.
// The decoder — not this table — names make, model, trim and body, so the lot shows what a VIN
// decode would show.
import { computeCheckDigit } from '@autolytiq/inventory';
import type { Random } from './random.ts';

export interface VinPattern {
  /** Positions 1–8 of the VIN. */
  prefix: string;
  /** Position 11 (assembly plant). */
  plant: string;
  /** Model years the offline database decodes this pattern for. */
  years: readonly number[];
  /** Sticker price of the newest listed year, in dollars (the others are derived from it). */
  msrp: number;
  /** Sold new here (franchise brands); the rest arrive only as used trade-ins and auction buys. */
  franchise: boolean;
}

// prettier-ignore
export const VIN_PATTERNS: readonly VinPattern[] = [
  { prefix: '4T1DAACK', plant: 'S', years: [2025, 2026, 2027], msrp: 30_500, franchise: true }, // Camry
  { prefix: '5YFB4MDE', plant: 'S', years: [2025, 2026, 2027], msrp: 23_500, franchise: true }, // Corolla
  { prefix: '3TYLB5JN', plant: 'S', years: [2024, 2025, 2026, 2027], msrp: 41_000, franchise: true }, // Tacoma
  { prefix: '5TFLA5DB', plant: '1', years: [2022, 2024, 2025, 2026, 2027], msrp: 52_000, franchise: true }, // Tundra
  { prefix: '2HGFE2F5', plant: 'S', years: [2022, 2024, 2025, 2026, 2027], msrp: 27_500, franchise: true }, // Civic
  { prefix: '1HGCY1F3', plant: 'S', years: [2024, 2025, 2026, 2027], msrp: 31_000, franchise: true }, // Accord
  { prefix: '7FARS4H7', plant: 'S', years: [2024, 2025, 2026, 2027], msrp: 37_500, franchise: true }, // CR-V
  { prefix: '3CZRZ1H3', plant: 'S', years: [2024, 2025, 2026, 2027], msrp: 26_500, franchise: true }, // HR-V
  { prefix: '3GNAXHEG', plant: 'S', years: [2022, 2024, 2025, 2026, 2027], msrp: 31_000, franchise: true }, // Equinox
  { prefix: '1GCUYDED', plant: 'Z', years: [2019, 2021, 2023, 2025, 2026, 2027], msrp: 52_000, franchise: true }, // Silverado
  { prefix: '1FTFW3L8', plant: 'F', years: [2024, 2025, 2026, 2027], msrp: 55_000, franchise: true }, // F-150
  { prefix: '1FMCU9G6', plant: 'L', years: [2019, 2021, 2023, 2025, 2026, 2027], msrp: 30_000, franchise: true }, // Escape
  { prefix: '5NMJBCDE', plant: 'S', years: [2022, 2024, 2025, 2026, 2027], msrp: 32_500, franchise: false }, // Tucson
  { prefix: 'KMHLM4DG', plant: 'U', years: [2022, 2024, 2025], msrp: 24_500, franchise: false }, // Elantra
  { prefix: '5XYK33DF', plant: 'S', years: [2024, 2025], msrp: 32_000, franchise: false }, // Sportage
  { prefix: '5XYP34GC', plant: 'G', years: [2022, 2024], msrp: 45_500, franchise: false }, // Telluride
  { prefix: '3GTUUDED', plant: 'G', years: [2022, 2024, 2025], msrp: 62_000, franchise: false }, // Sierra
  { prefix: '1C4RJHAG', plant: 'C', years: [2022, 2024, 2025], msrp: 42_000, franchise: false }, // Grand Cherokee
  { prefix: '1C6SRFFT', plant: 'N', years: [2019, 2025], msrp: 50_000, franchise: false }, // Ram 1500
  { prefix: 'JN8BT3BB', plant: 'W', years: [2022, 2024, 2025], msrp: 32_000, franchise: false }, // Rogue
  { prefix: '1N4BL4BV', plant: 'C', years: [2019, 2021, 2023, 2025], msrp: 27_500, franchise: false }, // Altima
  { prefix: 'JM3KFBCM', plant: '0', years: [2019, 2021, 2025], msrp: 31_500, franchise: false }, // CX-5
  { prefix: '5YJ3E1EA', plant: 'F', years: [2019, 2021, 2023, 2025], msrp: 42_000, franchise: false }, // Model 3
  { prefix: '2T3P1RFV', plant: 'M', years: [2019, 2021, 2023], msrp: 31_000, franchise: false }, // RAV4
  { prefix: '3TMCZ5AN', plant: 'M', years: [2019, 2021, 2023], msrp: 36_000, franchise: false }, // Tacoma
  { prefix: '2HKRW2H8', plant: 'M', years: [2019, 2021], msrp: 33_000, franchise: false }, // CR-V
  { prefix: '1FMSK8DH', plant: 'L', years: [2019, 2021, 2023], msrp: 40_000, franchise: false }, // Explorer
  { prefix: '2GNAXKEV', plant: '6', years: [2019, 2021, 2023], msrp: 29_000, franchise: false }, // Equinox
  { prefix: '1G1ZD5ST', plant: 'F', years: [2019, 2021, 2023], msrp: 26_000, franchise: false }, // Malibu
  { prefix: '1C4HJXDG', plant: 'W', years: [2019, 2021], msrp: 38_000, franchise: false }, // Wrangler
  { prefix: '3VWC57BU', plant: 'M', years: [2019, 2021], msrp: 22_000, franchise: false }, // Jetta
];

/** Position-10 model-year codes; code i means 1980 + i, repeating every 30 years (49 CFR 565.15). */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

/** A VIN of `pattern` for `year` with serial `serial` (positions 12–17) and a correct check digit. */
export function vinFor(pattern: VinPattern, year: number, serial: number): string {
  const code = YEAR_CODES[(year - 1980) % 30]!;
  const draft = `${pattern.prefix}0${code}${pattern.plant}${String(serial).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${computeCheckDigit(draft)}${draft.slice(9)}`;
}

export const EXTERIOR_COLORS = [
  'Super White', 'Midnight Black Metallic', 'Celestial Silver', 'Magnetic Gray', 'Blueprint',
  'Supersonic Red', 'Oxford White', 'Agate Black', 'Iconic Silver', 'Summit White', 'Radiant Red',
  'Lunar Silver', 'Sonic Gray Pearl', 'Platinum White Pearl', 'Cement', 'Army Green',
] as const; // prettier-ignore

export const INTERIOR_COLORS = ['Black', 'Gray', 'Ash', 'Black Leather', 'Boulder', 'Jet Black'];

export const OPTIONS = [
  'Convenience Package', 'Technology Package', 'Tow Package', 'Moonroof', 'All-Weather Floor Liners',
  'Heated Seats', 'Premium Audio', 'Running Boards', 'Bed Liner', 'Remote Start', 'Wheel Locks',
] as const; // prettier-ignore

export function optionsFor(random: Random): string[] {
  const count = random.int(0, 3);
  return random.shuffle(OPTIONS).slice(0, count);
}
