// Assembles the customers subgraph (CRM records). `main.ts` runs it as a process.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import { z } from 'zod';
import { CreditService } from './domain/credit-service.ts';
import { CustomerService } from './domain/customer-service.ts';
import { addressValidatorFor } from './domain/google-address.ts';
import { LeadImportService } from './domain/lead-import.ts';
import { teamCheck } from './domain/team-check.ts';
import { parsePiiKeys, PiiCipher, PiiKeyError } from './domain/pii-crypto.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const customersConfigSchema = subgraphConfigSchema('customers').extend({
  /**
   * Keys that encrypt PII (credit applications, customers' dates of birth): `keyId:base64key` (32 bytes), comma-separated, the
   * first being current; older ones stay listed until everything is re-sealed.
   */
  CUSTOMERS_PII_KEYS: z.string().superRefine((text, ctx) => {
    try {
      parsePiiKeys(text);
    } catch (error) {
      if (!(error instanceof PiiKeyError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  }),
  /** Turns on Google's Address Validation API for validateAddress. */
  GOOGLE_MAPS_API_KEY: z.string().min(1).optional(),
  /** Where that API is (a stand-in in tests). */
  GOOGLE_ADDRESS_VALIDATION_URL: z.url().optional(),
  /** The router: the assigned salesperson is checked against auth's `team`, asked as the caller. */
  ROUTER_URL: z.url().optional(),
});
export type CustomersConfig = z.infer<typeof customersConfigSchema>;

export function startCustomersSubgraph(config: CustomersConfig) {
  const cipher = PiiCipher.fromConfig(config.CUSTOMERS_PII_KEYS);
  const routerUrl = (config.ROUTER_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
  const people = teamCheck(`${routerUrl}/graphql`);
  return bootSubgraph({
    name: 'customers',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    setup: async (db, { logger }) => {
      const validator = addressValidatorFor(config, (reason) =>
        logger.warn({ reason }, 'Google address validation unavailable; checked offline'),
      );
      const services = {
        customers: new CustomerService(db, validator, cipher, people),
        credit: new CreditService(db, cipher),
        leads: new LeadImportService(db),
      };
      // Dates of birth stored in clear before migration 0003 are sealed in the background; until a
      // row is sealed it reads and matches as before (see the migration).
      services.customers
        .sealClearDatesOfBirth()
        .then((sealed) => {
          if (sealed > 0) logger.info({ sealed }, 'customer dates of birth sealed');
        })
        .catch((error: unknown) =>
          logger.error(
            { err: error },
            'sealing customer dates of birth failed; retried at next start',
          ),
        );
      return {
        services,
        resolvers: createResolvers(services),
      };
    },
  });
}
