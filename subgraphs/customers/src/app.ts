// Assembles the customers subgraph (CRM records). `main.ts` runs it as a process.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import { z } from 'zod';
import { addressValidatorFor } from './domain/address.ts';
import { CustomerService } from './domain/customer-service.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const customersConfigSchema = subgraphConfigSchema(4004).extend({
  /** Turns on the Google Places address validator (not implemented yet: the offline one is used). */
  GOOGLE_MAPS_API_KEY: z.string().min(1).optional(),
});
export type CustomersConfig = z.infer<typeof customersConfigSchema>;

export function startCustomersSubgraph(config: CustomersConfig) {
  return bootSubgraph({
    name: 'customers',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    setup: async (db) => {
      const service = new CustomerService(db, addressValidatorFor(config));
      return { services: service, resolvers: createResolvers(service) };
    },
  });
}
