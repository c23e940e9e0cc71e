// The customer record's date of birth at rest: sealed like the credit application's (AES-256-GCM,
// CUSTOMERS_PII_KEYS, the row's identity as additional data), with only the birth year in clear, and
// a keyed hash for the name + date-of-birth duplicate match.
//
// The match tag is HMAC-SHA256 under a key derived from the PII key (never the sealing key itself),
// over the dealership and the date: equal dates in one dealership give equal tags, so the duplicate
// rule stays exact (a birth-year match would widen "same last name + initial" to a whole year). Dates
// of birth are few (~40,000 in a century), so the tag is only as strong as its key: it lives beside
// the envelope and is recomputed on rotation; lookups try the tags of every configured key, so
// duplicates are still found while a rotation is under way.
import type { StoredDob, SealedDob } from '../store/customers-store.ts';
import type { PiiCipher } from './pii-crypto.ts';

/** Binds a sealed date of birth to its customer row and dealership. */
export const customerDobContext = (dealershipId: string, customerId: string) =>
  `customers.customers/${dealershipId}/${customerId}/dob`;

/** Match tags are per dealership (not per row: they must be equal across rows). */
export const dobMatchContext = (dealershipId: string) =>
  `customers.customers/${dealershipId}/dob-match`;

export class CustomerDob {
  constructor(private readonly cipher: PiiCipher) {}

  seal(dealershipId: string, customerId: string, dateOfBirth: string): SealedDob {
    return {
      encrypted: this.cipher.encrypt(dateOfBirth, customerDobContext(dealershipId, customerId)),
      birthYear: Number(dateOfBirth.slice(0, 4)),
      match: this.cipher.matchTag(dateOfBirth, dobMatchContext(dealershipId)),
    };
  }

  /** The clear date of a stored row (sealed, or not yet sealed by the start-up pass). */
  open(dealershipId: string, row: StoredDob): string | null {
    if (row.encrypted)
      return this.cipher.decrypt(row.encrypted, customerDobContext(dealershipId, row.id));
    return row.clear;
  }

  /** Tags to look `dateOfBirth` up by: one per configured key. */
  tags(dealershipId: string, dateOfBirth: string | null | undefined): string[] {
    return dateOfBirth ? this.cipher.matchTags(dateOfBirth, dobMatchContext(dealershipId)) : [];
  }

  /** True when the row's envelope or tag is under an older key. */
  isStale(row: StoredDob): boolean {
    return (
      !!row.encrypted &&
      (this.cipher.isStale(row.encrypted) || this.cipher.isStaleTag(row.match ?? ''))
    );
  }
}
