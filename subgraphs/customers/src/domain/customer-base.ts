// The customer service's ground floor: database, address validator, the date-of-birth sealer and
// the check of the people a customer names. The service is layered by seam, one small file each:
// CustomerServiceBase → CustomerQueries (reads) → CustomerWrites (create, edit, timeline, merge)
// → CustomerService (date of birth: reveal, sealing, key rotation).
import { isUuid, type Database } from '@autolytiq/kit';
import type { AddressValidator } from './address.ts';
import { CustomerDob } from './customer-pii.ts';
import type { CustomerInput } from './customers.ts';
import { generatePiiKeyEntry, PiiCipher } from './pii-crypto.ts';

/** Throws BAD_USER_INPUT on `field` unless `userId` is an active user of the caller's dealership. */
export type PeopleCheck = (
  callerToken: string | undefined,
  requestId: string | null,
  field: string,
  userId: string,
) => Promise<void>;

export const asDate = (v: Date | string | null | undefined) =>
  v == null ? null : v instanceof Date ? v : new Date(v);

export class CustomerServiceBase {
  protected readonly dob: CustomerDob;

  /**
   * `cipher`: the CUSTOMERS_PII_KEYS key ring that seals dates of birth (app.ts always passes it).
   * Left out (benchmarks), a key made for this process is used: what it seals does not survive it.
   */
  constructor(
    protected readonly db: Database,
    readonly addressValidator: AddressValidator,
    cipher: PiiCipher = PiiCipher.fromConfig(generatePiiKeyEntry('process')),
    /** Checks a user id the caller names (app.ts: auth's `team` through the router, as the caller). */
    private readonly people?: PeopleCheck,
  ) {
    this.dob = new CustomerDob(cipher);
  }

  /** The assigned salesperson must be an active user of the caller's dealership (issue 12). */
  protected async checkAssignee(
    input: CustomerInput,
    requestId: string | null,
    token: string | undefined,
  ) {
    const id = input.assignedSalespersonId;
    if (typeof id === 'string' && isUuid(id) && this.people) {
      await this.people(token, requestId, 'input.assignedSalespersonId', id);
    }
  }

  protected sealDob(
    dealershipId: string,
    customerId: string,
    dateOfBirth: string | null | undefined,
  ) {
    if (dateOfBirth === undefined) return undefined;
    return dateOfBirth === null ? null : this.dob.seal(dealershipId, customerId, dateOfBirth);
  }
}
