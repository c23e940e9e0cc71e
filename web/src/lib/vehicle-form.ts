// Adding and editing a vehicle by hand: the form's values (strings, as typed), their translation to the
// API's AddVehicleByVinInput / AddVehicleInput / UpdateVehicleInput (only changed fields), and server
// field paths back to form fields. Money stays a decimal string (decimal.js), never a JS float.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type {
  AddVehicleByVinInput,
  AddVehicleInput,
  InventoryCondition,
  UpdateVehicleInput,
  VehicleDetailFragment,
  VehicleStatus,
} from '../generated/graphql.ts';

export const CONDITIONS: InventoryCondition[] = ['NEW', 'USED', 'CPO'];
export const STATUSES: VehicleStatus[] = ['AVAILABLE', 'IN_TRANSIT', 'ON_HOLD', 'SOLD'];

export const CONDITION_LABELS: Record<InventoryCondition, string> = {
  NEW: 'New',
  USED: 'Used',
  CPO: 'Certified pre-owned',
};
export const STATUS_LABELS: Record<VehicleStatus, string> = {
  AVAILABLE: 'Available',
  IN_TRANSIT: 'In transit',
  ON_HOLD: 'On hold',
  SOLD: 'Sold',
};

/** The dealer's words for each field (labels, and the names tests and users look for). */
export const VEHICLE_LABELS = {
  vin: 'VIN',
  stockNumber: 'Stock number',
  year: 'Year',
  make: 'Make',
  model: 'Model',
  trim: 'Trim',
  body: 'Body',
  drivetrain: 'Drivetrain',
  engine: 'Engine',
  exteriorColor: 'Exterior color',
  interiorColor: 'Interior color',
  mileage: 'Mileage',
  condition: 'Condition',
  status: 'Status',
  inStockDate: 'In-stock date',
  msrp: 'MSRP',
  invoice: 'Invoice',
  cost: 'Dealer cost',
  listPrice: 'List price',
} as const;

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/i;
const MONEY = /^\d+(\.\d{1,2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "$27,995" → "27995" (what the server also accepts); '' stays ''. */
const moneyText = (s: string) => s.trim().replace(/^\$/, '').replace(/,/g, '');
/** "27,995" → "27995" miles. */
const milesText = (s: string) => s.trim().replace(/,/g, '');

/** A typed amount as the API's decimal string with two places ("27995" → "27995.00"); '' → null. */
export function canonicalMoney(s: string): string | null {
  const text = moneyText(s);
  if (text === '') return null;
  if (!MONEY.test(text)) throw new Error(`Not an amount: ${s}`);
  return new Decimal(text).toFixed(2);
}

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const money = z
  .string()
  .refine((s) => moneyText(s) === '' || MONEY.test(moneyText(s)), 'An amount such as 27995.00.');

const fields = {
  vin: z.string().trim().regex(VIN, 'A VIN is 17 letters and digits (no I, O or Q).'),
  stockNumber: z
    .string()
    .trim()
    .min(1, 'Enter the stock number.')
    .max(40, 'At most 40 characters.'),
  year: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{4}$/.test(s), 'A model year such as 2023.'),
  make: text(100),
  model: text(100),
  trim: text(100),
  body: text(100),
  drivetrain: text(100),
  engine: text(200),
  exteriorColor: text(100),
  interiorColor: text(100),
  // Whole miles, not negative; the server's range rules (at most 2,000,000) are the server's.
  mileage: z.string().refine((s) => /^\d+$/.test(milesText(s)), 'Whole miles, not negative.'),
  condition: z.enum(CONDITIONS as [InventoryCondition, ...InventoryCondition[]]),
  status: z.enum(STATUSES as [VehicleStatus, ...VehicleStatus[]]),
  /** YYYY-MM-DD (a date input); blank on the add form = today. */
  inStockDate: z
    .string()
    .trim()
    .refine((s) => s === '' || ISO_DATE.test(s), 'A date such as 2026-11-26.'),
  msrp: money,
  invoice: money,
  cost: money,
  listPrice: money,
};

/** Adding: year, make and model may come from the VIN decode (blank = decoded). */
export const addVehicleSchema = z.object(fields);

/** Editing: the vehicle's identity is required. */
export const editVehicleSchema = z.object({
  ...fields,
  year: fields.year.refine((s) => s !== '', 'Enter the model year.'),
  make: fields.make.min(1, 'Enter the make.'),
  model: fields.model.min(1, 'Enter the model.'),
  inStockDate: fields.inStockDate.refine((s) => s !== '', 'Enter the in-stock date.'),
});

export type VehicleFormValues = z.infer<typeof addVehicleSchema>;
export type VehicleField = keyof VehicleFormValues;

export const EMPTY_VEHICLE: VehicleFormValues = {
  vin: '',
  stockNumber: '',
  year: '',
  make: '',
  model: '',
  trim: '',
  body: '',
  drivetrain: '',
  engine: '',
  exteriorColor: '',
  interiorColor: '',
  mileage: '0',
  condition: 'USED',
  status: 'AVAILABLE',
  inStockDate: '',
  msrp: '',
  invoice: '',
  cost: '',
  listPrice: '',
};

/** What the VIN decode fills in on the add form (when the decode has it). */
export const DECODED_FIELDS = [
  'year',
  'make',
  'model',
  'trim',
  'body',
  'drivetrain',
  'engine',
] as const;

const opt = (s: string) => (s.trim() === '' ? null : s.trim());
/** Only what was typed: blank fields are left out (the decode or the server's default applies). */
const given = (s: string) => opt(s) ?? undefined;
const givenMoney = (s: string) => canonicalMoney(s) ?? undefined;

/**
 * The add input. Dealer cost and invoice only for users who may see them (`canSeeCost`): others never
 * send them. Blank year/make/model/… are left to the VIN decode (addVehicleByVin).
 */
export function toAddInput(v: VehicleFormValues, canSeeCost: boolean): AddVehicleByVinInput {
  const input: AddVehicleByVinInput = {
    vin: v.vin.trim().toUpperCase(),
    stockNumber: v.stockNumber.trim(),
    mileage: Number(milesText(v.mileage)),
    condition: v.condition,
    status: v.status,
    year: opt(v.year) === null ? undefined : Number(v.year.trim()),
    make: given(v.make),
    model: given(v.model),
    trim: given(v.trim),
    body: given(v.body),
    drivetrain: given(v.drivetrain),
    engine: given(v.engine),
    exteriorColor: given(v.exteriorColor),
    interiorColor: given(v.interiorColor),
    inStockDate: given(v.inStockDate),
    msrp: givenMoney(v.msrp),
    listPrice: givenMoney(v.listPrice),
    ...(canSeeCost ? { invoice: givenMoney(v.invoice), cost: givenMoney(v.cost) } : {}),
  };
  // No `undefined` keys on the wire: what is not given is absent.
  for (const key of Object.keys(input) as Array<keyof AddVehicleByVinInput>)
    if (input[key] === undefined) delete input[key];
  return input;
}

/**
 * The same as a full addVehicle input (a VIN the decode database does not know: the dealer types the
 * details), or the form fields still missing for it.
 */
export function toManualAddInput(
  v: VehicleFormValues,
  canSeeCost: boolean,
): { input: AddVehicleInput } | { missing: Partial<Record<VehicleField, string>> } {
  const missing: Partial<Record<VehicleField, string>> = {};
  if (!opt(v.year)) missing.year = 'Enter the model year (the VIN did not decode).';
  if (!opt(v.make)) missing.make = 'Enter the make (the VIN did not decode).';
  if (!opt(v.model)) missing.model = 'Enter the model (the VIN did not decode).';
  if (Object.keys(missing).length) return { missing };
  const input = toAddInput(v, canSeeCost);
  return {
    input: { ...input, year: input.year!, make: input.make!, model: input.model! },
  };
}

const str = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '' : String(v);

/** The edit form's starting values; `costs` (invoice and dealer cost) only for users who may see them. */
export function fromVehicle(
  v: VehicleDetailFragment,
  costs?: { invoice?: string | null; cost?: string | null } | null,
): VehicleFormValues {
  return {
    vin: v.vin,
    stockNumber: v.stockNumber,
    year: String(v.year),
    make: v.make,
    model: v.model,
    trim: str(v.trim),
    body: str(v.body),
    drivetrain: str(v.drivetrain),
    engine: str(v.engine),
    exteriorColor: str(v.exteriorColor),
    interiorColor: str(v.interiorColor),
    mileage: String(v.mileage),
    condition: v.condition,
    status: v.status,
    inStockDate: v.inStockDate,
    msrp: str(v.msrp),
    invoice: str(costs?.invoice),
    cost: str(costs?.cost),
    listPrice: str(v.listPrice),
  };
}

export type VehiclePatch = Omit<UpdateVehicleInput, 'id' | 'version'>;

const TEXT_FIELDS = [
  'trim',
  'body',
  'drivetrain',
  'engine',
  'exteriorColor',
  'interiorColor',
] as const;

/**
 * What changed between `initial` and `values`, as UpdateVehicleInput fields (the caller adds id and
 * version). A cleared optional field is sent as null (clears it); "27995" and "27995.00" are the same
 * amount (unchanged). Without `canSeeCost` invoice and dealer cost are never sent.
 */
export function toVehiclePatch(
  values: VehicleFormValues,
  initial: VehicleFormValues,
  canSeeCost: boolean,
): VehiclePatch {
  const patch: VehiclePatch = {};
  const differs = (key: VehicleField) => values[key].trim() !== initial[key].trim();
  if (values.vin.trim().toUpperCase() !== initial.vin.trim().toUpperCase())
    patch.vin = values.vin.trim().toUpperCase();
  if (differs('stockNumber')) patch.stockNumber = values.stockNumber.trim();
  if (differs('year')) patch.year = Number(values.year.trim());
  if (differs('make')) patch.make = values.make.trim();
  if (differs('model')) patch.model = values.model.trim();
  for (const key of TEXT_FIELDS) if (differs(key)) patch[key] = opt(values[key]);
  if (milesText(values.mileage) !== milesText(initial.mileage))
    patch.mileage = Number(milesText(values.mileage));
  if (values.condition !== initial.condition) patch.condition = values.condition;
  if (values.status !== initial.status) patch.status = values.status;
  if (differs('inStockDate')) patch.inStockDate = values.inStockDate.trim();
  const moneyKeys = canSeeCost
    ? (['msrp', 'listPrice', 'invoice', 'cost'] as const)
    : (['msrp', 'listPrice'] as const);
  for (const key of moneyKeys) {
    const next = canonicalMoney(values[key]);
    if (next !== canonicalMoney(initial[key])) patch[key] = next;
  }
  return patch;
}

/** `vin` / `listPrice` (after the `input.` prefix is gone) → the form field, if the form has it. */
export function vehicleFieldOf(serverPath: string): VehicleField | undefined {
  return Object.hasOwn(EMPTY_VEHICLE, serverPath) ? (serverPath as VehicleField) : undefined;
}
