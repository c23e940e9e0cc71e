// applyDealVehicleStatus: the deals service's vehicle-status changes, idempotent by event id and
// confined to the token's dealership.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { VehicleService } from '../src/domain/vehicle-service.ts';
import { VinDecoderService, type VinDecoderBackend } from '../src/domain/vin-decoder.ts';
import { computeCheckDigit } from '../src/domain/vin.ts';
import { migrations } from '../src/migrations/index.ts';

let testDb: TestDatabase;
let db: Database;
let service: VehicleService;

const nothing = { source: 'none', decodeValid: async () => ({}), close: async () => undefined };

function person(dealershipId: string): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'm',
    roles: ['manager'],
    permissions: ['inventory.read', 'inventory.write'],
  };
}
// The service identity: its subject is not a user id.
function dealsService(dealershipId: string): Principal {
  return {
    userId: 'service:deals',
    dealershipId,
    sessionId: randomUUID(),
    username: 'service:deals',
    roles: ['service'],
    permissions: ['inventory.status.write'],
  };
}
const A = randomUUID();
const B = randomUUID();

function vin(serial: number): string {
  const body = `1G1ZB5ST0PF${String(serial).padStart(6, '0')}`;
  return body.slice(0, 8) + computeCheckDigit(body) + body.slice(9);
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'inventory', migrations });
  await db.migrate();
  service = new VehicleService(db, new VinDecoderService(nothing as unknown as VinDecoderBackend));
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('applyDealVehicleStatus', () => {
  it('applies an event once; a redelivery returns the vehicle unchanged', async () => {
    const v = await service.add(person(A), {
      vin: vin(1),
      stockNumber: 'S1',
      year: 2023,
      make: 'Chevrolet',
      model: 'Malibu',
      mileage: 10,
      condition: 'NEW',
    });
    const event = {
      eventId: randomUUID(),
      vehicleId: v.id,
      dealId: randomUUID(),
      status: 'ON_HOLD' as const,
    };
    const first = await service.applyDealStatus(dealsService(A), event);
    expect(first).toMatchObject({ status: 'ON_HOLD', version: v.version + 1 });
    const again = await service.applyDealStatus(dealsService(A), event);
    expect(again).toMatchObject({ status: 'ON_HOLD', version: v.version + 1 });
    // A manager edits the status meanwhile; the old event redelivered still changes nothing.
    await service.update(person(A), v.id, first.version, { status: 'AVAILABLE' });
    const third = await service.applyDealStatus(dealsService(A), event);
    expect(third.status).toBe('AVAILABLE');
    const sold = await service.applyDealStatus(dealsService(A), {
      ...event,
      eventId: randomUUID(),
      status: 'SOLD',
    });
    expect(sold.status).toBe('SOLD');
    // The audit trail records each status change once; the service's is no user's (called here
    // without a request scope, the person's id comes from the transaction; kit tests cover names).
    const audit = await db.withTenant({ dealershipId: A }, (em) =>
      em.execute(
        "select action, actor_user_id, actor_username from audit.entries where entity_type = 'Vehicle' and entity_id = ? order by at",
        [v.id],
      ),
    );
    expect(audit).toEqual([
      { action: 'create', actor_user_id: expect.any(String), actor_username: null },
      { action: 'status:ON_HOLD', actor_user_id: null, actor_username: null },
      { action: 'update', actor_user_id: expect.any(String), actor_username: null },
      { action: 'status:SOLD', actor_user_id: null, actor_username: null },
    ]);
  });

  it("another dealership's vehicle is NOT_FOUND and nothing is recorded", async () => {
    const v = await service.add(person(A), {
      vin: vin(2),
      stockNumber: 'S2',
      year: 2023,
      make: 'Chevrolet',
      model: 'Malibu',
      mileage: 10,
      condition: 'NEW',
    });
    const eventId = randomUUID();
    const e = await service
      .applyDealStatus(dealsService(B), {
        eventId,
        vehicleId: v.id,
        dealId: randomUUID(),
        status: 'SOLD',
      })
      .catch((x: { extensions: { code: string } }) => x.extensions.code);
    expect(e).toBe('NOT_FOUND');
    expect((await service.byId(person(A), v.id))!.status).toBe('AVAILABLE');
    const ok = await service.applyDealStatus(dealsService(A), {
      eventId,
      vehicleId: v.id,
      dealId: randomUUID(),
      status: 'SOLD',
    });
    expect(ok.status).toBe('SOLD'); // the refused attempt left no record of the event id
  });

  it('refuses statuses a deal does not set, and bad ids, naming the field', async () => {
    const bad = await service
      .applyDealStatus(dealsService(A), {
        eventId: 'x',
        vehicleId: randomUUID(),
        dealId: randomUUID(),
        status: 'ON_HOLD',
      })
      .catch((x: { extensions: Record<string, unknown> }) => x.extensions);
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.eventId' });
    const transit = await service
      .applyDealStatus(dealsService(A), {
        eventId: randomUUID(),
        vehicleId: randomUUID(),
        dealId: randomUUID(),
        status: 'IN_TRANSIT',
      })
      .catch((x: { extensions: Record<string, unknown> }) => x.extensions);
    expect(transit).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
  });
});
