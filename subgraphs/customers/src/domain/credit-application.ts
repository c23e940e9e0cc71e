// The credit application: what is typed in, validated field by field, and how its PII is shown.
// SSN and date of birth never leave this subgraph in clear except through the audited reveal; every
// other read shows them masked (`***-**-1234`, `1985-**-**`).
import { Decimal } from 'decimal.js';
import { badInput } from '@autolytiq/kit';
import { OfflineAddressValidator, type AddressInput, type AddressRecord } from './address.ts';
import { normalizeEmail, validateBirthDate } from './customers.ts';
import { normalizePhone } from './phone.ts';

export type HousingStatus = 'OWN' | 'RENT' | 'FAMILY' | 'MILITARY' | 'OTHER';
export type EmploymentStatus =
  | 'FULL_TIME'
  | 'PART_TIME'
  | 'SELF_EMPLOYED'
  | 'MILITARY'
  | 'RETIRED'
  | 'STUDENT'
  | 'UNEMPLOYED'
  | 'OTHER';
export type ApplicantRole = 'APPLICANT' | 'CO_APPLICANT';

export interface ResidenceInput {
  address: AddressInput;
  housingStatus: HousingStatus;
  monthsAtAddress: number;
}

export interface EmploymentInput {
  employer: string;
  title?: string | null;
  status: EmploymentStatus;
  phone?: string | null;
  monthlyIncome?: string | null;
  monthsEmployed: number;
}

export interface CreditApplicantInput {
  firstName: string;
  middleName?: string | null;
  lastName: string;
  suffix?: string | null;
  ssn: string;
  dateOfBirth: string;
  email?: string | null;
  phone?: string | null;
  residences: readonly ResidenceInput[];
  employments: readonly EmploymentInput[];
  grossMonthlyIncome: string;
  otherMonthlyIncome?: string | null;
  otherIncomeSource?: string | null;
  monthlyHousingPayment: string;
}

export interface CreditApplicationInput {
  applicant: CreditApplicantInput;
  coApplicant?: CreditApplicantInput | null;
}

/** A correction: fields left out keep their value, null clears an optional one. */
export type CreditApplicantPatch = {
  [K in keyof CreditApplicantInput]?: CreditApplicantInput[K] | null;
};

export interface CreditApplicationPatch {
  applicant?: CreditApplicantPatch | null;
  /** Changes the co-applicant, or adds one (then complete); null removes it. */
  coApplicant?: CreditApplicantPatch | null;
}

export interface Residence {
  address: AddressRecord;
  housingStatus: HousingStatus;
  monthsAtAddress: number;
}

export interface Employment {
  employer: string;
  title: string | null;
  status: EmploymentStatus;
  phone: string | null;
  monthlyIncome: string | null;
  monthsEmployed: number;
}

/** An applicant as validated, PII still in clear (only the store's encryption step sees this). */
export interface ApplicantFields {
  role: ApplicantRole;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  /** Nine digits, no dashes. */
  ssn: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  residences: Residence[];
  employments: Employment[];
  grossMonthlyIncome: string;
  otherMonthlyIncome: string | null;
  otherIncomeSource: string | null;
  monthlyHousingPayment: string;
}

/** An applicant as read back: PII masked. */
export interface ApplicantRecord extends Omit<ApplicantFields, 'ssn' | 'dateOfBirth'> {
  id: string;
  ssnLast4: string;
  birthYear: number;
}

export interface CreditApplicationRecord {
  id: string;
  customerId: string;
  applicant: ApplicantRecord;
  coApplicant: ApplicantRecord | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Increases by one on every change. */
  version: number;
}

export const maskSsn = (last4: string) => `***-**-${last4}`;
export const maskBirthDate = (year: number) => `${String(year).padStart(4, '0')}-**-**`;

/**
 * A US Social Security number (or ITIN, which shares the format): nine digits, `123-45-6789` or
 * `123456789`. Numbers the SSA never issues are refused: area 000, 666 or 900–999 (ITINs begin with 9
 * but are entered as ITINs elsewhere), group 00, serial 0000, and the well-known advertising numbers.
 */
export function normalizeSsn(field: string, raw: string): string {
  const text = raw.trim();
  const m = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(text);
  if (!m) throw badInput(field, 'Enter the SSN as 123-45-6789 (nine digits).');
  const [, area, group, serial] = m as unknown as [string, string, string, string];
  if (area === '000' || area === '666' || area >= '900')
    throw badInput(field, `No SSN begins with ${area}.`);
  if (group === '00') throw badInput(field, 'The middle two digits of an SSN are never 00.');
  if (serial === '0000') throw badInput(field, 'The last four digits of an SSN are never 0000.');
  const digits = `${area}${group}${serial}`;
  if (digits === '078051120' || digits === '219099999' || digits === '123456789')
    throw badInput(field, 'That SSN is a well-known sample number, not a real one.');
  return digits;
}

export const formatSsn = (digits: string) =>
  `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;

const MAX_MONEY = new Decimal('10000000');

/** A non-negative amount of dollars with at most two decimals, as a canonical string. */
export function money(field: string, raw: string | null | undefined, required: true): string;
export function money(
  field: string,
  raw: string | null | undefined,
  required?: false,
): string | null;
export function money(field: string, raw: string | null | undefined, required = false) {
  if (raw == null || raw.trim() === '') {
    if (required) throw badInput(field, 'Enter an amount.');
    return null;
  }
  let d: Decimal;
  try {
    d = new Decimal(raw.trim().replace(/^\$/, '').replace(/,/g, ''));
  } catch {
    throw badInput(field, `${JSON.stringify(raw)} is not an amount.`);
  }
  if (!d.isFinite() || d.isNegative()) throw badInput(field, 'The amount cannot be negative.');
  if (d.decimalPlaces() > 2) throw badInput(field, 'At most two decimals (cents).');
  if (d.greaterThanOrEqualTo(MAX_MONEY)) throw badInput(field, 'The amount is too large.');
  return d.toFixed(2);
}

function text(field: string, v: string | null | undefined, max: number, required: true): string;
function text(
  field: string,
  v: string | null | undefined,
  max: number,
  required?: false,
): string | null;
function text(field: string, v: string | null | undefined, max: number, required = false) {
  const t = v?.trim().replace(/\s+/g, ' ') ?? '';
  if (!t) {
    if (required) throw badInput(field, 'Required.');
    return null;
  }
  if (t.length > max) throw badInput(field, `At most ${max} characters.`);
  return t;
}

function months(field: string, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 1200) throw badInput(field, 'Enter 0–1200 months.');
  return n;
}

function phone(field: string, raw: string | null | undefined): string | null {
  if (raw == null || !raw.trim()) return null;
  const r = normalizePhone(raw);
  if (!r.ok) throw badInput(field, r.reason);
  return r.e164;
}

const offline = new OfflineAddressValidator();

function residence(field: string, r: ResidenceInput): Residence {
  const checked = offline.validateSync(r.address);
  if (!checked.valid || !checked.normalized) {
    const first = checked.problems[0]!;
    throw badInput(`${field}.address.${first.field}`, first.message, {
      problems: checked.problems,
    });
  }
  return {
    address: { ...checked.normalized, kind: 'HOME' },
    housingStatus: r.housingStatus,
    monthsAtAddress: months(`${field}.monthsAtAddress`, r.monthsAtAddress),
  };
}

/** Statuses with no employer to name: left empty, the employer is recorded as the status. */
const NO_EMPLOYER: Partial<Record<EmploymentInput['status'], string>> = {
  RETIRED: 'Retired',
  UNEMPLOYED: 'Unemployed',
  STUDENT: 'Student',
};

function employment(field: string, e: EmploymentInput): Employment {
  const none = NO_EMPLOYER[e.status];
  return {
    employer: none && !e.employer?.trim() ? none : text(`${field}.employer`, e.employer, 200, true),
    title: text(`${field}.title`, e.title, 100),
    status: e.status,
    phone: phone(`${field}.phone`, e.phone),
    monthlyIncome: money(`${field}.monthlyIncome`, e.monthlyIncome),
    monthsEmployed: months(`${field}.monthsEmployed`, e.monthsEmployed),
  };
}

/** Age in whole years on `today` of someone born on `dob` (YYYY-MM-DD). */
export function ageOn(dob: string, today: Date): number {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d))
    age -= 1;
  return age;
}

type ApplicantValues = Omit<ApplicantFields, 'role'>;
type Check<K extends keyof ApplicantValues> = (
  field: string,
  value: NonNullable<CreditApplicantInput[K]> | null,
  today: Date,
) => ApplicantValues[K];

function required<T>(field: string, v: T | null): T {
  if (v == null) throw badInput(field, 'Required.');
  return v;
}

/** One check per field, in the schema's order (the first problem is the one reported). */
const CHECKS: { [K in keyof ApplicantValues]: Check<K> } = {
  firstName: (f, v) => text(f, v, 100, true),
  middleName: (f, v) => text(f, v, 100),
  lastName: (f, v) => text(f, v, 100, true),
  suffix: (f, v) => text(f, v, 10),
  ssn: (f, v) => normalizeSsn(f, required(f, v)),
  dateOfBirth: (f, v, today) => {
    const dob = validateBirthDate(f, required(f, v).trim(), today);
    if (ageOn(dob, today) < 18) throw badInput(f, 'An applicant must be at least 18 years old.');
    return dob;
  },
  email: (f, v) => (v?.trim() ? normalizeEmail(f, v) : null),
  phone: (f, v) => phone(f, v),
  residences: (f, v) => {
    if (!v || v.length === 0) throw badInput(f, 'Enter at least the current residence.');
    if (v.length > 10) throw badInput(f, 'At most 10 residences.');
    return v.map((r, i) => residence(`${f}.${i}`, r));
  },
  employments: (f, v) => {
    const list = required(f, v);
    if (list.length > 10) throw badInput(f, 'At most 10 employments.');
    return list.map((e, i) => employment(`${f}.${i}`, e));
  },
  grossMonthlyIncome: (f, v) => money(f, v, true),
  otherMonthlyIncome: (f, v) => money(f, v),
  otherIncomeSource: (f, v) => text(f, v, 200),
  monthlyHousingPayment: (f, v) => money(f, v, true),
};

export const APPLICANT_KEYS = Object.keys(CHECKS) as (keyof ApplicantValues)[];

function check<K extends keyof ApplicantValues>(
  key: K,
  field: string,
  value: CreditApplicantInput[K] | null | undefined,
  today: Date,
): ApplicantValues[K] {
  return CHECKS[key](
    `${field}.${key}`,
    (value ?? null) as NonNullable<CreditApplicantInput[K]> | null,
    today,
  );
}

export function validateApplicant(
  field: string,
  role: ApplicantRole,
  a: CreditApplicantInput,
  today = new Date(),
): ApplicantFields {
  const out: Partial<ApplicantValues> = {};
  for (const key of APPLICANT_KEYS)
    (out as Record<string, unknown>)[key] = check(key, field, a[key], today);
  return { role, ...(out as ApplicantValues) };
}

/** Checks the fields a correction gives (null on a required one is "Required."); the rest are left out. */
export function validateApplicantPatch(
  field: string,
  patch: CreditApplicantPatch,
  today = new Date(),
): Partial<ApplicantValues> {
  const out: Partial<ApplicantValues> = {};
  for (const key of APPLICANT_KEYS)
    if (patch[key] !== undefined)
      (out as Record<string, unknown>)[key] = check(key, field, patch[key], today);
  return out;
}

/** A co-applicant added by a correction must be complete: the first field CreditApplicantInput requires and the patch lacks. */
export function missingRequired(patch: CreditApplicantPatch): string | undefined {
  const needed = [
    'firstName',
    'lastName',
    'ssn',
    'dateOfBirth',
    'residences',
    'employments',
    'grossMonthlyIncome',
    'monthlyHousingPayment',
  ] as const;
  return needed.find((k) => patch[k] == null);
}

export function validateCreditApplication(
  input: CreditApplicationInput,
  today = new Date(),
): ApplicantFields[] {
  const applicant = validateApplicant('input.applicant', 'APPLICANT', input.applicant, today);
  if (!input.coApplicant) return [applicant];
  const co = validateApplicant('input.coApplicant', 'CO_APPLICANT', input.coApplicant, today);
  if (co.ssn === applicant.ssn)
    throw badInput('input.coApplicant.ssn', 'The co-applicant has the same SSN as the applicant.');
  return [applicant, co];
}
