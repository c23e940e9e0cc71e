// Assembles the calc subgraph: the engine behind GraphQL, plus the dealership's local rate table.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import { z } from 'zod';
import { CalcService } from './domain/calc-service.ts';
import { LocalRateService } from './domain/local-rates.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';
import { CachedRates } from './domain/rates/cached-rates.ts';
import { TaxJarClient } from './domain/rates/taxjar.ts';
import { AvalaraClient } from './domain/rates/avalara.ts';
import type { RatesProvider } from './domain/rates/provider.ts';

/** The configured rates provider behind its cache, or none (one set of credentials per deployment
 *  for now; per-dealership credentials in settings are not built yet). */
export function ratesProvider(config: CalcConfig): CachedRates | undefined {
  let client: RatesProvider;
  if (config.TAX_RATES_PROVIDER === 'taxjar' && config.TAXJAR_API_TOKEN) {
    client = new TaxJarClient({
      token: config.TAXJAR_API_TOKEN,
      ...(config.TAXJAR_API_URL ? { baseUrl: config.TAXJAR_API_URL } : {}),
    });
  } else if (
    config.TAX_RATES_PROVIDER === 'avalara' &&
    config.AVALARA_ACCOUNT_ID &&
    config.AVALARA_LICENSE_KEY
  ) {
    client = new AvalaraClient({
      accountId: config.AVALARA_ACCOUNT_ID,
      licenseKey: config.AVALARA_LICENSE_KEY,
      ...(config.AVALARA_API_URL ? { baseUrl: config.AVALARA_API_URL } : {}),
    });
  } else return undefined;
  return new CachedRates(client, {
    timeoutMs: config.TAX_RATES_TIMEOUT_MS,
    ttlMs: config.TAX_RATES_TTL_HOURS * 3600_000,
  });
}

export const calcConfigSchema = subgraphConfigSchema('calc')
  .extend({
    /** Live local rates: "taxjar", or unset for the shipped tables and the dealership's own table. */
    TAX_RATES_PROVIDER: z.enum(['taxjar', 'avalara']).optional(),
    TAXJAR_API_TOKEN: z.string().min(1).optional(),
    /** https://api.taxjar.com by default; https://api.sandbox.taxjar.com for a sandbox account. */
    TAXJAR_API_URL: z.url().optional(),
    AVALARA_ACCOUNT_ID: z.string().min(1).optional(),
    AVALARA_LICENSE_KEY: z.string().min(1).optional(),
    /** https://rest.avatax.com by default; https://sandbox-rest.avatax.com for a sandbox account. */
    AVALARA_API_URL: z.url().optional(),
    /** How long a quote waits for the provider before going on without it. */
    TAX_RATES_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1500),
    /** How long an answer for an address is used before it is asked again. */
    TAX_RATES_TTL_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 30)
      .default(24),
  })
  .refine((c) => c.TAX_RATES_PROVIDER !== 'taxjar' || c.TAXJAR_API_TOKEN, {
    message: 'TAXJAR_API_TOKEN is required when TAX_RATES_PROVIDER=taxjar',
    path: ['TAXJAR_API_TOKEN'],
  })
  .refine(
    (c) => c.TAX_RATES_PROVIDER !== 'avalara' || (c.AVALARA_ACCOUNT_ID && c.AVALARA_LICENSE_KEY),
    {
      message:
        'AVALARA_ACCOUNT_ID and AVALARA_LICENSE_KEY are required when TAX_RATES_PROVIDER=avalara',
      path: ['AVALARA_LICENSE_KEY'],
    },
  );
export type CalcConfig = z.infer<typeof calcConfigSchema>;

export function startCalcSubgraph(config: CalcConfig) {
  return bootSubgraph({
    name: 'calc',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    bodyLimit: '10mb', // rate tables are imported as CSV text
    setup: async (db) => {
      const services = {
        calc: new CalcService(db, ratesProvider(config)),
        rates: new LocalRateService(db),
      };
      return { services, resolvers: createResolvers(services) };
    },
  });
}
