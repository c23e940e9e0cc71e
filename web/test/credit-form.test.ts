// Correcting a credit application: the patch carries only what changed (masked SSN / date of birth
// never sent back), lists replace their first entry and keep the rest, server paths map to fields.
import { describe, expect, it } from 'vitest';
import type { CreditApplicantViewFragment } from '../src/generated/graphql.ts';
import {
  checkCreditForm,
  creditFieldOf,
  fromCreditApplicant,
  toCreditApplicationPatch,
} from '../src/lib/credit-form.ts';
import { describeChangedField } from '../src/lib/format.ts';

const applicant: CreditApplicantViewFragment = {
  id: 'ap1',
  firstName: 'Dana',
  middleName: null,
  lastName: 'Whitfield',
  suffix: null,
  ssn: '***-**-7788',
  dateOfBirth: '1988-**-**',
  email: null,
  phone: null,
  grossMonthlyIncome: '6500.00',
  otherMonthlyIncome: null,
  otherIncomeSource: null,
  monthlyHousingPayment: '1400.00',
  residences: [
    {
      address: {
        kind: 'HOME',
        line1: '100 Congress Ave',
        line2: 'Apt 4',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      },
      housingStatus: 'RENT',
      monthsAtAddress: 24,
    },
  ],
  employments: [
    {
      employer: 'Acme Robotcs',
      title: 'Engineer',
      status: 'FULL_TIME',
      phone: null,
      monthlyIncome: '6500.00',
      monthsEmployed: 24,
    },
    {
      employer: 'Previous Co',
      title: null,
      status: 'PART_TIME',
      phone: null,
      monthlyIncome: null,
      monthsEmployed: 12,
    },
  ],
};

describe('credit application correction', () => {
  it('prefills the visible values, SSN and date of birth empty; untouched sends nothing', () => {
    const v = fromCreditApplicant(applicant);
    expect(v).toMatchObject({
      firstName: 'Dana',
      ssn: '',
      dateOfBirth: '',
      employer: 'Acme Robotcs',
      monthsEmployed: '24',
      grossMonthlyIncome: '6500.00',
    });
    expect(toCreditApplicationPatch(v, applicant)).toEqual({});
    // The same amount written differently is no change.
    expect(toCreditApplicationPatch({ ...v, grossMonthlyIncome: '6,500' }, applicant)).toEqual({});
  });

  it('sends a typed SSN / date of birth, and only the changed fields', () => {
    const v = fromCreditApplicant(applicant);
    expect(
      toCreditApplicationPatch(
        { ...v, ssn: ' 512-34-7789 ', dateOfBirth: '1988-04-13', monthlyHousingPayment: '1450' },
        applicant,
      ),
    ).toEqual({
      applicant: { ssn: '512-34-7789', dateOfBirth: '1988-04-13', monthlyHousingPayment: '1450' },
    });
  });

  it('a corrected employer replaces the first employment, keeping its title and the others', () => {
    const v = { ...fromCreditApplicant(applicant), employer: 'Acme Robotics' };
    expect(toCreditApplicationPatch(v, applicant)).toEqual({
      applicant: {
        employments: [
          {
            employer: 'Acme Robotics',
            status: 'FULL_TIME',
            monthsEmployed: 24,
            title: 'Engineer',
            phone: null,
            monthlyIncome: '6500.00',
          },
          {
            employer: 'Previous Co',
            status: 'PART_TIME',
            monthsEmployed: 12,
            title: null,
            phone: null,
            monthlyIncome: null,
          },
        ],
      },
    });
  });

  it('a new street drops the old second line; a ZIP fix keeps it', () => {
    const v = fromCreditApplicant(applicant);
    const moved = toCreditApplicationPatch({ ...v, line1: '9 Elm St' }, applicant);
    expect(moved.applicant?.residences?.[0]?.address).toEqual({
      kind: 'HOME',
      line1: '9 Elm St',
      city: 'Austin',
      state: 'TX',
      zip: '78701',
    });
    const zip = toCreditApplicationPatch({ ...v, zip: '78702' }, applicant);
    expect(zip.applicant?.residences?.[0]?.address.line2).toBe('Apt 4');
  });

  it('checks what the API could not receive', () => {
    const v = fromCreditApplicant(applicant);
    expect(checkCreditForm(v)).toEqual({});
    expect(
      checkCreditForm({ ...v, monthsEmployed: 'two', grossMonthlyIncome: 'x', dateOfBirth: '1' }),
    ).toEqual({
      monthsEmployed: 'Enter whole months.',
      grossMonthlyIncome: 'Enter an amount, e.g. 1450.00.',
      dateOfBirth: 'Enter a date.',
    });
  });

  it('maps server field paths to form fields; unseen entries go to the banner', () => {
    expect(creditFieldOf('applicant.employments.0.employer')).toBe('employer');
    expect(creditFieldOf('applicant.employments.0.status')).toBe('employmentStatus');
    expect(creditFieldOf('applicant.residences.0.address.zip')).toBe('zip');
    expect(creditFieldOf('applicant.ssn')).toBe('ssn');
    expect(creditFieldOf('applicant.employments.1.employer')).toBeUndefined();
    expect(creditFieldOf('coApplicant.ssn')).toBeUndefined();
  });

  it('describes recorded changes for people', () => {
    expect(describeChangedField('applicant.employments')).toBe('applicant: employments');
    expect(describeChangedField('coApplicant.ssn')).toBe('co-applicant: SSN');
    expect(describeChangedField('applicant.grossMonthlyIncome')).toBe(
      'applicant: gross monthly income',
    );
    expect(describeChangedField('coApplicant')).toBe('co-applicant added or removed');
  });
});
