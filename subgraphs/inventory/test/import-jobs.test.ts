// Background CSV imports against real PostgreSQL: progress committed with each batch, the finished
// job's report, a failure half way (saved batches stay, the job says so), restarts, other dealerships.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { ImportJobs, STALE_AFTER_MS } from '../src/domain/import-jobs.ts';
import { VehicleService } from '../src/domain/vehicle-service.ts';
import type { VinDecoderService } from '../src/domain/vin-decoder.ts';
import { computeCheckDigit } from '../src/domain/vin.ts';
import { migrations } from '../src/migrations/index.ts';

let testDb: TestDatabase;
let db: Database;
let service: VehicleService;
let jobs: ImportJobs;
const logger = pino({ level: 'silent' });

const principal = (dealershipId = randomUUID()): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username: 'u',
  roles: ['manager'],
  permissions: ['inventory.read', 'inventory.write'],
});

function vinFor(serial: number): string {
  const body = `2T1ZB5ST0PF${String(serial).padStart(6, '0')}`;
  return body.slice(0, 8) + computeCheckDigit(body) + body.slice(9);
}

function csv(count: number, from: number, extra: string[] = []): string {
  const lines = ['VIN,Stock,Year,Make,Model,Mileage,Condition,Price'];
  for (let i = 0; i < count; i++)
    lines.push(`${vinFor(from + i)},J${from + i},2021,Toyota,Corolla,${i},Used,${15000 + i}`);
  return [...lines, ...extra].join('\n');
}

async function countVehicles(p: Principal): Promise<number> {
  return db.withTenant({ dealershipId: p.dealershipId }, async (em) => {
    const rows = await em.execute<Array<{ n: string }>>(
      'select count(*) as n from inventory.vehicles',
    );
    return Number(rows[0]!.n);
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'inventory', migrations });
  await db.migrate();
  const decoderUnused = { decode: async () => ({}) } as unknown as VinDecoderService;
  service = new VehicleService(db, decoderUnused);
  jobs = new ImportJobs(db, service, logger);
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('background vehicle import', () => {
  it('returns at once, then reports every batch and the final outcome', async () => {
    const p = principal();
    const started = await jobs.start(p, csv(1100, 1, ['NOT-A-VIN,X,2020,Ford,F-150,1,Used,1']));
    expect(started).toMatchObject({ status: 'RUNNING', rows: 1101, processedRows: 1, failed: 1 });
    expect(started.errors).toEqual([{ row: 1102, field: 'vin', message: expect.any(String) }]);
    await jobs.idle();
    const done = await jobs.get(p, started.id);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      rows: 1101,
      processedRows: 1101,
      imported: 1100,
      failed: 1,
    });
    expect(done!.batches.map((b) => b.rows)).toEqual([500, 500, 100]);
    expect(done!.finishedAt).toBeInstanceOf(Date);
    expect(await countVehicles(p)).toBe(1100);
  });

  it('commits each batch with its progress, so a poll sees exactly what is saved', async () => {
    const p = principal();
    const seen: Array<{ processed: number; saved: number }> = [];
    const slow = new ImportJobs(
      db,
      {
        importValidated: (principal_, validated, onBatch) =>
          service.importValidated(principal_, validated, async (em, progress) => {
            await onBatch!(em, progress);
            const committed = await jobs.get(p, jobId);
            seen.push({ processed: committed!.processedRows, saved: await countVehicles(p) });
          }),
      } as VehicleService,
      logger,
    );
    let jobId = '';
    jobId = (await slow.start(p, csv(1200, 5000))).id;
    await slow.idle();
    // Seen from outside the batch's transaction: the previous batch's progress and rows, never more.
    expect(seen).toEqual([
      { processed: 0, saved: 0 },
      { processed: 500, saved: 500 },
      { processed: 1000, saved: 1000 },
    ]);
    expect((await jobs.get(p, jobId))!.processedRows).toBe(1200);
  });

  it('a failure half way leaves the saved batches and a FAILED job saying so', async () => {
    const p = principal();
    let batch = 0;
    const failing = new ImportJobs(
      db,
      {
        importValidated: (principal_, validated, onBatch) =>
          service.importValidated(principal_, validated, async (em, progress) => {
            if (++batch === 2) throw new Error('disk on fire');
            await onBatch!(em, progress);
          }),
      } as VehicleService,
      logger,
    );
    const started = await failing.start(p, csv(1200, 9000));
    await failing.idle();
    const job = await jobs.get(p, started.id);
    expect(job).toMatchObject({ status: 'FAILED', imported: 500, failed: 700 });
    expect(job!.failureMessage).toMatch(/batches reported were saved/);
    expect(job!.batches).toHaveLength(1);
    expect(await countVehicles(p)).toBe(500); // the second batch rolled back whole
  });

  it('an unreadable file is BAD_USER_INPUT and records nothing', async () => {
    const p = principal();
    const error = await jobs.start(p, 'VIN,Stock\n"unterminated').catch((e: unknown) => e);
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'csv' } });
    const rows = await db.withTenant({ dealershipId: p.dealershipId }, (em) =>
      em.execute('select id from inventory.import_jobs'),
    );
    expect(rows).toEqual([]);
  });

  it('another dealership cannot see the job; a job silent for too long reads as interrupted', async () => {
    const p = principal();
    const started = await jobs.start(p, csv(3, 20000));
    await jobs.idle();
    expect(await jobs.get(principal(), started.id)).toBeNull();
    expect(await jobs.get(p, 'not-a-uuid')).toBeNull();
    // A RUNNING row whose process went away (simulated by reading it far in the future).
    await db.withTenant({ dealershipId: p.dealershipId }, (em) =>
      em.execute("update inventory.import_jobs set status = 'RUNNING' where id = ?", [started.id]),
    );
    const later = await jobs.get(p, started.id, Date.now() + STALE_AFTER_MS + 1000);
    expect(later).toMatchObject({
      status: 'FAILED',
      failureMessage: expect.stringMatching(/interrupted/),
    });
  });
});
