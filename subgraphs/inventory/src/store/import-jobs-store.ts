// inventory.import_jobs: background CSV imports and their progress.
import type { EntityManager } from '@autolytiq/kit';
import type { ImportRowError } from '../domain/csv-import.ts';
import type { ImportProgress } from '../domain/vehicle-service.ts';

export type ImportJobStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ImportJobRecord {
  id: string;
  status: ImportJobStatus;
  rows: number;
  processedRows: number;
  imported: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: ImportRowError[];
  batches: Array<{ batch: number; rows: number; imported: number; updated?: number }>;
  failureMessage: string | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

interface Row {
  id: string;
  status: ImportJobStatus;
  total_rows: number;
  processed_rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: ImportRowError[];
  batches: ImportJobRecord['batches'];
  failure_message: string | null;
  started_at: string | Date;
  updated_at: string | Date;
  finished_at: string | Date | null;
}

const COLUMNS = `id, status, total_rows, processed_rows, imported, updated, unchanged, failed, errors, batches,
  failure_message, started_at, updated_at, finished_at`;

function toRecord(r: Row): ImportJobRecord {
  return {
    id: r.id,
    status: r.status,
    rows: r.total_rows,
    processedRows: r.processed_rows,
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    failed: r.failed,
    errors: r.errors,
    // Jobs from before re-imports updated anything have no per-batch count: none.
    batches: r.batches.map((b) => ({ ...b, updated: b.updated ?? 0 })),
    failureMessage: r.failure_message,
    // em.execute hands timestamps back as text.
    startedAt: new Date(r.started_at),
    updatedAt: new Date(r.updated_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
  };
}

export async function insertImportJob(
  em: EntityManager,
  job: { dealershipId: string; createdBy: string; rows: number; refused: ImportRowError[] },
): Promise<ImportJobRecord> {
  const done = job.refused.length === job.rows; // nothing to save: finished already
  const rows = await em.execute<Row[]>(
    `insert into inventory.import_jobs
       (dealership_id, created_by, status, total_rows, processed_rows, failed, errors, finished_at)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ${done ? 'now()' : 'null'})
     returning ${COLUMNS}`,
    [
      job.dealershipId,
      job.createdBy,
      done ? 'COMPLETED' : 'RUNNING',
      job.rows,
      job.refused.length,
      job.refused.length,
      JSON.stringify(job.refused),
    ],
  );
  return toRecord(rows[0]!);
}

export async function recordImportProgress(
  em: EntityManager,
  id: string,
  p: ImportProgress,
): Promise<void> {
  await em.execute(
    `update inventory.import_jobs
        set processed_rows = ?, imported = ?, updated = ?, unchanged = ?, failed = ?,
            errors = ?::jsonb, batches = ?::jsonb, updated_at = now()
      where id = ?`,
    [
      p.processedRows,
      p.imported,
      p.updated,
      p.unchanged,
      p.failed,
      JSON.stringify(p.errors),
      JSON.stringify(p.batches),
      id,
    ],
  );
}

export async function finishImportJob(
  em: EntityManager,
  id: string,
  outcome: { status: 'COMPLETED' } | { status: 'FAILED'; message: string },
): Promise<void> {
  if (outcome.status === 'COMPLETED') {
    await em.execute(
      `update inventory.import_jobs
          set status = 'COMPLETED', processed_rows = total_rows, failed = total_rows - imported - updated - unchanged,
              updated_at = now(), finished_at = now()
        where id = ?`,
      [id],
    );
    return;
  }
  // Batches already saved stay saved (one transaction each); the rest are counted as failed.
  await em.execute(
    `update inventory.import_jobs
        set status = 'FAILED', failure_message = ?,
            failed = total_rows - imported - updated - unchanged,
            processed_rows = total_rows, updated_at = now(), finished_at = now()
      where id = ?`,
    [outcome.message, id],
  );
}

export async function findImportJob(
  em: EntityManager,
  id: string,
): Promise<ImportJobRecord | null> {
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from inventory.import_jobs where id = ?`,
    [id],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}
