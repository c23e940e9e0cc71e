// A dealership's local rate table: CSV import, single overrides, listing. The tenant comes from the
// verified token; every write is one transaction, so an import is saved whole or not at all.
import { Decimal } from 'decimal.js';
import {
  badInput,
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  pageSize,
  tenantOf,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import {
  parseLocalRateCsv,
  supportedStates,
  type CsvRowError,
  type LocalRateRow,
} from '../engine/index.ts';
import {
  deleteRate,
  findRate,
  listRates,
  upsertRate,
  upsertRates,
  type StoredLocalRate,
} from '../store/local-rates-store.ts';

const MAX_CSV_BYTES = 8 * 1024 * 1024;
const MAX_RATE = new Decimal('0.3');

export interface LocalRateInput {
  state: string;
  zip: string;
  region?: string | null;
  combinedRate: string;
  stateRate?: string | null;
  countyRate?: string | null;
  cityRate?: string | null;
  specialRate?: string | null;
}

function rate(field: string, value: string | null | undefined): Decimal | undefined {
  if (value == null || value === '') return undefined;
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    throw badInput(field, `${field} must be a fraction such as "0.0825".`);
  }
  if (!d.isFinite() || d.isNegative() || d.gte(MAX_RATE)) {
    throw badInput(field, `${field} must be a fraction from 0 to 0.3 (8.25% is "0.0825").`);
  }
  return d;
}

export function validateLocalRate(input: LocalRateInput): LocalRateRow {
  const state = input.state.trim().toUpperCase();
  if (!supportedStates().includes(state))
    throw badInput('input.state', `Unknown state ${JSON.stringify(input.state)}.`);
  const zip = input.zip.trim();
  if (!/^\d{5}$/.test(zip)) throw badInput('input.zip', 'ZIP must be 5 digits.');
  return {
    state,
    zip,
    region: input.region?.trim() || undefined,
    combinedRate: rate('input.combinedRate', input.combinedRate)!,
    stateRate: rate('input.stateRate', input.stateRate),
    countyRate: rate('input.countyRate', input.countyRate),
    cityRate: rate('input.cityRate', input.cityRate),
    specialRate: rate('input.specialRate', input.specialRate),
  };
}

export class LocalRateService {
  constructor(private readonly db: Database) {}

  async importCsv(
    principal: Principal,
    csv: string,
  ): Promise<{ imported: number; errors: CsvRowError[] }> {
    if (Buffer.byteLength(csv) > MAX_CSV_BYTES)
      throw badInput('csv', 'The file is larger than 8 MB; split it by state.');
    const { rows, errors } = parseLocalRateCsv(csv);
    if (rows.length === 0 && errors.length === 0)
      throw badInput('csv', 'The file holds no rate rows.');
    const imported = rows.length
      ? await this.db.withTenant(tenantOf(principal), (em) =>
          upsertRates(em, principal.dealershipId, principal.userId, rows),
        )
      : 0;
    return { imported, errors };
  }

  set(principal: Principal, input: LocalRateInput): Promise<StoredLocalRate> {
    const row = validateLocalRate(input);
    return this.db.withTenant(tenantOf(principal), (em) =>
      upsertRate(em, principal.dealershipId, principal.userId, row),
    );
  }

  /** The dealership's rate for one state and ZIP (null: none; the shipped data applies). */
  async get(principal: Principal, state: string, zip: string): Promise<StoredLocalRate | null> {
    const code = state.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) throw badInput('state', 'state must be a two-letter code.');
    const five = zip.trim().slice(0, 5);
    if (!/^\d{5}$/.test(five)) throw badInput('zip', 'zip must start with 5 digits.');
    const row = await this.db.withTenant(tenantOf(principal), (em) => findRate(em, code, five));
    return row ?? null;
  }

  delete(principal: Principal, state: string, zip: string): Promise<boolean> {
    return this.db.withTenant(tenantOf(principal), (em) =>
      deleteRate(em, state.trim().toUpperCase(), zip.trim()),
    );
  }

  async list(
    principal: Principal,
    args: { state?: string | null; first?: number | null; after?: string | null },
  ) {
    const limit = pageSize(args.first, { default: 100 });
    const cursor = args.after
      ? decodeCursor(args.after, CURSOR, [cursorValue.text, cursorValue.text])
      : undefined;
    const after = cursor && { state: cursor[0], zip: cursor[1] };
    const { rates, total } = await this.db.withTenant(tenantOf(principal), (em) =>
      listRates(em, { state: args.state?.toUpperCase(), after, limit: limit + 1 }),
    );
    return {
      ...connectionOf(rates, limit, (r) => encodeCursor(CURSOR, [r.state, r.zip])),
      totalCount: total,
    };
  }
}

const CURSOR = 'localTaxRates';
