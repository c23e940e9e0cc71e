// auth.auth_events: append-only (a trigger refuses UPDATE/DELETE), tenant-scoped by RLS.
import type { EntityManager } from '@autolytiq/kit';

export interface AuthEventInput {
  dealershipId: string;
  userId: string | null;
  username: string;
  event: string;
  ipAddress?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuthEventRecord {
  id: string;
  userId: string | null;
  username: string;
  event: string;
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  occurredAt: Date;
}

export async function insertAuthEvent(em: EntityManager, e: AuthEventInput): Promise<void> {
  await em.execute(
    `insert into auth.auth_events (dealership_id, user_id, username, event, ip_address, user_agent, request_id, detail)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
    [
      e.dealershipId,
      e.userId,
      e.username,
      e.event,
      e.ipAddress ?? null,
      e.userAgent ?? null,
      e.requestId ?? null,
      JSON.stringify(e.detail ?? {}),
    ],
  );
}

interface EventRow {
  id: string | number;
  user_id: string | null;
  username: string;
  event: string;
  ip_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  detail: Record<string, unknown> | string;
  occurred_at: Date | string;
}

export async function listAuthEvents(
  em: EntityManager,
  options: { userId?: string | null; limit: number },
): Promise<AuthEventRecord[]> {
  const rows = await em.execute<EventRow[]>(
    `select id, user_id, username, event, ip_address, user_agent, request_id, detail, occurred_at
       from auth.auth_events where (?::uuid is null or user_id = ?::uuid)
      order by occurred_at desc, id desc limit ?`,
    [options.userId ?? null, options.userId ?? null, options.limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    userId: r.user_id,
    username: r.username,
    event: r.event,
    ipAddress: r.ip_address,
    userAgent: r.user_agent,
    requestId: r.request_id,
    detail:
      typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
    occurredAt: new Date(r.occurred_at),
  }));
}
