// Reading and changing customers. The tenant always comes from the verified token; every query runs
// in a tenant transaction, so another dealership's ids find nothing. Layered by seam, one small file
// each: customer-base.ts (database, sealer, people check) → customer-queries.ts (reads) →
// customer-writes.ts (create, edit, timeline, merge) → here (date of birth: reveal, sealing, keys).
import { badInput, forbidden, notFound, parse, tenantOf, type Principal } from '@autolytiq/kit';
import {
  clearDobBatch,
  dealershipsWithClearDob,
  findCustomers,
  sealedDobBatch,
  storedDobsOf,
  writeSealedDob,
} from '../store/customers-store.ts';
import { insertReveal, type PiiRevealRecord } from '../store/credit-store.ts';
import { CustomerWrites } from './customer-writes.ts';

export type { PeopleCheck } from './customer-base.ts';
export type { CustomerPage, ListArgs } from './customer-queries.ts';
export type { CreateResult } from './customer-writes.ts';

export interface CustomerDobReveal {
  customerId: string;
  dateOfBirth: string;
  audit: PiiRevealRecord;
}

export class CustomerService extends CustomerWrites {
  /**
   * The customer record's date of birth in clear, with its audit record written in the same
   * transaction (no record, nothing returned). Needs customers.pii.read (schema and here).
   */
  async revealDateOfBirth(
    principal: Principal,
    customerId: string,
    requestId: string | null,
  ): Promise<CustomerDobReveal> {
    if (!principal.permissions.includes('customers.pii.read'))
      throw forbidden('This requires permission customers.pii.read.', {
        requiredPermissions: ['customers.pii.read'],
      });
    parse.id('customerId', customerId);
    const { dealershipId } = principal;
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [customer] = await findCustomers(em, [customerId]);
      if (!customer) throw notFound('No such customer.');
      const [stored] = await storedDobsOf(em, [customerId]);
      const dateOfBirth = stored ? this.dob.open(dealershipId, stored) : null;
      if (!dateOfBirth)
        throw badInput('customerId', 'No date of birth is on file for this customer.');
      const audit = await insertReveal(em, dealershipId, {
        customerId,
        applicationId: null,
        revealedBy: principal.userId,
        revealedByUsername: principal.username,
        fields: ['CUSTOMER_DATE_OF_BIRTH'],
        requestId,
      });
      return { customerId, dateOfBirth, audit };
    });
  }

  /**
   * Seals every date of birth still stored in clear (rows from before migration 0003), dealership by
   * dealership, `batchSize` rows per transaction; rows another process is sealing are skipped.
   * Idempotent: returns how many it sealed (0 once done). Run in the background at start-up.
   */
  async sealClearDatesOfBirth(batchSize = 200): Promise<number> {
    const dealerships = await this.db.asSystem((em) => dealershipsWithClearDob(em));
    let count = 0;
    for (const dealershipId of dealerships) {
      for (;;) {
        const n = await this.db.withTenant({ dealershipId }, async (em) => {
          const rows = await clearDobBatch(em, batchSize);
          for (const r of rows)
            await writeSealedDob(em, r.id, this.dob.seal(dealershipId, r.id, r.clear!));
          return rows.length;
        });
        count += n;
        if (n < batchSize) break;
      }
    }
    return count;
  }

  /**
   * Key rotation for the customer records of one dealership: re-seals every date of birth (and
   * recomputes its match tag) not under the current key, in batches. Returns how many.
   */
  async rotateKeys(dealershipId: string, batchSize = 500): Promise<number> {
    let after: string | undefined;
    let count = 0;
    for (;;) {
      const rows = await this.db.withTenant({ dealershipId }, async (em) => {
        const batch = await sealedDobBatch(em, batchSize, after);
        for (const r of batch) {
          if (!this.dob.isStale(r)) continue;
          await writeSealedDob(
            em,
            r.id,
            this.dob.seal(dealershipId, r.id, this.dob.open(dealershipId, r)!),
          );
          count++;
        }
        return batch;
      });
      if (rows.length < batchSize) return count;
      after = rows.at(-1)!.id;
    }
  }
}
