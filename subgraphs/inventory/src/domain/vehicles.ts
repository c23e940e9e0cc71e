// The vehicle record and its rules: input validation with field-level errors, money as decimal.js.
import { badInput, localDate } from '@autolytiq/kit';
import { Decimal } from 'decimal.js';
import { checkVin } from './vin.ts';

export const CONDITIONS = ['NEW', 'USED', 'CPO'] as const;
export const STATUSES = ['AVAILABLE', 'ON_HOLD', 'SOLD', 'IN_TRANSIT'] as const;
export type Condition = (typeof CONDITIONS)[number];
export type Status = (typeof STATUSES)[number];

/** The stored vehicle as resolvers see it. Money is exact (decimal.js), never a float. */
export interface VehicleRecord {
  id: string;
  vin: string;
  stockNumber: string;
  year: number;
  make: string;
  model: string;
  trim: string | null;
  body: string | null;
  drivetrain: string | null;
  engine: string | null;
  exteriorColor: string | null;
  interiorColor: string | null;
  mileage: number;
  condition: Condition;
  msrp: Decimal | null;
  invoice: Decimal | null;
  cost: Decimal | null;
  listPrice: Decimal | null;
  status: Status;
  inStockDate: string;
  daysInStock: number;
  photos: string[];
  options: string[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What is written: every stored field but the ones the database owns. */
export type VehicleDraft = Omit<
  VehicleRecord,
  'id' | 'daysInStock' | 'createdAt' | 'updatedAt' | 'version'
>;

/** Raw input as GraphQL delivers it (money as strings). */
export interface VehicleInput {
  vin?: string | null;
  stockNumber?: string | null;
  year?: number | null;
  make?: string | null;
  model?: string | null;
  trim?: string | null;
  body?: string | null;
  drivetrain?: string | null;
  engine?: string | null;
  exteriorColor?: string | null;
  interiorColor?: string | null;
  mileage?: number | null;
  condition?: string | null;
  msrp?: string | null;
  invoice?: string | null;
  cost?: string | null;
  listPrice?: string | null;
  status?: string | null;
  inStockDate?: string | null;
  photos?: readonly string[] | null;
  options?: readonly string[] | null;
}

const MONEY_MAX = new Decimal('9999999999.99');
const MONEY_TEXT = /^\d+(\.\d{1,2})?$/;

/** A money amount: non-negative, at most two decimals, fits numeric(12,2). */
export function parseMoney(field: string, value: string | null | undefined): Decimal | null {
  if (value === null || value === undefined) return null;
  const text = value.trim().replace(/,/g, '').replace(/^\$/, '');
  if (!MONEY_TEXT.test(text)) {
    throw badInput(
      field,
      `${JSON.stringify(value)} is not an amount in dollars such as "24995.00".`,
    );
  }
  const amount = new Decimal(text);
  if (amount.gt(MONEY_MAX)) throw badInput(field, 'The amount is too large.');
  return amount;
}

function requiredText(field: string, value: string | null | undefined, max = 100): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw badInput(field, 'This is required.');
  if (text.length > max) throw badInput(field, `At most ${max} characters.`);
  return text;
}

function optionalText(field: string, value: string | null | undefined, max = 100): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length > max) throw badInput(field, `At most ${max} characters.`);
  return text.length === 0 ? null : text;
}

export function validVin(field: string, value: string | null | undefined): string {
  const check = checkVin(value ?? '');
  if (!check.valid) throw badInput(field, check.problems.join(' '), { vinCheck: check });
  return check.vin;
}

function validYear(field: string, value: number | null | undefined, today: Date): number {
  const max = today.getUTCFullYear() + 2;
  if (
    value === null ||
    value === undefined ||
    !Number.isInteger(value) ||
    value < 1900 ||
    value > max
  )
    throw badInput(field, `The model year must be a whole number from 1900 to ${max}.`);
  return value;
}

function validMileage(field: string, value: number | null | undefined): number {
  if (
    value === null ||
    value === undefined ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > 2_000_000
  )
    throw badInput(field, 'Mileage must be a whole number from 0 to 2,000,000.');
  return value;
}

function oneOf<T extends string>(
  field: string,
  allowed: readonly T[],
  value: string | null | undefined,
): T {
  if (!value || !allowed.includes(value as T))
    throw badInput(field, `Must be one of ${allowed.join(', ')}.`);
  return value as T;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(
  field: string,
  value: string | null | undefined,
  today: Date,
  timezone: string | undefined,
): string {
  // Left out: the dealership's today (a car added at 7 pm in Austin arrived today, not tomorrow).
  if (value === null || value === undefined) return localDate(timezone, today);
  const d = new Date(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw badInput(field, 'Must be a date YYYY-MM-DD.');
  if (d.getTime() > today.getTime() + 366 * 86_400_000)
    throw badInput(field, 'The in-stock date is more than a year ahead.');
  return value;
}

function validPhotos(field: string, value: readonly string[] | null | undefined): string[] {
  const photos = (value ?? []).map((p) => p.trim());
  if (photos.length > 100) throw badInput(field, 'At most 100 photos.');
  photos.forEach((p, i) => {
    let ok: boolean;
    try {
      const url = new URL(p);
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && p.length <= 2000;
    } catch {
      ok = false;
    }
    if (!ok) throw badInput(`${field}.${i}`, `${JSON.stringify(p)} is not an http(s) URL.`);
  });
  return photos;
}

function validOptions(field: string, value: readonly string[] | null | undefined): string[] {
  const options = (value ?? []).map((o) => o.trim()).filter((o) => o.length > 0);
  if (options.length > 200) throw badInput(field, 'At most 200 options.');
  options.forEach((o, i) => {
    if (o.length > 200) throw badInput(`${field}.${i}`, 'At most 200 characters.');
  });
  return options;
}

/** Validates a complete vehicle; `prefix` names the input object in error fields ("input"). */
export function validateVehicle(
  input: VehicleInput,
  prefix = 'input',
  today = new Date(),
  /** The dealership's time zone: what "today" is for a vehicle given no in-stock date. */
  timezone?: string,
): VehicleDraft {
  const f = (name: string) => `${prefix}.${name}`;
  return {
    vin: validVin(f('vin'), input.vin),
    stockNumber: requiredText(f('stockNumber'), input.stockNumber, 40),
    year: validYear(f('year'), input.year, today),
    make: requiredText(f('make'), input.make),
    model: requiredText(f('model'), input.model),
    trim: optionalText(f('trim'), input.trim),
    body: optionalText(f('body'), input.body),
    drivetrain: optionalText(f('drivetrain'), input.drivetrain),
    engine: optionalText(f('engine'), input.engine, 200),
    exteriorColor: optionalText(f('exteriorColor'), input.exteriorColor),
    interiorColor: optionalText(f('interiorColor'), input.interiorColor),
    mileage: validMileage(f('mileage'), input.mileage),
    condition: oneOf(f('condition'), CONDITIONS, input.condition),
    msrp: parseMoney(f('msrp'), input.msrp),
    invoice: parseMoney(f('invoice'), input.invoice),
    cost: parseMoney(f('cost'), input.cost),
    listPrice: parseMoney(f('listPrice'), input.listPrice),
    status: oneOf(f('status'), STATUSES, input.status ?? 'AVAILABLE'),
    inStockDate: validDate(f('inStockDate'), input.inStockDate, today, timezone),
    photos: validPhotos(f('photos'), input.photos),
    options: validOptions(f('options'), input.options),
  };
}

const money = (d: Decimal | null) => (d === null ? null : d.toFixed(2));

/** The current record as input, so a patch can be validated as a whole vehicle. */
export function toInput(v: VehicleDraft): VehicleInput {
  return {
    ...v,
    msrp: money(v.msrp),
    invoice: money(v.invoice),
    cost: money(v.cost),
    listPrice: money(v.listPrice),
  };
}

/** Applies the fields present in `patch` (explicit null clears) and validates the result. */
export function applyPatch(
  current: VehicleRecord,
  patch: VehicleInput,
  prefix = 'input',
): VehicleDraft {
  const merged: VehicleInput = toInput(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return validateVehicle(merged, prefix);
}
