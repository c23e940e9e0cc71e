// Assembles the inventory subgraph (vehicles, VIN decoding, search). `main.ts` runs it as a process.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import { z } from 'zod';
import { ImportJobs } from './domain/import-jobs.ts';
import { VehicleService } from './domain/vehicle-service.ts';
import { createVinDecoder } from './domain/vin-decoder.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const inventoryConfigSchema = subgraphConfigSchema('inventory').extend({
  /** NHTSA vPIC API base (https://vpic.nhtsa.dot.gov/api); unset = the offline database. */
  NHTSA_VPIC_URL: z.url().optional(),
});
export type InventoryConfig = z.infer<typeof inventoryConfigSchema>;

export function startInventorySubgraph(config: InventoryConfig) {
  return bootSubgraph({
    name: 'inventory',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    setup: async (db, { logger }) => {
      const decoder = createVinDecoder(config.NHTSA_VPIC_URL);
      // Open the offline database in the background: the first decode then costs ≈ 1 ms, not 200+.
      decoder.warm().catch(() => undefined);
      const service = new VehicleService(db, decoder);
      const jobs = new ImportJobs(db, service, logger);
      return { services: service, resolvers: createResolvers(service, jobs) };
    },
  });
}
