// Vehicle search: validated filter → one SQL statement with keyset (cursor) pagination. The sort key
// always ends with id so the order is total and a cursor names an exact position.
import { badInput, cursorValue, decodeCursor, encodeCursor, pageSize } from '@autolytiq/kit';
import { parseMoney, type Condition, type Status } from './vehicles.ts';

export const SORTS = [
  'PRICE_ASC',
  'PRICE_DESC',
  'YEAR_ASC',
  'YEAR_DESC',
  'DAYS_IN_STOCK_ASC',
  'DAYS_IN_STOCK_DESC',
] as const;
export type VehicleSort = (typeof SORTS)[number];

export interface VehicleFilterInput {
  make?: string | null;
  model?: string | null;
  yearMin?: number | null;
  yearMax?: number | null;
  priceMin?: string | null;
  priceMax?: string | null;
  mileageMin?: number | null;
  mileageMax?: number | null;
  condition?: readonly Condition[] | null;
  status?: readonly Status[] | null;
  daysInStockMin?: number | null;
  daysInStockMax?: number | null;
  text?: string | null;
}

interface SortSpec {
  /**
   * SQL expression (matching an index) and the cast of its cursor value. Columns are qualified: a bare
   * name in ORDER BY would mean the output column of the same name (in_stock_date::text), and no index.
   */
  expr: string;
  cast: string;
  desc: boolean;
  /** The value of the expression for a row, as text for the cursor. */
  column: string;
}

const SORT_SPECS: Record<VehicleSort, SortSpec> = {
  PRICE_ASC: { expr: 'vehicles.price_cents', cast: 'bigint', desc: false, column: 'vehicles.price_cents::text' },
  PRICE_DESC: { expr: 'vehicles.price_cents', cast: 'bigint', desc: true, column: 'vehicles.price_cents::text' },
  YEAR_ASC: { expr: 'vehicles.year', cast: 'integer', desc: false, column: 'vehicles.year::text' },
  YEAR_DESC: { expr: 'vehicles.year', cast: 'integer', desc: true, column: 'vehicles.year::text' },
  // Fewest days in stock = latest in-stock date.
  DAYS_IN_STOCK_ASC: { expr: 'vehicles.in_stock_date', cast: 'date', desc: true, column: 'vehicles.in_stock_date::text' },
  DAYS_IN_STOCK_DESC: { expr: 'vehicles.in_stock_date', cast: 'date', desc: false, column: 'vehicles.in_stock_date::text' },
}; // prettier-ignore

export interface SearchQuery {
  /** WHERE conditions joined by AND, with `?` placeholders. */
  where: string[];
  params: unknown[];
  /**
   * Words every match must have a word starting with, looked up in inventory.vehicle_words.
   */
  textSearch: string[] | null;
  orderBy: string;
  sortColumn: string;
  limit: number;
}

const cursorKind = (sort: VehicleSort) => `vehicles:${sort}`;

export function vehicleCursor(sort: VehicleSort, value: string, id: string): string {
  return encodeCursor(cursorKind(sort), [value, id]);
}

/** The sort value and id of a cursor this sort gave out; each checked so its SQL cast cannot fail. */
function readCursor(sort: VehicleSort, cursor: string): [string, string] {
  const value = SORT_SPECS[sort].cast === 'date' ? cursorValue.date : cursorValue.intText;
  return decodeCursor(cursor, cursorKind(sort), [value, cursorValue.uuid]);
}

function intIn(
  field: string,
  value: number | null | undefined,
  min: number,
  max: number,
): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(field, `Must be a whole number from ${min} to ${max}.`);
  return value;
}

/** The words of a free-text query (lower-case letters and digits), at most 8; each is a prefix. */
export function textWords(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 0),
    ),
  ].slice(0, 8);
}

/** [from, to) bounds of the words starting with `prefix` in C collation ('camry' → 'camrz'). */
export function prefixRange(prefix: string): [string, string] {
  const last = prefix.charCodeAt(prefix.length - 1);
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(last + 1)];
}

export function buildSearch(
  filter: VehicleFilterInput | null | undefined,
  sort: VehicleSort,
  first: number,
  after: string | null | undefined,
): SearchQuery {
  pageSize(first);
  const spec = SORT_SPECS[sort];
  if (!spec) throw badInput('sort', `Unknown sort ${String(sort)}.`);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...p: unknown[]) => {
    where.push(sql);
    params.push(...p);
  };
  const f = filter ?? {};
  let textSearch: string[] | null = null;
  const field = (name: string) => `filter.${name}`;
  if (f.make?.trim()) add('lower(make) = lower(?)', f.make.trim());
  if (f.model?.trim()) add('lower(model) = lower(?)', f.model.trim());
  const yearMin = intIn(field('yearMin'), f.yearMin, 1900, 2100);
  const yearMax = intIn(field('yearMax'), f.yearMax, 1900, 2100);
  if (yearMin !== null) add('year >= ?', yearMin);
  if (yearMax !== null) add('year <= ?', yearMax);
  const priceMin = parseMoney(field('priceMin'), f.priceMin);
  const priceMax = parseMoney(field('priceMax'), f.priceMax);
  // On the integer cents key: leakproof under RLS, so a price range is an index range scan.
  if (priceMin || priceMax) where.push('list_price is not null');
  if (priceMin) add('price_cents >= ?::bigint', priceMin.times(100).toFixed(0));
  if (priceMax) add('price_cents <= ?::bigint', priceMax.times(100).toFixed(0));
  const mileageMin = intIn(field('mileageMin'), f.mileageMin, 0, 2_000_000);
  const mileageMax = intIn(field('mileageMax'), f.mileageMax, 0, 2_000_000);
  if (mileageMin !== null) add('mileage >= ?', mileageMin);
  if (mileageMax !== null) add('mileage <= ?', mileageMax);
  if (f.condition && f.condition.length > 0)
    add('condition = any(?::text[])', `{${f.condition.join(',')}}`);
  if (f.status && f.status.length > 0) add('status = any(?::text[])', `{${f.status.join(',')}}`);
  const daysMin = intIn(field('daysInStockMin'), f.daysInStockMin, 0, 100_000);
  const daysMax = intIn(field('daysInStockMax'), f.daysInStockMax, 0, 100_000);
  if (daysMin !== null) add('in_stock_date <= current_date - ?::integer', daysMin);
  if (daysMax !== null) add('in_stock_date >= current_date - ?::integer', daysMax);
  // A range whose ends are swapped finds nothing: say so on the upper end instead.
  for (const [name, low, high] of [
    ['yearMax', yearMin, yearMax],
    ['mileageMax', mileageMin, mileageMax],
    ['daysInStockMax', daysMin, daysMax],
  ] as const)
    if (low !== null && high !== null && high < low)
      throw badInput(field(name), `Must not be below the lower end (${low}).`);
  if (priceMin && priceMax && priceMax.lt(priceMin))
    throw badInput(field('priceMax'), `Must not be below the lower end (${priceMin.toFixed(2)}).`);
  if (f.text) {
    if (f.text.length > 200) throw badInput(field('text'), 'At most 200 characters.');
    const words = textWords(f.text);
    if (words.length > 0) textSearch = words;
  }
  if (after) {
    const [value, id] = readCursor(sort, after);
    add(
      `(${spec.expr}, vehicles.id) ${spec.desc ? '<' : '>'} (?::${spec.cast}, ?::uuid)`,
      value,
      id,
    );
  }
  const dir = spec.desc ? 'desc' : 'asc';
  return {
    where,
    params,
    textSearch,
    orderBy: `${spec.expr} ${dir}, vehicles.id ${dir}`,
    sortColumn: spec.column,
    limit: first + 1,
  };
}
