// inventory.vehicles, always inside a tenant transaction (RLS shows the caller's dealership only).
import { isUuid, textArray, uuidArray, type EntityManager, type SqlReader } from '@autolytiq/kit';
import { Decimal } from 'decimal.js';
import type { Condition, Status, VehicleDraft, VehicleRecord } from '../domain/vehicles.ts';

interface Row {
  id: string;
  vin: string;
  stock_number: string;
  year: number;
  make: string;
  model: string;
  trim: string | null;
  body: string | null;
  drivetrain: string | null;
  engine: string | null;
  exterior_color: string | null;
  interior_color: string | null;
  mileage: number;
  condition: string;
  msrp: string | null;
  invoice: string | null;
  cost: string | null;
  list_price: string | null;
  status: string;
  in_stock_date: string;
  days_in_stock: number;
  photos: string[];
  options: string[];
  created_at: Date;
  updated_at: Date;
  version: number;
}

// Money and dates come back as text: numeric → decimal.js without a float in between.
export const COLUMNS = `id, vin, stock_number, year, make, model, trim, body, drivetrain, engine,
  exterior_color, interior_color, mileage, condition, msrp::text as msrp, invoice::text as invoice,
  cost::text as cost, list_price::text as list_price, status, in_stock_date::text as in_stock_date,
  greatest(current_date - in_stock_date, 0) as days_in_stock, photos, options, created_at, updated_at,
  version`;

const dec = (v: string | null) => (v === null ? null : new Decimal(v));

export function toRecord(r: Row): VehicleRecord {
  return {
    id: r.id,
    vin: r.vin,
    stockNumber: r.stock_number,
    year: r.year,
    make: r.make,
    model: r.model,
    trim: r.trim,
    body: r.body,
    drivetrain: r.drivetrain,
    engine: r.engine,
    exteriorColor: r.exterior_color,
    interiorColor: r.interior_color,
    mileage: r.mileage,
    condition: r.condition as Condition,
    msrp: dec(r.msrp),
    invoice: dec(r.invoice),
    cost: dec(r.cost),
    listPrice: dec(r.list_price),
    status: r.status as Status,
    inStockDate: r.in_stock_date,
    daysInStock: Number(r.days_in_stock),
    photos: r.photos,
    options: r.options,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: r.version,
  };
}

const money = (d: Decimal | null) => (d === null ? null : d.toFixed(2));

function values(v: VehicleDraft): unknown[] {
  return [
    v.vin,
    v.stockNumber,
    v.year,
    v.make,
    v.model,
    v.trim,
    v.body,
    v.drivetrain,
    v.engine,
    v.exteriorColor,
    v.interiorColor,
    v.mileage,
    v.condition,
    money(v.msrp),
    money(v.invoice),
    money(v.cost),
    money(v.listPrice),
    v.status,
    v.inStockDate,
    textArray(v.photos),
    textArray(v.options),
  ];
}

export async function findVehicles(
  em: SqlReader,
  ids: readonly string[],
): Promise<VehicleRecord[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from inventory.vehicles where id = any(?::uuid[])`,
    [uuidArray(valid)],
  );
  return rows.map(toRecord);
}

export async function findVehicleByVin(
  em: EntityManager,
  vin: string,
): Promise<VehicleRecord | undefined> {
  const rows = await em.execute<Row[]>(`select ${COLUMNS} from inventory.vehicles where vin = ?`, [
    vin,
  ]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

export async function insertVehicle(
  em: EntityManager,
  dealershipId: string,
  v: VehicleDraft,
): Promise<VehicleRecord> {
  const rows = await em.execute<Row[]>(
    `insert into inventory.vehicles (dealership_id, vin, stock_number, year, make, model, trim, body,
       drivetrain, engine, exterior_color, interior_color, mileage, condition, msrp, invoice, cost,
       list_price, status, in_stock_date, photos, options)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::text[], ?::text[])
     returning ${COLUMNS}`,
    [dealershipId, ...values(v)],
  );
  return toRecord(rows[0]!);
}

/**
 * Inserts many at once; rows whose VIN or stock number is already in the dealership are skipped.
 * Returns the VINs inserted.
 */
export async function insertVehiclesSkippingDuplicates(
  em: EntityManager,
  dealershipId: string,
  drafts: readonly VehicleDraft[],
): Promise<Set<string>> {
  if (drafts.length === 0) return new Set();
  const row =
    '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::text[], ?::text[])';
  const rows = await em.execute<Array<{ vin: string }>>(
    `insert into inventory.vehicles (dealership_id, vin, stock_number, year, make, model, trim, body,
       drivetrain, engine, exterior_color, interior_color, mileage, condition, msrp, invoice, cost,
       list_price, status, in_stock_date, photos, options)
     values ${drafts.map(() => row).join(', ')}
     on conflict do nothing returning vin`,
    drafts.flatMap((d) => [dealershipId, ...values(d)]),
  );
  return new Set(rows.map((r) => r.vin));
}

/** Which of `vins` are already in the dealership (RLS scopes the query to it). */
export async function existingVins(
  em: EntityManager,
  vins: readonly string[],
): Promise<Set<string>> {
  if (vins.length === 0) return new Set();
  const rows = await em.execute<Array<{ vin: string }>>(
    'select vin from inventory.vehicles where vin = any(?::text[])',
    [textArray(vins)],
  );
  return new Set(rows.map((r) => r.vin));
}

/** Writes `v` only if the row still has `expectedVersion`; undefined when it moved on or is gone. */
export async function updateVehicle(
  em: EntityManager,
  id: string,
  v: VehicleDraft,
  expectedVersion: number,
): Promise<VehicleRecord | undefined> {
  const rows = await em.execute<Row[]>(
    `update inventory.vehicles set vin = ?, stock_number = ?, year = ?, make = ?, model = ?, trim = ?,
       body = ?, drivetrain = ?, engine = ?, exterior_color = ?, interior_color = ?, mileage = ?,
       condition = ?, msrp = ?, invoice = ?, cost = ?, list_price = ?, status = ?,
       in_stock_date = ?::date, photos = ?::text[], options = ?::text[],
       stock_number_clash = stock_number_clash and upper(stock_number) = upper(?),
       version = version + 1, updated_at = now()
     where id = ? and version = ? returning ${COLUMNS}`,
    [...values(v), v.stockNumber, id, expectedVersion],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}

export async function deleteVehicle(
  em: EntityManager,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    'delete from inventory.vehicles where id = ? and version = ? returning id',
    [id, expectedVersion],
  );
  return rows.length > 0;
}

/** A unique-violation on (dealership_id, upper(stock_number))? */
export function isDuplicateStockNumber(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return (
    e?.code === '23505' &&
    (e.constraint === 'vehicles_stock_number_per_dealership' ||
      /vehicles_stock_number_per_dealership/.test(e.message ?? ''))
  );
}

/** A unique-violation on (dealership_id, vin)? */
export function isDuplicateVin(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return (
    e?.code === '23505' &&
    (e.constraint === 'vehicles_vin_per_dealership' ||
      /vehicles_vin_per_dealership/.test(e.message ?? ''))
  );
}

/** Records a deal's status event; false when this event id was applied before. */
export async function recordDealStatusEvent(
  em: EntityManager,
  dealershipId: string,
  e: { eventId: string; vehicleId: string; dealId: string; status: Status },
): Promise<boolean> {
  const rows = await em.execute<Array<{ event_id: string }>>(
    `insert into inventory.deal_status_events (event_id, dealership_id, vehicle_id, deal_id, status)
     values (?, ?, ?, ?, ?) on conflict (event_id) do nothing returning event_id`,
    [e.eventId, dealershipId, e.vehicleId, e.dealId, e.status],
  );
  return rows.length > 0;
}

export async function setVehicleStatus(
  em: EntityManager,
  id: string,
  status: Status,
): Promise<VehicleRecord | undefined> {
  const rows = await em.execute<Row[]>(
    `update inventory.vehicles set status = ?, version = version + 1, updated_at = now()
     where id = ? returning ${COLUMNS}`,
    [status, id],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** One unit of a re-import (a DMS feed): null leaves the field as it is. */
export interface FeedUpdate {
  vin: string;
  listPrice: string | null;
  mileage: number | null;
  status: string | null;
}

/**
 * Applies a feed to the units already in inventory, matched by VIN; returns the VINs it changed
 * (a unit whose values are already the feed's is left alone: no new version). A status the desk set
 * for a deal (ON_HOLD, SOLD) is kept: the deals service owns it until the deal lets the car go.
 */
export async function updateFromFeed(
  em: EntityManager,
  rows: readonly FeedUpdate[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const changed = await em.execute<Array<{ vin: string }>>(
    `with f as (
       select f.vin, f.list_price::numeric(12, 2) as list_price, f.mileage::integer as mileage,
              f.status
         from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as f(vin, list_price, mileage, status)
     ), next as (
       select v.id, coalesce(f.list_price, v.list_price) as list_price,
              coalesce(f.mileage, v.mileage) as mileage,
              case when f.status is null or v.status in ('ON_HOLD', 'SOLD') then v.status
                   else f.status end as status
         from inventory.vehicles v join f on f.vin = v.vin
     )
     update inventory.vehicles v
        set list_price = n.list_price, mileage = n.mileage, status = n.status,
            version = v.version + 1, updated_at = now()
       from next n
      where n.id = v.id
        and (n.list_price is distinct from v.list_price or n.mileage <> v.mileage
             or n.status <> v.status)
     returning v.vin`,
    [
      textArray(rows.map((r) => r.vin)),
      textArray(rows.map((r) => r.listPrice)),
      textArray(rows.map((r) => (r.mileage === null ? null : String(r.mileage)))),
      textArray(rows.map((r) => r.status)),
    ],
  );
  return new Set(changed.map((r) => r.vin));
}
