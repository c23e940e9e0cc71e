// Thin resolvers over AuditLogService.
import { requirePrincipal } from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { AuditLogService } from '../domain/audit-log.ts';

export function auditResolvers(service: AuditLogService): Pick<Resolvers, 'Query' | 'AuditEntry'> {
  return {
    Query: {
      auditLog: (_p, { filter, first, after }, ctx) =>
        service.page(requirePrincipal(ctx), filter, first, after),
      auditLogCsv: (_p, { filter }, ctx) => service.csv(requirePrincipal(ctx), filter),
    },
    AuditEntry: {
      actor: (e) => ({
        id: e.clientId ?? e.actorUserId,
        username: e.actorUsername,
        kind: e.clientId ? 'CLIENT' : e.actorUserId ? 'USER' : 'SYSTEM',
      }),
    },
  };
}
