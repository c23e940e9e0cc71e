// ml.jobs: background learning jobs and their progress (each update its own small transaction).
import type { EntityManager } from '@autolytiq/kit';
import type { Engine } from './models-store.ts';

export type JobStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface JobRecord {
  id: string;
  engine: Engine;
  status: JobStatus;
  progress: number;
  message: string;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

interface Row {
  id: string;
  engine: Engine;
  status: JobStatus;
  progress: number;
  message: string;
  started_at: string | Date;
  updated_at: string | Date;
  finished_at: string | Date | null;
}

const COLUMNS = 'id, engine, status, progress, message, started_at, updated_at, finished_at';

const toRecord = (r: Row): JobRecord => ({
  id: r.id,
  engine: r.engine,
  status: r.status,
  progress: r.progress,
  message: r.message,
  startedAt: new Date(r.started_at),
  updatedAt: new Date(r.updated_at),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
});

export async function insertJob(
  em: EntityManager,
  job: { dealershipId: string; engine: Engine; requestedBy: string | null; message: string },
): Promise<JobRecord> {
  const rows = await em.execute<Row[]>(
    `insert into ml.jobs (dealership_id, engine, status, message, requested_by)
     values (?, ?, 'RUNNING', ?, ?) returning ${COLUMNS}`,
    [job.dealershipId, job.engine, job.message, job.requestedBy],
  );
  return toRecord(rows[0]!);
}

export async function findJob(em: EntityManager, id: string): Promise<JobRecord | null> {
  const rows = await em.execute<Row[]>(`select ${COLUMNS} from ml.jobs where id = ?`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The engine's job still running (updated within `freshMs`), if any. */
export async function runningJob(
  em: EntityManager,
  engine: Engine,
  freshMs: number,
): Promise<JobRecord | null> {
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from ml.jobs where engine = ? and status = 'RUNNING'
       and updated_at > now() - make_interval(secs => ?) order by started_at desc limit 1`,
    [engine, freshMs / 1000],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function updateJob(
  em: EntityManager,
  id: string,
  change: { progress?: number; message: string; status?: JobStatus },
): Promise<void> {
  const done = change.status && change.status !== 'RUNNING';
  await em.execute(
    `update ml.jobs set progress = coalesce(?, progress), message = ?, status = coalesce(?, status),
       updated_at = now(), finished_at = ${done ? 'now()' : 'finished_at'}
     where id = ?`,
    [change.progress ?? null, change.message, change.status ?? null, id],
  );
}
