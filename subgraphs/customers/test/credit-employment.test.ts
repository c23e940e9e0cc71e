// A retired, unemployed or student applicant has no employer to name: the application is taken with
// the status as the employer instead of "Required."; anyone else must still name one.
import { describe, expect, it } from 'vitest';
import { validateApplicant, type CreditApplicantInput } from '../src/domain/credit-application.ts';

const TODAY = new Date('2026-11-26T12:00:00Z');
const applicant = (
  employment: CreditApplicantInput['employments'][number],
): CreditApplicantInput => ({
  firstName: 'Emeka',
  lastName: 'Okafor',
  ssn: '521-44-9876',
  dateOfBirth: '1950-08-09',
  residences: [
    {
      address: { line1: '1700 Lincoln St', city: 'Denver', state: 'CO', zip: '80203' },
      housingStatus: 'OWN',
      monthsAtAddress: 240,
    },
  ],
  employments: [employment],
  grossMonthlyIncome: '3100',
  monthlyHousingPayment: '0',
});

describe('employment on a credit application', () => {
  it('records the status as employer when a retired, unemployed or student applicant has none', () => {
    for (const [status, word] of [
      ['RETIRED', 'Retired'],
      ['UNEMPLOYED', 'Unemployed'],
      ['STUDENT', 'Student'],
    ] as const) {
      const v = validateApplicant(
        'input.applicant',
        'APPLICANT',
        applicant({ employer: '  ', status, monthsEmployed: 0 }),
        TODAY,
      );
      expect(v.employments[0]!.employer).toBe(word);
    }
    // A named former employer is kept.
    const named = validateApplicant(
      'input.applicant',
      'APPLICANT',
      applicant({ employer: 'Denver Water', status: 'RETIRED', monthsEmployed: 0 }),
      TODAY,
    );
    expect(named.employments[0]!.employer).toBe('Denver Water');
  });

  it('still requires the employer of someone who works', () => {
    expect(() =>
      validateApplicant(
        'input.applicant',
        'APPLICANT',
        applicant({ employer: '', status: 'FULL_TIME', monthsEmployed: 12 }),
        TODAY,
      ),
    ).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ field: 'input.applicant.employments.0.employer' }),
      }),
    );
  });
});
