// Phones are stored in E.164; people read North American numbers as (312) 555-0187.
import { describe, expect, it } from 'vitest';
import {
  customerFormSchema,
  displayPhone,
  EMPTY_CUSTOMER,
  fromCustomer,
  toCustomerPatch,
} from '../src/lib/customer-form.ts';
import type { CustomerFullFragment } from '../src/generated/graphql.ts';

describe('displayPhone', () => {
  it('shows a North American number the way people write it, others as stored', () => {
    expect(displayPhone('+13125550187')).toBe('(312) 555-0187');
    expect(displayPhone('+442079460958')).toBe('+442079460958');
    expect(displayPhone('')).toBe('');
  });

  it('the edit form shows the readable phone and does not resend it unchanged', () => {
    const c = {
      id: 'c1',
      kind: 'INDIVIDUAL',
      firstName: 'Maria',
      middleName: null,
      lastName: 'Garcia',
      businessName: null,
      displayName: 'Maria Garcia',
      emails: ['maria@example.com', 'm2@example.com'],
      phones: [
        { number: '+13125550187', kind: 'MOBILE' },
        { number: '+13125550188', kind: 'HOME' },
      ],
      addresses: [],
      dateOfBirth: null,
      birthYear: null,
      preferredContact: null,
      marketingConsent: false,
      doNotContact: false,
      source: 'WALK_IN',
      createdAt: '2026-11-26T10:00:00Z',
      updatedAt: '2026-11-26T10:00:00Z',
      version: 3,
    } as unknown as CustomerFullFragment;
    const values = fromCustomer(c);
    expect(values.phone).toBe('(312) 555-0187');
    expect(toCustomerPatch(values, c)).toEqual({});
  });
});

describe('customer form checks', () => {
  const errorsOf = (patch: Partial<typeof EMPTY_CUSTOMER>) => {
    const r = customerFormSchema.safeParse({ ...EMPTY_CUSTOMER, lastName: 'Smith', ...patch });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path[0], i.message]));
  };

  it('shows every bad email, phone, ZIP and state at once', () => {
    expect(
      errorsOf({
        email: 'jon.smith@example',
        phone: '555-0123',
        line1: '1 Main St',
        city: 'Chicago',
        state: 'Ill',
        zip: '6060',
      }),
    ).toEqual({
      email: 'Enter an email such as name@example.com.',
      phone: 'Enter a 10-digit US number or an international number starting with +.',
      state: 'Enter the 2-letter state code.',
      zip: 'Enter a 5-digit ZIP code.',
    });
  });

  it('accepts the ways people write them', () => {
    for (const phone of [
      '(312) 555-0123',
      '312.555.0123',
      '+1 312 555 0123',
      '13125550123',
      '+44 20 7946 0958',
      '312-555-0123 ext. 12',
    ])
      expect(errorsOf({ phone }), phone).toEqual({});
    expect(errorsOf({ email: 'JON.SMITH@Example.com' })).toEqual({});
    expect(
      errorsOf({ line1: '1 Main St', city: 'Chicago', state: 'il', zip: '60601-1234' }),
    ).toEqual({});
  });
});
