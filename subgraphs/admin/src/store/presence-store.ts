// admin.presence and admin.presence_connections (migration 0045). Join and leave take a per-member
// advisory lock, so a tab opening on one replica while another closes on a second replica cannot both
// conclude "first" or "last": the member ends online exactly when a connection row remains.
import { uuidArray, type EntityManager } from '@autolytiq/kit';
import type { PresenceRecord, PresenceStatus, ViewingKind } from '../domain/presence.ts';

interface Row {
  user_id: string;
  username: string;
  status: PresenceStatus;
  note: string | null;
  viewing_kind: ViewingKind | null;
  viewing_id: string | null;
  since: Date | string;
}

const COLUMNS = 'user_id, username, status, note, viewing_kind, viewing_id, since';

export function toPresence(r: Row): PresenceRecord {
  return {
    userId: r.user_id,
    username: r.username,
    status: r.status,
    note: r.note,
    viewing: r.viewing_kind && r.viewing_id ? { kind: r.viewing_kind, id: r.viewing_id } : null,
    since: new Date(r.since).toISOString(),
  };
}

const lockMember = (em: EntityManager, userId: string) =>
  em.execute("select pg_advisory_xact_lock(hashtext('autolytiq.presence'), hashtext(?))", [userId]);

/** Records a connection; the member's presence when this made them online (else null). */
export async function joinPresence(
  em: EntityManager,
  m: { connectionId: string; dealershipId: string; userId: string; username: string },
): Promise<PresenceRecord | null> {
  await lockMember(em, m.userId);
  await em.execute(
    'insert into admin.presence_connections (id, dealership_id, user_id) values (?, ?, ?)',
    [m.connectionId, m.dealershipId, m.userId],
  );
  const rows = await em.execute<Row[]>(
    `insert into admin.presence (dealership_id, user_id, username, status, since)
     values (?, ?, ?, 'AVAILABLE', now())
     on conflict (dealership_id, user_id) do nothing
     returning ${COLUMNS}`,
    [m.dealershipId, m.userId, m.username],
  );
  return rows[0] ? toPresence(rows[0]) : null;
}

/** Drops a connection; the member's last presence when it was their last one (else null). */
export async function leavePresence(
  em: EntityManager,
  m: { connectionId: string; userId: string },
): Promise<PresenceRecord | null> {
  await lockMember(em, m.userId);
  await em.execute('delete from admin.presence_connections where id = ?', [m.connectionId]);
  const left = await em.execute<{ n: number }[]>(
    'select count(*)::int as n from admin.presence_connections where user_id = ?',
    [m.userId],
  );
  if (left[0]!.n > 0) return null;
  const rows = await em.execute<Row[]>(
    `delete from admin.presence where user_id = ? returning ${COLUMNS}`,
    [m.userId],
  );
  return rows[0] ? toPresence(rows[0]) : null;
}

/** The dealership's members online now. */
export async function listPresence(em: EntityManager): Promise<PresenceRecord[]> {
  const rows = await em.execute<Row[]>(`select ${COLUMNS} from admin.presence order by username`);
  return rows.map(toPresence);
}

/** Stores a connected member's new presence; false when they hold no connection (not online). */
export async function updatePresence(em: EntityManager, p: PresenceRecord): Promise<boolean> {
  const rows = await em.execute<{ user_id: string }[]>(
    `update admin.presence
        set username = ?, status = ?, note = ?, viewing_kind = ?, viewing_id = ?, since = ?
      where user_id = ? returning user_id`,
    [
      p.username,
      p.status,
      p.note,
      p.viewing?.kind ?? null,
      p.viewing?.id ?? null,
      p.since,
      p.userId,
    ],
  );
  return rows.length > 0;
}

/** Marks this replica's connections of one dealership as alive. */
export async function refreshConnections(em: EntityManager, ids: string[]): Promise<void> {
  await em.execute(
    'update admin.presence_connections set seen_at = now() where id = any(?::uuid[])',
    [uuidArray(ids)],
  );
}

/** Ends connections not refreshed for `staleSeconds` (a replica that died); members now offline. */
export async function sweepPresence(
  em: EntityManager,
  staleSeconds: number,
): Promise<Array<{ dealershipId: string; presence: PresenceRecord }>> {
  const rows = await em.execute<Array<Row & { dealership_id: string }>>(
    'select * from admin.presence_sweep(?)',
    [staleSeconds],
  );
  return rows.map((r) => ({ dealershipId: r.dealership_id, presence: toPresence(r) }));
}
