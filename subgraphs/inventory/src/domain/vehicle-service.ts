// Inventory use cases. The tenant always comes from the verified token, never from input.
import {
  badInput,
  connectionOf,
  isUuid,
  parse,
  type Connection,
  conflict,
  notFound,
  tenantOf,
  type Database,
  type EntityManager,
  type Principal,
  changesOf,
  recordAudit,
} from '@autolytiq/kit';
import { buildSearch, vehicleCursor, type VehicleFilterInput, type VehicleSort } from './search.ts';
import {
  validateCsv,
  type FeedField,
  type ImportRowError,
  type ValidatedImport,
} from './csv-import.ts';
import { normalizeVin } from './vin.ts';
import type { VinDecoderService } from './vin-decoder.ts';
import {
  applyPatch,
  validateVehicle,
  type Status,
  type VehicleInput,
  type VehicleRecord,
} from './vehicles.ts';
import {
  deleteVehicle,
  findVehicleByVin,
  findVehicles,
  insertVehicle,
  existingVins,
  insertVehiclesSkippingDuplicates,
  isDuplicateStockNumber,
  updateFromFeed,
  isDuplicateVin,
  recordDealStatusEvent,
  setVehicleStatus,
  updateVehicle,
} from '../store/vehicles-store.ts';
import { searchVehicles } from '../store/vehicle-search.ts';

export interface VehicleImportResult {
  rows: number;
  /** New units added. */
  imported: number;
  /** Units already in inventory (same VIN) whose price, mileage or status the file changed. */
  updated: number;
  /** Units already in inventory the file matched without changing anything. */
  unchanged: number;
  failed: number;
  errors: ImportRowError[];
  batches: Array<{ batch: number; rows: number; imported: number; updated: number }>;
}

type ImportRow = ValidatedImport['good'][number];

/** What one batch did: units added, units changed or matched by VIN, rows refused. */
interface BatchOutcome {
  inserted: Set<string>;
  updated: Set<string>;
  unchanged: number;
  errors: ImportRowError[];
}

/**
 * One batch in its transaction: new VINs are added; a VIN already in inventory is a re-import (the
 * DMS feed) that updates the feed fields the file has; a new VIN whose stock number is taken is refused.
 */
async function saveBatch(
  em: EntityManager,
  dealershipId: string,
  slice: readonly ImportRow[],
  feedFields: readonly FeedField[],
): Promise<BatchOutcome> {
  const inserted = await insertVehiclesSkippingDuplicates(
    em,
    dealershipId,
    slice.map((g) => g.draft),
  );
  const skipped = slice.filter((g) => !inserted.has(g.draft.vin));
  const vinTaken = await existingVins(
    em,
    skipped.map((g) => g.draft.vin),
  );
  const known = skipped.filter((g) => vinTaken.has(g.draft.vin));
  const has = (f: FeedField) => feedFields.includes(f);
  const updated = await updateFromFeed(
    em,
    known.map(({ draft: d }) => ({
      vin: d.vin,
      listPrice: has('listPrice') && d.listPrice ? d.listPrice.toFixed(2) : null,
      mileage: has('mileage') ? d.mileage : null,
      status: has('status') ? d.status : null,
    })),
  );
  const errors = skipped
    .filter((g) => !vinTaken.has(g.draft.vin))
    .map((g) => ({
      row: g.row,
      field: 'stockNumber',
      message: duplicateStockNumberMessage(g.draft.stockNumber),
    }));
  return { inserted, updated, unchanged: known.length - updated.size, errors };
}

export const IMPORT_BATCH = 500;

/** An import's state after a batch: the rows dealt with so far (refused at validation or saved). */
export interface ImportProgress extends VehicleImportResult {
  processedRows: number;
}

export type OnImportBatch = (em: EntityManager, progress: ImportProgress) => Promise<void>;

export type VehiclePage = Connection<VehicleRecord>;

function duplicateVin(vin: string, field: string) {
  return badInput(field, `A vehicle with VIN ${vin} is already in this dealership's inventory.`);
}

function duplicateStockNumberMessage(stockNumber: string): string {
  return `Stock number ${stockNumber} is already used by another vehicle of this dealership.`;
}

/** The audit trail of a batch: the VINs added and the VINs a re-import changed. */
async function auditImport(em: EntityManager, dealershipId: string, done: BatchOutcome) {
  const changes = [
    ...(done.inserted.size > 0
      ? [
          { field: 'imported', from: null, to: String(done.inserted.size) },
          { field: 'vins', from: null, to: [...done.inserted].join(' ') },
        ]
      : []),
    ...(done.updated.size > 0
      ? [
          { field: 'updated', from: null, to: String(done.updated.size) },
          { field: 'updatedVins', from: null, to: [...done.updated].join(' ') },
        ]
      : []),
  ];
  if (changes.length === 0) return;
  await recordAudit(em, {
    source: 'inventory',
    entityType: 'VehicleImport',
    entityId: dealershipId,
    action: 'import',
    changes,
  });
}

export class VehicleService {
  constructor(
    private readonly db: Database,
    readonly decoder: VinDecoderService,
  ) {}

  /** Several by id; another dealership's ids (and malformed ids) yield nothing. */
  byIds(principal: Principal, ids: readonly string[]): Promise<VehicleRecord[]> {
    // One statement, one round trip (kit db.read).
    return this.db.read(tenantOf(principal), (sql) => findVehicles(sql, ids));
  }

  async byId(principal: Principal, id: string): Promise<VehicleRecord | null> {
    if (!isUuid(id)) return null;
    const [v] = await this.byIds(principal, [id]);
    return v ?? null;
  }

  async byVin(principal: Principal, vin: string): Promise<VehicleRecord | null> {
    const normalized = normalizeVin(vin);
    return (
      (await this.db.withTenant(tenantOf(principal), (em) => findVehicleByVin(em, normalized))) ??
      null
    );
  }

  async search(
    principal: Principal,
    filter: VehicleFilterInput | null | undefined,
    sort: VehicleSort,
    first: number,
    after: string | null | undefined,
  ): Promise<VehiclePage> {
    const q = buildSearch(filter, sort, first, after);
    const rows = await this.db.withTenant(tenantOf(principal), (em) =>
      searchVehicles(em, principal.dealershipId, q),
    );
    return connectionOf(
      rows,
      first,
      (r) => vehicleCursor(sort, r.sortValue, r.record.id),
      (r) => r.record,
    );
  }

  async add(principal: Principal, input: VehicleInput): Promise<VehicleRecord> {
    const draft = validateVehicle(input, 'input', new Date(), principal.timezone);
    try {
      return await this.db.withTenant(tenantOf(principal), async (em) => {
        const saved = await insertVehicle(em, principal.dealershipId, draft);
        await auditVehicle(em, saved.id, 'create', null, saved);
        return saved;
      });
    } catch (error) {
      if (isDuplicateVin(error)) throw duplicateVin(draft.vin, 'input.vin');
      if (isDuplicateStockNumber(error))
        throw badInput('input.stockNumber', duplicateStockNumberMessage(draft.stockNumber));
      throw error;
    }
  }

  /** Adds a vehicle pre-filled from the VIN decode; given fields win over decoded ones. */
  async addByVin(
    principal: Principal,
    input: VehicleInput & { vin: string },
  ): Promise<VehicleRecord> {
    const decode = await this.decoder.decode(input.vin);
    if (!decode.check.valid) throw badInput('input.vin', decode.check.problems.join(' '));
    if (!decode.decoded) {
      throw badInput(
        'input.vin',
        `This VIN could not be decoded (${decode.notes.join(' ') || 'no match'}); add the vehicle with addVehicle and enter its details.`,
      );
    }
    const pick = <T>(given: T | null | undefined, decoded: T | null): T | null =>
      given === undefined || given === null ? decoded : given;
    return this.add(principal, {
      ...input,
      vin: decode.check.vin,
      year: pick(input.year, decode.year),
      make: pick(input.make, decode.make),
      model: pick(input.model, decode.model),
      trim: pick(input.trim, decode.trim),
      body: pick(input.body, decode.body),
      drivetrain: pick(input.drivetrain, decode.drivetrain),
      engine: pick(input.engine, decode.engine),
    });
  }

  /**
   * Imports a CSV export: every row validated (errors by line), good rows saved in one transaction
   * per batch of IMPORT_BATCH, VINs already in inventory reported. An unreadable file is
   * BAD_USER_INPUT before anything is saved.
   */
  async importCsv(
    principal: Principal,
    csv: string,
    onBatch?: OnImportBatch,
  ): Promise<VehicleImportResult> {
    return this.importValidated(
      principal,
      validateCsv(csv, new Date(), principal.timezone),
      onBatch,
    );
  }

  /**
   * Saves validated rows batch by batch. `onBatch` runs inside each batch's transaction with the
   * progress so far, so whatever it records (an import job's progress) commits with the rows.
   */
  async importValidated(
    principal: Principal,
    validated: ValidatedImport,
    onBatch?: OnImportBatch,
  ): Promise<VehicleImportResult> {
    const { good, rows } = validated;
    const errors = [...validated.errors];
    const batches: VehicleImportResult['batches'] = [];
    let imported = 0;
    let updated = 0;
    let unchanged = 0;
    for (let start = 0; start < good.length; start += IMPORT_BATCH) {
      const slice = good.slice(start, start + IMPORT_BATCH);
      await this.db.withTenant(tenantOf(principal), async (em) => {
        const done = await saveBatch(em, principal.dealershipId, slice, validated.feedFields);
        errors.push(...done.errors);
        await auditImport(em, principal.dealershipId, done);
        imported += done.inserted.size;
        updated += done.updated.size;
        unchanged += done.unchanged;
        batches.push({
          batch: batches.length + 1,
          rows: slice.length,
          imported: done.inserted.size,
          updated: done.updated.size,
        });
        const processedRows = validated.errors.length + start + slice.length;
        await onBatch?.(em, {
          rows,
          imported,
          updated,
          unchanged,
          failed: processedRows - imported - updated - unchanged,
          errors: [...errors].sort((a, b) => a.row - b.row),
          batches: [...batches],
          processedRows,
        });
      });
    }
    errors.sort((a, b) => a.row - b.row);
    const failed = rows - imported - updated - unchanged;
    return { rows, imported, updated, unchanged, failed, errors, batches };
  }

  async update(
    principal: Principal,
    id: string,
    version: number,
    patch: VehicleInput,
  ): Promise<VehicleRecord> {
    if (!isUuid(id)) throw notFound('No such vehicle.');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [current] = await findVehicles(em, [id]);
      if (!current) throw notFound('No such vehicle.');
      const next = applyPatch(current, patch);
      let saved: VehicleRecord | undefined;
      try {
        saved = await updateVehicle(em, id, next, version);
      } catch (error) {
        if (isDuplicateVin(error)) throw duplicateVin(next.vin, 'input.vin');
        if (isDuplicateStockNumber(error))
          throw badInput('input.stockNumber', duplicateStockNumberMessage(next.stockNumber));
        throw error;
      }
      if (!saved) {
        throw conflict(
          `The vehicle was changed by someone else (now version ${current.version}, you edited version ${version}). Reload and try again.`,
        );
      }
      await auditVehicle(em, id, 'update', current, saved);
      return saved;
    });
  }

  /**
   * A deal's vehicle-status change (from the deals outbox). The event id is recorded in the same
   * transaction as the status, so a redelivered event is a no-op that returns the vehicle as it is.
   * The caller is a service identity (its subject is not a user id), so only the tenant is set.
   */
  async applyDealStatus(
    principal: Principal,
    input: { eventId: string; vehicleId: string; dealId: string; status: Status },
  ): Promise<VehicleRecord> {
    for (const k of ['eventId', 'vehicleId', 'dealId'] as const) {
      parse.id(`input.${k}`, input[k]);
    }
    if (!['AVAILABLE', 'ON_HOLD', 'SOLD'].includes(input.status)) {
      throw badInput('input.status', 'A deal sets AVAILABLE, ON_HOLD or SOLD.');
    }
    return this.db.withTenant({ dealershipId: principal.dealershipId }, async (em) => {
      const [current] = await findVehicles(em, [input.vehicleId]);
      if (!current) throw notFound('No such vehicle.');
      const fresh = await recordDealStatusEvent(em, principal.dealershipId, input);
      if (!fresh) return current;
      const saved = (await setVehicleStatus(em, input.vehicleId, input.status)) ?? current;
      await auditVehicle(em, input.vehicleId, `status:${input.status}`, current, saved, [
        { field: 'dealId', from: null, to: input.dealId },
      ]);
      return saved;
    });
  }

  async remove(principal: Principal, id: string, version: number): Promise<string> {
    if (!isUuid(id)) throw notFound('No such vehicle.');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [current] = await findVehicles(em, [id]);
      if (!current) throw notFound('No such vehicle.');
      if (!(await deleteVehicle(em, id, version))) {
        throw conflict(
          `The vehicle was changed by someone else (now version ${current.version}, you have version ${version}). Reload and try again.`,
        );
      }
      await auditVehicle(em, id, 'delete', current, null);
      return id;
    });
  }
}

/** A vehicle write in the platform audit trail, in the write's transaction. */
function auditVehicle(
  em: EntityManager,
  vehicleId: string,
  action: string,
  before: VehicleRecord | null,
  after: VehicleRecord | null,
  extra: { field: string; from: string | null; to: string | null }[] = [],
): Promise<void> {
  const view = (v: VehicleRecord | null) => (v ? (v as unknown as Record<string, unknown>) : null);
  return recordAudit(em, {
    source: 'inventory',
    entityType: 'Vehicle',
    entityId: vehicleId,
    action,
    changes: [
      ...changesOf(view(before), view(after), {
        ignore: ['id', 'version', 'createdAt', 'updatedAt', 'daysInStock'],
      }),
      ...extra,
    ],
  });
}
