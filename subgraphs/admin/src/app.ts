// Assembles the admin subgraph (tenant core). `main.ts` runs it as a process.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import type { z } from 'zod';
import { DealershipService } from './domain/dealership-service.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';
import { presenceResolvers } from './resolvers/presence.ts';
import { PresenceHub } from './domain/presence.ts';
import { AuditLogService } from './domain/audit-log.ts';
import { auditResolvers } from './resolvers/audit.ts';
import { startAuditRetention } from './domain/audit-retention.ts';

export const adminConfigSchema = subgraphConfigSchema('admin');
export type AdminConfig = z.infer<typeof adminConfigSchema>;

export function startAdminSubgraph(config: AdminConfig) {
  let hub: PresenceHub | undefined;
  let retention: { stop(): void } | undefined;
  return bootSubgraph({
    name: 'admin',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    setup: async (db, { bus, logger }) => {
      const service = new DealershipService(db);
      hub = new PresenceHub(db, bus, { logger: logger.child({ component: 'presence' }) });
      const presence = presenceResolvers(hub);
      const base = createResolvers(service);
      const audit = auditResolvers(new AuditLogService(db));
      retention = startAuditRetention(db, logger.child({ component: 'audit-retention' }));
      return {
        services: service,
        resolvers: {
          ...base,
          Query: { ...base.Query, ...audit.Query, ...presence.Query },
          AuditEntry: audit.AuditEntry,
          Mutation: { ...base.Mutation, ...presence.Mutation },
          Subscription: presence.Subscription,
          Presence: presence.Presence,
        },
      };
    },
    stop: async () => {
      retention?.stop();
      hub?.stop();
    },
  });
}
