// Creating a dealership (demo seed, future sign-up flow). It runs inside the new dealership's own
// tenant scope, so no RLS bypass is needed.
import { randomUUID } from 'node:crypto';
import type { Database } from '@autolytiq/kit';
import { badInput } from '@autolytiq/kit';
import {
  isTimezone,
  validateAddress,
  type AddressInput,
  type DealershipRecord,
} from './dealerships.ts';
import { insertDealership, findDealerships } from '../store/dealerships-store.ts';

export interface NewDealership {
  id?: string;
  name: string;
  legalName: string;
  address: AddressInput;
  timezone: string;
  currency?: string;
}

export async function provisionDealership(
  db: Database,
  input: NewDealership,
): Promise<DealershipRecord> {
  const id = input.id ?? randomUUID();
  if (!isTimezone(input.timezone))
    throw badInput('timezone', `Unknown time zone ${input.timezone}.`);
  const address = validateAddress('address', input.address);
  return db.withTenant({ dealershipId: id }, async (em) => {
    const [existing] = await findDealerships(em, [id]);
    if (existing) return existing;
    return insertDealership(em, {
      id,
      name: input.name.trim(),
      legalName: input.legalName.trim(),
      address,
      timezone: input.timezone,
      currency: input.currency ?? 'USD',
    });
  });
}
