// Duplicate matching without a date-of-birth oracle (issue 12, weakness 1). Matching on last name +
// date of birth + first initial told anyone with customers.read whether a guessed date was right: 25
// aliased guesses per request recovered a full date of birth in ~10 requests, unaudited. Now:
// - without customers.pii.read a date-of-birth match is never reported on its own (email, phone and
//   business-name matches still are): the date the caller typed is not compared at all;
// - with it, every customer found only through the date of birth gets a PII audit row
//   (CUSTOMER_DATE_OF_BIRTH_MATCH), the same log revealCustomerDateOfBirth writes to.
import type { EntityManager, Principal } from '@autolytiq/kit';
import { insertReveal } from '../store/credit-store.ts';
import { findDuplicates, type StoredCustomer } from '../store/customers-store.ts';
import type { CustomerFields } from './customers.ts';

export const DOB_MATCH_AUDIT_FIELD = 'CUSTOMER_DATE_OF_BIRTH_MATCH';

export async function duplicatesFor(
  em: EntityManager,
  principal: Principal,
  fields: CustomerFields,
  dobTags: readonly string[],
  requestId: string | null,
): Promise<StoredCustomer[]> {
  const withoutDob: CustomerFields = { ...fields, dateOfBirth: null };
  if (!fields.dateOfBirth || !principal.permissions.includes('customers.pii.read')) {
    return findDuplicates(em, withoutDob, []);
  }
  const all = await findDuplicates(em, fields, dobTags);
  if (all.length === 0) return all;
  const otherwise = new Set((await findDuplicates(em, withoutDob, [])).map((c) => c.id));
  for (const customer of all) {
    if (otherwise.has(customer.id)) continue;
    await insertReveal(em, principal.dealershipId, {
      customerId: customer.id,
      applicationId: null,
      revealedBy: principal.userId,
      revealedByUsername: principal.username,
      fields: [DOB_MATCH_AUDIT_FIELD],
      requestId,
    });
  }
  return all;
}
