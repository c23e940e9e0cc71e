// ml.models: each engine's state per dealership. A save is one more version; a reset keeps counting
// (never back), so a reader can tell a reset model from the one it read before.
import type { EntityManager } from '@autolytiq/kit';

export type Engine = 'WHACO' | 'PRIME' | 'OSCILLATOR';
export const ENGINES: readonly Engine[] = ['WHACO', 'PRIME', 'OSCILLATOR'];

export interface ModelRecord<S = unknown> {
  engine: Engine;
  version: number;
  samples: number;
  state: S | null;
  trainedAt: Date | null;
  updatedAt: Date;
}

interface Row {
  engine: Engine;
  version: number;
  samples: number;
  state: unknown;
  trained_at: string | Date | null;
  updated_at: string | Date;
}

const toRecord = <S>(r: Row): ModelRecord<S> => ({
  engine: r.engine,
  version: r.version,
  samples: r.samples,
  state: (r.state ?? null) as S | null,
  trainedAt: r.trained_at === null ? null : new Date(r.trained_at),
  updatedAt: new Date(r.updated_at),
});

const COLUMNS = 'engine, version, samples, state, trained_at, updated_at';

/** The engine's model, or null when it never learned or was reset. */
export async function loadModel<S>(
  em: EntityManager,
  engine: Engine,
): Promise<ModelRecord<S> | null> {
  const rows = await em.execute<Row[]>(`select ${COLUMNS} from ml.models where engine = ?`, [
    engine,
  ]);
  return rows[0] ? toRecord<S>(rows[0]) : null;
}

/** Every engine's row (for the models list); engines never saved are missing. */
export async function listModels(em: EntityManager): Promise<ModelRecord[]> {
  const rows = await em.execute<Row[]>(`select ${COLUMNS} from ml.models order by engine`);
  return rows.map((r) => toRecord(r));
}

/** Locks the engine's row for this transaction (creating it), so two saves never interleave. */
export async function lockModel<S>(
  em: EntityManager,
  dealershipId: string,
  engine: Engine,
): Promise<ModelRecord<S>> {
  await em.execute(
    `insert into ml.models (dealership_id, engine, version) values (?, ?, 0)
     on conflict (dealership_id, engine) do nothing`,
    [dealershipId, engine],
  );
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from ml.models where engine = ? for update`,
    [engine],
  );
  return toRecord<S>(rows[0]!);
}

/** Saves a new state: version + 1. Call inside the transaction that locked it (lockModel). */
export async function saveModel(
  em: EntityManager,
  engine: Engine,
  state: unknown,
  samples: number,
): Promise<ModelRecord> {
  const rows = await em.execute<Row[]>(
    `update ml.models set state = ?::jsonb, samples = ?, version = version + 1,
       trained_at = now(), updated_at = now()
     where engine = ? returning ${COLUMNS}`,
    [JSON.stringify(state), samples, engine],
  );
  return toRecord(rows[0]!);
}

/** Forgets the engine's state (version + 1, no samples). */
export async function resetModel(
  em: EntityManager,
  dealershipId: string,
  engine: Engine,
): Promise<ModelRecord> {
  await lockModel(em, dealershipId, engine);
  const rows = await em.execute<Row[]>(
    `update ml.models set state = null, samples = 0, version = version + 1, trained_at = null,
       updated_at = now()
     where engine = ? returning ${COLUMNS}`,
    [engine],
  );
  return toRecord(rows[0]!);
}
