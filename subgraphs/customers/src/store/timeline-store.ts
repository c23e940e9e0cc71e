// customers.notes and customers.activities (tenant transactions only).
import { uuidArray, type EntityManager } from '@autolytiq/kit';

export interface NoteRecord {
  id: string;
  customerId: string;
  body: string;
  authorId: string | null;
  createdAt: Date;
}

export type ActivityKind = 'CALL' | 'EMAIL' | 'TEXT' | 'VISIT' | 'TEST_DRIVE' | 'LEAD' | 'OTHER';

export interface ActivityRecord {
  id: string;
  customerId: string;
  kind: ActivityKind;
  occurredAt: Date;
  summary: string;
  actorId: string | null;
  createdAt: Date;
}

const NOTE =
  'id, customer_id as "customerId", body, author_id as "authorId", created_at as "createdAt"';
const ACTIVITY =
  'id, customer_id as "customerId", kind, occurred_at as "occurredAt", summary, actor_id as "actorId", created_at as "createdAt"';

export async function insertNote(
  em: EntityManager,
  dealershipId: string,
  customerId: string,
  authorId: string,
  body: string,
): Promise<NoteRecord> {
  const rows = await em.execute<NoteRecord[]>(
    `insert into customers.notes (dealership_id, customer_id, author_id, body)
     values (?::uuid, ?::uuid, ?::uuid, ?) returning ${NOTE}`,
    [dealershipId, customerId, authorId, body],
  );
  return rows[0]!;
}

export async function insertActivity(
  em: EntityManager,
  dealershipId: string,
  a: Omit<ActivityRecord, 'id' | 'createdAt'>,
): Promise<ActivityRecord> {
  const rows = await em.execute<ActivityRecord[]>(
    `insert into customers.activities (dealership_id, customer_id, kind, occurred_at, summary, actor_id)
     values (?::uuid, ?::uuid, ?, ?::timestamptz, ?, ?::uuid) returning ${ACTIVITY}`,
    [dealershipId, a.customerId, a.kind, a.occurredAt.toISOString(), a.summary, a.actorId],
  );
  return rows[0]!;
}

/** Notes of several customers in one query (newest first). */
export async function notesOf(
  em: EntityManager,
  customerIds: readonly string[],
): Promise<NoteRecord[]> {
  return em.execute<NoteRecord[]>(
    `select ${NOTE} from customers.notes where customer_id = any(?::uuid[])
      order by created_at desc, id`,
    [uuidArray(customerIds)],
  );
}

/** The newest `limit` activities of each customer, in one query. */
export async function activitiesOf(
  em: EntityManager,
  customerIds: readonly string[],
  limit: number,
): Promise<ActivityRecord[]> {
  return em.execute<ActivityRecord[]>(
    `select a.* from unnest(?::uuid[]) as r(customer_id)
       cross join lateral (
         select ${ACTIVITY} from customers.activities x
          where x.customer_id = r.customer_id
          order by x.occurred_at desc, x.id limit ?
       ) a`,
    [uuidArray(customerIds), limit],
  );
}

/** Merge: every note and activity of `fromId` now belongs to `toId`. Returns how many moved. */
export async function moveTimeline(
  em: EntityManager,
  fromId: string,
  toId: string,
): Promise<{ notes: number; activities: number }> {
  const notes = await em.execute<{ id: string }[]>(
    'update customers.notes set customer_id = ?::uuid where customer_id = ?::uuid returning id',
    [toId, fromId],
  );
  const activities = await em.execute<{ id: string }[]>(
    'update customers.activities set customer_id = ?::uuid where customer_id = ?::uuid returning id',
    [toId, fromId],
  );
  return { notes: notes.length, activities: activities.length };
}

/** Merge: the duplicate's id (and ids merged into it earlier) now resolve to the survivor. */
export async function recordMerge(
  em: EntityManager,
  dealershipId: string,
  mergedId: string,
  survivorId: string,
  mergedBy: string,
): Promise<void> {
  await em.execute(
    'update customers.merged_customers set survivor_id = ?::uuid where survivor_id = ?::uuid',
    [survivorId, mergedId],
  );
  await em.execute(
    `insert into customers.merged_customers (merged_id, dealership_id, survivor_id, merged_by)
     values (?::uuid, ?::uuid, ?::uuid, ?::uuid)`,
    [mergedId, dealershipId, survivorId, mergedBy],
  );
}

export async function activitiesById(
  em: EntityManager,
  ids: readonly string[],
): Promise<ActivityRecord[]> {
  return em.execute<ActivityRecord[]>(
    `select ${ACTIVITY} from customers.activities where id = any(?::uuid[])`,
    [uuidArray(ids)],
  );
}
