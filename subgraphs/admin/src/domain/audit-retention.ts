// The audit retention job: every hour (and once at start), each dealership's entries older than its
// auditRetentionDays are purged through audit.purge_before, in that dealership's own tenant
// transaction (the function refuses any other tenant). Every replica may run it: a purge is idempotent.
import type { Database, Logger } from '@autolytiq/kit';
import { purgeAuditEntries } from '../store/audit-store.ts';

const DAY_MS = 86_400_000;

/** Purges once; returns entries removed per dealership (only those that had any). */
export async function purgeExpiredAudit(
  db: Database,
  now = new Date(),
): Promise<Map<string, number>> {
  const due = await db.asSystem((em) =>
    em.execute<{ id: string; days: number }[]>('select id, days from admin.audit_retention()'),
  );
  const removed = new Map<string, number>();
  for (const { id, days } of due) {
    const before = new Date(now.getTime() - days * DAY_MS);
    const n = await db.withTenant({ dealershipId: id }, (em) => purgeAuditEntries(em, id, before));
    if (n > 0) removed.set(id, n);
  }
  return removed;
}

export function startAuditRetention(
  db: Database,
  logger: Logger,
  intervalMs = 3_600_000,
): { stop(): void } {
  const run = () =>
    purgeExpiredAudit(db).then(
      (removed) => {
        for (const [dealershipId, n] of removed)
          logger.info({ dealershipId, removed: n }, 'audit entries past retention purged');
      },
      (err: unknown) => logger.error({ err }, 'audit retention purge failed'),
    );
  const first = setTimeout(() => void run(), 30_000);
  const timer = setInterval(() => void run(), intervalMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
