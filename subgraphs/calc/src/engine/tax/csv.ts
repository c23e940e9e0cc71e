// Import of a dealership's local rate table. Layout (Avalara's free rate tables and most DMS
// exports): State, ZipCode, TaxRegionName, EstimatedCombinedRate, StateRate, EstimatedCountyRate,
// EstimatedCityRate, EstimatedSpecialRate. Rates are fractions ("0.0825"). Bad rows are reported
// with their line number and skipped; good rows are returned.
import { Decimal } from 'decimal.js';
import type { LocalRateLookup, LocalRateRow } from './types.ts';
import { supportedStates } from './rules.ts';

export interface CsvRowError {
  /** 1-based line number in the text (the header is line 1). */
  line: number;
  field: string;
  message: string;
}

export interface LocalRateCsvResult {
  rows: LocalRateRow[];
  errors: CsvRowError[];
}

const COLUMNS = {
  state: ['state'],
  zip: ['zipcode', 'zip', 'zip_code', 'postalcode'],
  region: ['taxregionname', 'region', 'regionname'],
  combinedRate: ['estimatedcombinedrate', 'combinedrate', 'combined'],
  stateRate: ['staterate'],
  countyRate: ['estimatedcountyrate', 'countyrate'],
  cityRate: ['estimatedcityrate', 'cityrate'],
  specialRate: ['estimatedspecialrate', 'specialrate'],
} as const;
type Col = keyof typeof COLUMNS;

/** Splits one CSV line, honouring double quotes ("" inside quotes is a quote). */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const RATE = /^\d*\.?\d+$/;
// The combined rate may differ from the sum of its parts by rounding in the source table.
const SUM_TOLERANCE = new Decimal('0.00005');

export function parseLocalRateCsv(text: string): LocalRateCsvResult {
  const rows: LocalRateRow[] = [];
  const errors: CsvRowError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '').map((h) => h.toLowerCase().replace(/[\s_]/g, ''));
  const idx = {} as Record<Col, number>;
  for (const col of Object.keys(COLUMNS) as Col[]) {
    idx[col] = header.findIndex((h) => (COLUMNS[col] as readonly string[]).includes(h));
  }
  for (const must of ['state', 'zip', 'combinedRate'] as const) {
    if (idx[must] < 0) {
      errors.push({ line: 1, field: must, message: `header has no ${must} column` });
    }
  }
  if (errors.length > 0) return { rows, errors };
  const known = new Set(supportedStates());

  for (let n = 1; n < lines.length; n++) {
    const raw = lines[n]!;
    if (raw.trim() === '') continue;
    const cells = splitLine(raw);
    const line = n + 1;
    const get = (c: Col) => (idx[c] >= 0 ? (cells[idx[c]] ?? '') : '');
    const fail = (field: string, message: string) => errors.push({ line, field, message });

    const state = get('state').toUpperCase();
    if (!known.has(state)) {
      fail('state', `unknown state "${get('state')}"`);
      continue;
    }
    let zip = get('zip');
    // Spreadsheets drop leading zeros (01001 → 1001): restore them.
    if (/^\d{3,4}$/.test(zip)) zip = zip.padStart(5, '0');
    if (!/^\d{5}$/.test(zip)) {
      fail('zip', `not a 5-digit ZIP: "${get('zip')}"`);
      continue;
    }
    const rates: Partial<Record<Col, Decimal>> = {};
    let bad = false;
    for (const c of [
      'combinedRate',
      'stateRate',
      'countyRate',
      'cityRate',
      'specialRate',
    ] as const) {
      const s = get(c);
      if (s === '') {
        if (c === 'combinedRate') {
          fail(c, 'combined rate missing');
          bad = true;
        }
        continue;
      }
      if (!RATE.test(s) || Number(s) >= 1) {
        fail(c, `not a rate fraction between 0 and 1: "${s}"`);
        bad = true;
        continue;
      }
      rates[c] = new Decimal(s);
    }
    if (bad) continue;
    const parts = [rates.stateRate, rates.countyRate, rates.cityRate, rates.specialRate];
    if (parts.every((p) => p !== undefined)) {
      const sum = parts.reduce((a, p) => a.plus(p!), new Decimal(0));
      if (sum.minus(rates.combinedRate!).abs().greaterThan(SUM_TOLERANCE)) {
        fail(
          'combinedRate',
          `combined ${rates.combinedRate!.toString()} ≠ sum of parts ${sum.toString()}`,
        );
        continue;
      }
    }
    const region = get('region');
    rows.push({
      state,
      zip,
      ...(region ? { region } : {}),
      combinedRate: rates.combinedRate!,
      ...(rates.stateRate ? { stateRate: rates.stateRate } : {}),
      ...(rates.countyRate ? { countyRate: rates.countyRate } : {}),
      ...(rates.cityRate ? { cityRate: rates.cityRate } : {}),
      ...(rates.specialRate ? { specialRate: rates.specialRate } : {}),
    });
  }
  return { rows, errors };
}

/** In-memory LocalRateLookup over rows (later rows for the same ZIP replace earlier ones, so a
 *  dealership's overrides can simply be appended after the imported table). */
export class TableLocalRateLookup implements LocalRateLookup {
  private readonly byKey = new Map<string, LocalRateRow>();
  constructor(rows: Iterable<LocalRateRow> = []) {
    for (const r of rows) this.add(r);
  }
  add(row: LocalRateRow): void {
    this.byKey.set(`${row.state.toUpperCase()}|${row.zip}`, row);
  }
  find(state: string, zip: string): LocalRateRow | undefined {
    return this.byKey.get(`${state.toUpperCase()}|${zip.slice(0, 5)}`);
  }
  get size(): number {
    return this.byKey.size;
  }
}
