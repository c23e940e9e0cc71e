// Puts the demo lot into inventory through the inventory service: each VIN decoded by the same
// decoder `addVehicleByVin` uses (offline vPIC), its make, model, trim, body and engine taken from
// the decode. A VIN that does not decode is a broken catalog entry, reported as such.
import type { Principal } from '@autolytiq/kit';
import type { VehicleRecord, VehicleService } from '@autolytiq/inventory';
import type { DemoVehicle } from './lot.ts';

export interface VehicleDecode {
  vin: string;
  year: number;
  make: string;
  model: string;
  mileage: number;
}

/** Writes in flight at once: each is a short transaction that waits on the database, not the CPU. */
export const CONCURRENCY = 8;

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function decodeOrFail(vehicles: VehicleService, vin: string) {
  const d = await vehicles.decoder.decode(vin);
  if (!d.decoded || !d.make || !d.model || !d.year) {
    throw new Error(`demo catalog: VIN ${vin} does not decode offline (${d.notes.join(' ')})`);
  }
  return { ...d, make: d.make, model: d.model, year: d.year };
}

export async function stockLot(
  vehicles: VehicleService,
  principal: Principal,
  lot: readonly DemoVehicle[],
): Promise<VehicleRecord[]> {
  // Decoding is CPU-bound in this process: sequential; the inserts overlap on the pool.
  const inputs = [];
  for (const { input } of lot) {
    const d = await decodeOrFail(vehicles, input.vin);
    inputs.push({
      ...input,
      year: d.year,
      make: d.make,
      model: d.model,
      trim: d.trim,
      body: d.body,
      drivetrain: d.drivetrain,
      engine: d.engine,
    });
  }
  return mapLimit(inputs, CONCURRENCY, (input) => vehicles.add(principal, input));
}
