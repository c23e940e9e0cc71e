// Assembles the calc subgraph: the engine behind GraphQL, plus the dealership's local rate table.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import type { z } from 'zod';
import { CalcService } from './domain/calc-service.ts';
import { LocalRateService } from './domain/local-rates.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const calcConfigSchema = subgraphConfigSchema(4006);
export type CalcConfig = z.infer<typeof calcConfigSchema>;

export function startCalcSubgraph(config: CalcConfig) {
  return bootSubgraph({
    name: 'calc',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    bodyLimit: '10mb', // rate tables are imported as CSV text
    setup: async (db) => {
      const services = { calc: new CalcService(db), rates: new LocalRateService(db) };
      return { services, resolvers: createResolvers(services) };
    },
  });
}
