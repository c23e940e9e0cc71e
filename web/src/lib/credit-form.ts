// Correcting a credit application: the edit form's values (the applicant's visible fields, the first
// residence and employment), the patch holding only what changed, and server field paths mapped back
// to form fields. SSN and date of birth arrive masked: they start empty, typed = replaced, untouched =
// left out of the patch (the server keeps the sealed value). Loaded with the edit form only.
import Decimal from 'decimal.js';
import type {
  CreditApplicantPatch,
  CreditApplicantViewFragment,
  CreditApplicationPatch,
  EmploymentInput,
  EmploymentStatus,
  HousingStatus,
  ResidenceInput,
} from '../generated/graphql.ts';

export interface CreditFormValues {
  firstName: string;
  lastName: string;
  /** A new SSN; empty keeps the one on file. */
  ssn: string;
  /** A new date of birth (YYYY-MM-DD); empty keeps the one on file. */
  dateOfBirth: string;
  line1: string;
  city: string;
  state: string;
  zip: string;
  housingStatus: HousingStatus;
  monthsAtAddress: string;
  employer: string;
  employmentStatus: EmploymentStatus;
  monthsEmployed: string;
  grossMonthlyIncome: string;
  monthlyHousingPayment: string;
}

export type CreditFormField = keyof CreditFormValues;

export function fromCreditApplicant(a: CreditApplicantViewFragment): CreditFormValues {
  const r = a.residences[0];
  const e = a.employments[0];
  return {
    firstName: a.firstName,
    lastName: a.lastName,
    ssn: '',
    dateOfBirth: '',
    line1: r?.address.line1 ?? '',
    city: r?.address.city ?? '',
    state: r?.address.state ?? '',
    zip: r?.address.zip ?? '',
    housingStatus: r?.housingStatus ?? 'RENT',
    monthsAtAddress: r ? String(r.monthsAtAddress) : '',
    employer: e?.employer ?? '',
    employmentStatus: e?.status ?? 'FULL_TIME',
    monthsEmployed: e ? String(e.monthsEmployed) : '',
    grossMonthlyIncome: a.grossMonthlyIncome,
    monthlyHousingPayment: a.monthlyHousingPayment,
  };
}

const MONTHS = /^\d{1,4}$/;
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's own checks (what the API could not even receive); the server checks the rest. */
export function checkCreditForm(v: CreditFormValues): Partial<Record<CreditFormField, string>> {
  const out: Partial<Record<CreditFormField, string>> = {};
  for (const k of ['monthsAtAddress', 'monthsEmployed'] as const)
    if (!MONTHS.test(v[k].trim())) out[k] = 'Enter whole months.';
  for (const k of ['grossMonthlyIncome', 'monthlyHousingPayment'] as const)
    if (!AMOUNT.test(v[k].trim().replace(/[$,]/g, ''))) out[k] = 'Enter an amount, e.g. 1450.00.';
  if (v.dateOfBirth && !DATE.test(v.dateOfBirth)) out.dateOfBirth = 'Enter a date.';
  return out;
}

const amount = (s: string) => s.trim().replace(/[$,]/g, '');
function sameAmount(a: string, b: string): boolean {
  try {
    return new Decimal(amount(a)).eq(new Decimal(amount(b)));
  } catch {
    return a.trim() === b.trim();
  }
}

/**
 * The correction: only the fields that differ from the application as read. A changed residence or
 * employment replaces the first entry of its list (lists replace as a whole, so the others are sent
 * as they were), keeping what the form does not show (title, phone, income, the address's kind and,
 * while the street is unchanged, its second line). Empty when nothing changed.
 */
export function toCreditApplicationPatch(
  v: CreditFormValues,
  a: CreditApplicantViewFragment,
): CreditApplicationPatch {
  const before = fromCreditApplicant(a);
  const p: CreditApplicantPatch = {};
  if (v.firstName.trim() !== before.firstName) p.firstName = v.firstName.trim();
  if (v.lastName.trim() !== before.lastName) p.lastName = v.lastName.trim();
  if (v.ssn.trim()) p.ssn = v.ssn.trim();
  if (v.dateOfBirth.trim()) p.dateOfBirth = v.dateOfBirth.trim();

  const residenceKeys = ['line1', 'city', 'state', 'zip', 'housingStatus'] as const;
  if (
    residenceKeys.some((k) => v[k].trim() !== before[k]) ||
    Number(v.monthsAtAddress) !== Number(before.monthsAtAddress)
  ) {
    const first = a.residences[0];
    const residence: ResidenceInput = {
      address: {
        ...(first ? { kind: first.address.kind } : {}),
        line1: v.line1.trim(),
        ...(first?.address.line2 && v.line1.trim() === before.line1
          ? { line2: first.address.line2 }
          : {}),
        city: v.city.trim(),
        state: v.state.trim().toUpperCase(),
        zip: v.zip.trim(),
      },
      housingStatus: v.housingStatus,
      monthsAtAddress: Number(v.monthsAtAddress),
    };
    p.residences = [
      residence,
      ...a.residences.slice(1).map((r) => ({
        address: {
          kind: r.address.kind,
          line1: r.address.line1,
          line2: r.address.line2,
          city: r.address.city,
          state: r.address.state,
          zip: r.address.zip,
        },
        housingStatus: r.housingStatus,
        monthsAtAddress: r.monthsAtAddress,
      })),
    ];
  }

  if (
    v.employer.trim() !== before.employer ||
    v.employmentStatus !== before.employmentStatus ||
    Number(v.monthsEmployed) !== Number(before.monthsEmployed)
  ) {
    const keep = (e: CreditApplicantViewFragment['employments'][number]) => ({
      title: e.title,
      phone: e.phone,
      monthlyIncome: e.monthlyIncome,
    });
    const first = a.employments[0];
    const employment: EmploymentInput = {
      employer: v.employer.trim(),
      status: v.employmentStatus,
      monthsEmployed: Number(v.monthsEmployed),
      ...(first ? keep(first) : {}),
    };
    p.employments = [
      employment,
      ...a.employments.slice(1).map((e) => ({
        employer: e.employer,
        status: e.status,
        monthsEmployed: e.monthsEmployed,
        ...keep(e),
      })),
    ];
  }

  if (!sameAmount(v.grossMonthlyIncome, before.grossMonthlyIncome))
    p.grossMonthlyIncome = amount(v.grossMonthlyIncome);
  if (!sameAmount(v.monthlyHousingPayment, before.monthlyHousingPayment))
    p.monthlyHousingPayment = amount(v.monthlyHousingPayment);
  return Object.keys(p).length ? { applicant: p } : {};
}

/**
 * A server field path (after `input.`) → the form field showing it: `applicant.employments.0.employer`
 * → `employer`. Paths for what the form does not show (a second residence, the co-applicant) are
 * undefined: those errors go to the banner.
 */
export function creditFieldOf(path: string): CreditFormField | undefined {
  const m = /^applicant\.(.+)$/.exec(path);
  if (!m) return undefined;
  const rest = m[1]!;
  const direct: Record<string, CreditFormField> = {
    firstName: 'firstName',
    lastName: 'lastName',
    ssn: 'ssn',
    dateOfBirth: 'dateOfBirth',
    grossMonthlyIncome: 'grossMonthlyIncome',
    monthlyHousingPayment: 'monthlyHousingPayment',
    residences: 'line1',
    'residences.0': 'line1',
    'residences.0.address': 'line1',
    'residences.0.address.line1': 'line1',
    'residences.0.address.city': 'city',
    'residences.0.address.state': 'state',
    'residences.0.address.zip': 'zip',
    'residences.0.housingStatus': 'housingStatus',
    'residences.0.monthsAtAddress': 'monthsAtAddress',
    employments: 'employer',
    'employments.0': 'employer',
    'employments.0.employer': 'employer',
    'employments.0.status': 'employmentStatus',
    'employments.0.monthsEmployed': 'monthsEmployed',
  };
  return direct[rest];
}
