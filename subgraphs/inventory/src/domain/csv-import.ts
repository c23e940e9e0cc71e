// CSV inventory import: parse (RFC 4180: quotes, doubled quotes, CRLF), map a dealer export's headers,
// validate every row with the same rules as addVehicle, and report row-level errors. Saving is the
// service's job (one transaction per batch).
import { badInput, parseCsv, type AppError } from '@autolytiq/kit';

export { parseCsv };
import { validateVehicle, type VehicleDraft, type VehicleInput } from './vehicles.ts';

export const MAX_IMPORT_ROWS = 20_000;

/** Header (lower-case, letters and digits only) → input field. */
const HEADERS: Record<string, keyof VehicleInput> = {
  vin: 'vin',
  stock: 'stockNumber',
  stocknumber: 'stockNumber',
  stockno: 'stockNumber',
  year: 'year',
  modelyear: 'year',
  make: 'make',
  model: 'model',
  trim: 'trim',
  body: 'body',
  bodystyle: 'body',
  drivetrain: 'drivetrain',
  drive: 'drivetrain',
  engine: 'engine',
  exteriorcolor: 'exteriorColor',
  extcolor: 'exteriorColor',
  color: 'exteriorColor',
  interiorcolor: 'interiorColor',
  intcolor: 'interiorColor',
  mileage: 'mileage',
  miles: 'mileage',
  odometer: 'mileage',
  condition: 'condition',
  type: 'condition',
  newused: 'condition',
  msrp: 'msrp',
  invoice: 'invoice',
  cost: 'cost',
  price: 'listPrice',
  listprice: 'listPrice',
  internetprice: 'listPrice',
  status: 'status',
  instockdate: 'inStockDate',
  datereceived: 'inStockDate',
  photos: 'photos',
  photourls: 'photos',
  options: 'options',
};

const CONDITION_WORDS: Record<string, string> = {
  new: 'NEW',
  n: 'NEW',
  used: 'USED',
  u: 'USED',
  preowned: 'USED',
  cpo: 'CPO',
  certified: 'CPO',
  certifiedpreowned: 'CPO',
};

export interface ImportRowError {
  /** 1-based line in the file (the header is line 1). */
  row: number;
  field: string | null;
  message: string;
}

/** What a re-import (a DMS feed) changes on a unit already in inventory, when the file has it. */
export const FEED_FIELDS = ['listPrice', 'mileage', 'status'] as const;
export type FeedField = (typeof FEED_FIELDS)[number];

export interface ValidatedImport {
  good: Array<{ row: number; draft: VehicleDraft }>;
  errors: ImportRowError[];
  rows: number;
  /** The feed fields the file has a column for: only those change on vehicles already in inventory. */
  feedFields: FeedField[];
}

const key = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

function toInt(v: string): number | null {
  const t = v.replace(/[,\s]/g, '');
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** A US dealer export's date (11/20/2026, 1/5/26) as YYYY-MM-DD; anything else as given. */
function isoDate(value: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(value);
  if (!us) return value;
  const year = us[3]!.length === 2 ? `20${us[3]}` : us[3]!;
  return `${year}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
}

/** Validates every row; never throws for a bad row (only for a file it cannot read at all). */
export function validateCsv(text: string, today = new Date(), timezone?: string): ValidatedImport {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (error) {
    throw badInput('csv', `The CSV cannot be read: ${(error as Error).message}.`);
  }
  const [header, ...body] = table;
  if (!header) throw badInput('csv', 'The CSV is empty.');
  if (body.length > MAX_IMPORT_ROWS)
    throw badInput('csv', `At most ${MAX_IMPORT_ROWS} rows per import.`);
  const columns = header.map((h) => HEADERS[key(h)] ?? null);
  for (const required of ['vin', 'stockNumber', 'year', 'make', 'model'] as const) {
    if (!columns.includes(required)) throw badInput('csv', `The CSV has no ${required} column.`);
  }
  const good: ValidatedImport['good'] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  const seenStock = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    // More values than headers: almost always an unquoted comma ("$27,995"), which shifts every
    // later value into the wrong column; saying so beats a confusing error on some later column.
    const extra = cells.slice(header.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      errors.push({
        row,
        field: null,
        message: `This line has ${cells.length} values but the header has ${header.length}; a value with a comma (such as "$27,995") must be in double quotes.`,
      });
      return;
    }
    const input: Record<string, unknown> = {};
    columns.forEach((field, i) => {
      const value = (cells[i] ?? '').trim();
      if (!field || value === '') return;
      if (field === 'year' || field === 'mileage') input[field] = toInt(value);
      else if (field === 'condition') input[field] = CONDITION_WORDS[key(value)] ?? value;
      else if (field === 'status') input[field] = value.toUpperCase().replace(/[\s-]+/g, '_');
      else if (field === 'inStockDate') input[field] = isoDate(value);
      else if (field === 'photos' || field === 'options')
        input[field] = value
          .split(/[|;]/)
          .map((s) => s.trim())
          .filter(Boolean);
      else input[field] = value;
    });
    input.mileage ??= input.condition === 'NEW' ? 0 : undefined;
    input.condition ??= 'USED';
    try {
      const draft = validateVehicle(input as VehicleInput, 'row', today, timezone);
      const earlier = seen.get(draft.vin);
      if (earlier !== undefined) {
        errors.push({ row, field: 'vin', message: `VIN ${draft.vin} is also on line ${earlier}.` });
        return;
      }
      const stockKey = draft.stockNumber.toUpperCase();
      const earlierStock = seenStock.get(stockKey);
      if (earlierStock !== undefined) {
        errors.push({
          row,
          field: 'stockNumber',
          message: `Stock number ${draft.stockNumber} is also on line ${earlierStock}.`,
        });
        return;
      }
      seen.set(draft.vin, row);
      seenStock.set(stockKey, row);
      good.push({ row, draft });
    } catch (error) {
      const ext = (error as AppError).extensions as { field?: string } | undefined;
      errors.push({
        row,
        field: ext?.field?.replace(/^row\./, '') ?? null,
        message: (error as Error).message,
      });
    }
  });
  const feedFields = FEED_FIELDS.filter((f) => columns.includes(f));
  return { good, errors, rows: body.length, feedFields };
}
