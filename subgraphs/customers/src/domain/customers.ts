// The customer record: validation of what is typed in, and the rules for changing it.
import { badInput, isUuid } from '@autolytiq/kit';
import { OfflineAddressValidator, type AddressInput, type AddressRecord } from './address.ts';
import { normalizePhone, phoneSearchDigits } from './phone.ts';

export type CustomerKind = 'INDIVIDUAL' | 'BUSINESS';
export type ContactMethod = 'EMAIL' | 'PHONE' | 'SMS' | 'MAIL';
export type CustomerSource =
  'WALK_IN' | 'PHONE' | 'WEB_LEAD' | 'REFERRAL' | 'REPEAT' | 'THIRD_PARTY' | 'EVENT' | 'OTHER';
export type PhoneKind = 'MOBILE' | 'HOME' | 'WORK' | 'OTHER';

export interface PhoneRecord {
  number: string;
  kind: PhoneKind;
}

/** The fields a person edits (everything but identity, bookkeeping and version). */
export interface CustomerFields {
  kind: CustomerKind;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  businessName: string | null;
  emails: string[];
  phones: PhoneRecord[];
  addresses: AddressRecord[];
  /**
   * In clear only while a write is prepared (it is sealed before it is stored); undefined means
   * "keep the stored one", which is what a stored record carries (see CustomerRecord.birthYear).
   */
  dateOfBirth?: string | null;
  preferredContact: ContactMethod | null;
  marketingConsent: boolean;
  doNotContact: boolean;
  source: CustomerSource;
  assignedSalespersonId: string | null;
}

/** A stored customer: the date of birth is sealed at rest, only its year is read. */
export interface CustomerRecord extends Omit<CustomerFields, 'dateOfBirth'> {
  /** Year of birth, null when no date of birth is on file. */
  birthYear: number | null;
  id: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PhoneInput {
  number: string;
  kind?: PhoneKind | null;
}

/** As typed in (GraphQL input): every field optional, null meaning "none". */
export interface CustomerInput {
  kind?: CustomerKind | null;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  businessName?: string | null;
  emails?: readonly string[] | null;
  phones?: readonly PhoneInput[] | null;
  addresses?: readonly AddressInput[] | null;
  dateOfBirth?: string | null;
  preferredContact?: ContactMethod | null;
  marketingConsent?: boolean | null;
  doNotContact?: boolean | null;
  source?: CustomerSource | null;
  assignedSalespersonId?: string | null;
}

const EMAIL =
  /^[^\s@"(),:;<>[\]\\]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

function optionalText(field: string, value: string | null | undefined, max = 100): string | null {
  if (value == null) return null;
  const v = value.trim().replace(/\s+/g, ' ');
  if (!v) return null;
  if (v.length > max) throw badInput(field, `At most ${max} characters.`);
  return v;
}

export function normalizeEmail(field: string, raw: string): string {
  const v = raw.trim().toLowerCase();
  if (v.length > 254 || !EMAIL.test(v) || v.split('@')[0]!.length > 64)
    throw badInput(field, `${JSON.stringify(raw)} is not a valid email address.`);
  return v;
}

/** YYYY-MM-DD, a real calendar day, not in the future, not before 1900. */
export function validateBirthDate(field: string, value: string, today = new Date()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== value)
    throw badInput(field, 'Enter a date as YYYY-MM-DD.');
  if (value < '1900-01-01' || d.getTime() > today.getTime())
    throw badInput(field, 'The date of birth must be between 1900 and today.');
  return value;
}

function emails(field: string, list: readonly string[]): string[] {
  if (list.length > 10) throw badInput(field, 'At most 10 email addresses.');
  return [...new Set(list.map((e, i) => normalizeEmail(`${field}.${i}`, e)))];
}

function phones(field: string, list: readonly PhoneInput[]): PhoneRecord[] {
  if (list.length > 10) throw badInput(field, 'At most 10 phone numbers.');
  const out: PhoneRecord[] = [];
  list.forEach((p, i) => {
    const r = normalizePhone(p.number);
    if (!r.ok) throw badInput(`${field}.${i}.number`, r.reason);
    if (!out.some((o) => o.number === r.e164))
      out.push({ number: r.e164, kind: p.kind ?? 'MOBILE' });
  });
  return out;
}

const offline = new OfflineAddressValidator();

/** Validates each address offline (ZIP/city/state agree), fills the county; problems are input errors. */
export function addresses(field: string, list: readonly AddressInput[]): AddressRecord[] {
  if (list.length > 5) throw badInput(field, 'At most 5 addresses.');
  return list.map((a, i) => {
    const result = offline.validateSync(a);
    if (!result.valid || !result.normalized) {
      const first = result.problems[0]!;
      throw badInput(`${field}.${i}.${first.field}`, first.message, { problems: result.problems });
    }
    return result.normalized;
  });
}

/** Applies `input` onto `base` (fields left out keep their value) and checks the whole record. */
export function applyCustomerInput(
  base: CustomerFields,
  input: CustomerInput,
  field = 'input',
): CustomerFields {
  const next: CustomerFields = { ...base };
  if (input.kind != null) next.kind = input.kind;
  for (const key of ['firstName', 'middleName', 'lastName', 'businessName'] as const) {
    if (input[key] !== undefined)
      next[key] = optionalText(`${field}.${key}`, input[key], key === 'businessName' ? 200 : 100);
  }
  if (input.emails !== undefined) next.emails = emails(`${field}.emails`, input.emails ?? []);
  if (input.phones !== undefined) next.phones = phones(`${field}.phones`, input.phones ?? []);
  if (input.addresses !== undefined)
    next.addresses = addresses(`${field}.addresses`, input.addresses ?? []);
  if (input.dateOfBirth !== undefined)
    next.dateOfBirth =
      input.dateOfBirth == null
        ? null
        : validateBirthDate(`${field}.dateOfBirth`, input.dateOfBirth);
  if (input.preferredContact !== undefined) next.preferredContact = input.preferredContact ?? null;
  if (input.marketingConsent != null) next.marketingConsent = input.marketingConsent;
  if (input.doNotContact != null) next.doNotContact = input.doNotContact;
  if (input.source != null) next.source = input.source;
  if (input.assignedSalespersonId !== undefined) {
    const id = input.assignedSalespersonId;
    if (id != null && !isUuid(id))
      throw badInput(`${field}.assignedSalespersonId`, 'Not a user id.');
    next.assignedSalespersonId = id ?? null;
  }

  if (next.kind === 'INDIVIDUAL' && !next.firstName && !next.lastName)
    throw badInput(`${field}.lastName`, 'A person needs a first or last name.');
  if (next.kind === 'BUSINESS' && !next.businessName)
    throw badInput(`${field}.businessName`, 'A business needs its name.');
  if (next.preferredContact === 'EMAIL' && next.emails.length === 0)
    throw badInput(
      `${field}.preferredContact`,
      'Preferred contact is email but no email is given.',
    );
  if (
    (next.preferredContact === 'PHONE' || next.preferredContact === 'SMS') &&
    next.phones.length === 0
  )
    throw badInput(
      `${field}.preferredContact`,
      'Preferred contact is by phone but no phone is given.',
    );
  if (next.preferredContact === 'MAIL' && next.addresses.length === 0)
    throw badInput(
      `${field}.preferredContact`,
      'Preferred contact is mail but no address is given.',
    );
  // Do-not-contact overrides marketing consent: the two cannot both hold.
  if (next.doNotContact && next.marketingConsent) {
    if (input.marketingConsent === true)
      throw badInput(
        `${field}.marketingConsent`,
        'A do-not-contact customer cannot consent to marketing.',
      );
    next.marketingConsent = false;
  }
  return next;
}

export const EMPTY_CUSTOMER: CustomerFields = {
  kind: 'INDIVIDUAL',
  firstName: null,
  middleName: null,
  lastName: null,
  businessName: null,
  emails: [],
  phones: [],
  addresses: [],
  dateOfBirth: null,
  preferredContact: null,
  marketingConsent: false,
  doNotContact: false,
  source: 'WALK_IN',
  assignedSalespersonId: null,
};

export function displayName(c: CustomerFields): string {
  if (c.kind === 'BUSINESS' && c.businessName) return c.businessName;
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.businessName || '';
}

/** The derived search columns (see the migration): lower-case names; emails and phone digits. */
export function searchColumns(c: CustomerFields): { name: string; contact: string } {
  const name = [c.firstName, c.middleName, c.lastName, c.businessName]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  const contact = [...c.emails, ...c.phones.map((p) => phoneSearchDigits(p.number))].join(' ');
  return { name, contact };
}

/**
 * Merge: the survivor keeps its values; the duplicate's contacts and addresses are added. The date of
 * birth is left to the caller (it is sealed to its row and must be re-sealed for the survivor).
 */
export function mergeFields(survivor: CustomerFields, duplicate: CustomerFields): CustomerFields {
  const phonesOut = [...survivor.phones];
  for (const p of duplicate.phones)
    if (!phonesOut.some((o) => o.number === p.number)) phonesOut.push(p);
  const key = (a: AddressRecord) => `${a.line1}|${a.zip}`.toLowerCase();
  const addressesOut = [...survivor.addresses];
  for (const a of duplicate.addresses)
    if (!addressesOut.some((o) => key(o) === key(a))) addressesOut.push(a);
  return {
    ...survivor,
    firstName: survivor.firstName ?? duplicate.firstName,
    middleName: survivor.middleName ?? duplicate.middleName,
    lastName: survivor.lastName ?? duplicate.lastName,
    businessName: survivor.businessName ?? duplicate.businessName,
    emails: [...new Set([...survivor.emails, ...duplicate.emails])],
    phones: phonesOut,
    addresses: addressesOut,
    dateOfBirth: undefined,
    preferredContact: survivor.preferredContact ?? duplicate.preferredContact,
    // The stricter contact choice wins: do-not-contact on either sticks; consent needs both.
    doNotContact: survivor.doNotContact || duplicate.doNotContact,
    marketingConsent:
      survivor.marketingConsent && !(survivor.doNotContact || duplicate.doNotContact),
    assignedSalespersonId: survivor.assignedSalespersonId ?? duplicate.assignedSalespersonId,
  };
}
