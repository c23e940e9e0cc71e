// The engines' saved state per dealership: list, reset (ml.admin), and the jobs' progress.
import { isUuid, type Database, type Principal } from '@autolytiq/kit';
import { clearSegments } from '../store/deal-facts-store.ts';
import { findJob, type JobRecord } from '../store/jobs-store.ts';
import {
  ENGINES,
  listModels,
  resetModel,
  type Engine,
  type ModelRecord,
} from '../store/models-store.ts';

/** A running job silent this long belonged to a process that stopped. */
const STALE_JOB_MS = 2 * 60_000;

export class ModelService {
  constructor(private readonly db: Database) {}

  /** One row per engine (an engine that never learned shows version 0, no samples). */
  async models(p: Principal): Promise<ModelRecord[]> {
    const rows = await this.db.withTenant({ dealershipId: p.dealershipId }, (em) => listModels(em));
    return ENGINES.map(
      (engine) =>
        rows.find((r) => r.engine === engine) ?? {
          engine,
          version: 0,
          samples: 0,
          state: null,
          trainedAt: null,
          updatedAt: new Date(0),
        },
    );
  }

  /**
   * Forgets what the engines learned: WHACO's segments, Prime's outcomes (so they are learned again
   * from the deals: the next read starts from the beginning), the team model.
   */
  async reset(p: Principal, engines: readonly Engine[] | null | undefined): Promise<ModelRecord[]> {
    const which = engines?.length ? [...new Set(engines)] : [...ENGINES];
    await this.db.withTenant({ dealershipId: p.dealershipId }, async (em) => {
      for (const engine of which) {
        await resetModel(em, p.dealershipId, engine);
        if (engine === 'WHACO') await clearSegments(em);
        if (engine === 'PRIME') {
          await em.execute('delete from ml.prime_outcomes');
          await em.execute('update ml.dealerships set synced_through = null');
        }
      }
    });
    return this.models(p);
  }

  async job(p: Principal, id: string, now = Date.now()): Promise<JobRecord | null> {
    if (!isUuid(id)) return null;
    const job = await this.db.withTenant({ dealershipId: p.dealershipId }, (em) => findJob(em, id));
    if (job?.status === 'RUNNING' && now - job.updatedAt.getTime() > STALE_JOB_MS) {
      return { ...job, status: 'FAILED', message: 'Interrupted: the ml service restarted.' };
    }
    return job;
  }
}
