// CSV imports that run in the background: `start` validates the whole file (an unreadable file is
// BAD_USER_INPUT at once, nothing saved), records the job, and returns; the batches then run in this
// process, each updating the job in its own transaction. Clients poll the job for a progress bar.
import { isUuid, tenantOf, type Database, type Logger, type Principal } from '@autolytiq/kit';
import { validateCsv } from './csv-import.ts';
import type { VehicleService } from './vehicle-service.ts';
import {
  finishImportJob,
  findImportJob,
  insertImportJob,
  recordImportProgress,
  type ImportJobRecord,
} from '../store/import-jobs-store.ts';

// A running job is updated at least once a batch (seconds). One silent for this long belonged to a
// process that stopped (restart, crash): it is reported as failed rather than running forever.
export const STALE_AFTER_MS = 2 * 60_000;

export class ImportJobs {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly vehicles: VehicleService,
    private readonly logger: Logger,
  ) {}

  async start(principal: Principal, csv: string): Promise<ImportJobRecord> {
    const validated = validateCsv(csv, new Date(), principal.timezone);
    const job = await this.db.withTenant(tenantOf(principal), (em) =>
      insertImportJob(em, {
        dealershipId: principal.dealershipId,
        createdBy: principal.userId,
        rows: validated.rows,
        refused: validated.errors,
      }),
    );
    if (job.status === 'RUNNING') {
      const run = this.run(principal, job.id, validated).finally(() => this.running.delete(run));
      this.running.add(run);
    }
    return job;
  }

  private async run(
    principal: Principal,
    jobId: string,
    validated: ReturnType<typeof validateCsv>,
  ): Promise<void> {
    const tenant = tenantOf(principal);
    try {
      await this.vehicles.importValidated(principal, validated, (em, progress) =>
        recordImportProgress(em, jobId, progress),
      );
      await this.db.withTenant(tenant, (em) => finishImportJob(em, jobId, { status: 'COMPLETED' }));
    } catch (error) {
      this.logger.error({ err: error, jobId }, 'vehicle import failed');
      await this.db
        .withTenant(tenant, (em) =>
          finishImportJob(em, jobId, {
            status: 'FAILED',
            message: 'The import stopped on an internal error; the batches reported were saved.',
          }),
        )
        .catch((e: unknown) =>
          this.logger.error({ err: e, jobId }, 'could not record the failure'),
        );
    }
  }

  /** The caller's dealership's job, or null (unknown id or another dealership's). */
  async get(principal: Principal, id: string, now = Date.now()): Promise<ImportJobRecord | null> {
    if (!isUuid(id)) return null;
    const job = await this.db.withTenant(tenantOf(principal), (em) => findImportJob(em, id));
    if (job?.status === 'RUNNING' && now - job.updatedAt.getTime() > STALE_AFTER_MS) {
      return {
        ...job,
        status: 'FAILED',
        failureMessage:
          'The import was interrupted (the inventory service restarted); the batches reported were saved.',
      };
    }
    return job;
  }

  /** Waits for the imports this process is running (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
