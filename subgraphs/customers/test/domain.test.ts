// Domain rules of the customers subgraph: phone normalization, validation, search planning, addresses.
import { describe, expect, it } from 'vitest';
import { AppError } from '@autolytiq/kit';
import { normalizePhone, phoneSearchDigits } from '../src/domain/phone.ts';
import {
  applyCustomerInput,
  displayName,
  EMPTY_CUSTOMER,
  mergeFields,
  searchColumns,
  validateBirthDate,
  type CustomerInput,
} from '../src/domain/customers.ts';
import { planSearch } from '../src/domain/search.ts';
import { OfflineAddressValidator } from '../src/domain/address.ts';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).extensions.code).toBe('BAD_USER_INPUT');
    return (e as AppError).extensions.field as string;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('normalizePhone', () => {
  it.each([
    ['(512) 555-0100', '+15125550100'],
    ['512.555.0100', '+15125550100'],
    ['1-512-555-0100', '+15125550100'],
    ['+1 512 555 0100', '+15125550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['011 44 20 7946 0958', '+442079460958'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164 });
  });

  it.each([
    '555-0100', // 7 digits: no area code
    '(112) 555-0100', // area code cannot start with 1
    '(512) 155-0100', // exchange cannot start with 1
    '(911) 555-0100', // N11 is not an area code
    '+1 512 555 010', // +1 needs 10 digits
    '+0 123 456 789',
    'call me',
    '512-555-0100 x12',
  ])('rejects %s', (raw) => {
    expect(normalizePhone(raw).ok).toBe(false);
  });

  it('search digits include the national number for NANP', () => {
    expect(phoneSearchDigits('+15125550100')).toBe('15125550100 5125550100');
    expect(phoneSearchDigits('+442079460958')).toBe('442079460958');
  });
});

describe('applyCustomerInput', () => {
  const base: CustomerInput = { firstName: ' Jon ', lastName: 'Smith' };

  it('normalizes emails (lower case, deduplicated) and phones (E.164)', () => {
    const c = applyCustomerInput(EMPTY_CUSTOMER, {
      ...base,
      emails: ['Jon@Example.COM', 'jon@example.com'],
      phones: [{ number: '512 555 0100', kind: 'HOME' }, { number: '+1 (512) 555-0100' }],
    });
    expect(c.firstName).toBe('Jon');
    expect(c.emails).toEqual(['jon@example.com']);
    expect(c.phones).toEqual([{ number: '+15125550100', kind: 'HOME' }]);
    expect(displayName(c)).toBe('Jon Smith');
  });

  it('reports the field at fault', () => {
    expect(
      fieldOf(() => applyCustomerInput(EMPTY_CUSTOMER, { ...base, emails: ['ok@x.io', 'nope'] })),
    ).toBe('input.emails.1');
    expect(
      fieldOf(() => applyCustomerInput(EMPTY_CUSTOMER, { ...base, phones: [{ number: '123' }] })),
    ).toBe('input.phones.0.number');
    expect(fieldOf(() => applyCustomerInput(EMPTY_CUSTOMER, { emails: ['a@b.co'] }))).toBe(
      'input.lastName',
    );
    expect(fieldOf(() => applyCustomerInput(EMPTY_CUSTOMER, { kind: 'BUSINESS' }))).toBe(
      'input.businessName',
    );
    expect(
      fieldOf(() => applyCustomerInput(EMPTY_CUSTOMER, { ...base, preferredContact: 'EMAIL' })),
    ).toBe('input.preferredContact');
    expect(
      fieldOf(() => applyCustomerInput(EMPTY_CUSTOMER, { ...base, dateOfBirth: '2001-02-30' })),
    ).toBe('input.dateOfBirth');
    expect(
      fieldOf(() =>
        applyCustomerInput(EMPTY_CUSTOMER, {
          ...base,
          addresses: [{ line1: '1 Congress Ave', city: 'Dallas', state: 'TX', zip: '78701' }],
        }),
      ),
    ).toBe('input.addresses.0.city');
  });

  it('do-not-contact withdraws marketing consent', () => {
    const c = applyCustomerInput(
      { ...EMPTY_CUSTOMER, firstName: 'A', marketingConsent: true },
      { doNotContact: true },
    );
    expect(c).toMatchObject({ doNotContact: true, marketingConsent: false });
    expect(
      fieldOf(() =>
        applyCustomerInput(EMPTY_CUSTOMER, { ...base, doNotContact: true, marketingConsent: true }),
      ),
    ).toBe('input.marketingConsent');
  });

  it('fills the county of a consistent address', () => {
    const c = applyCustomerInput(EMPTY_CUSTOMER, {
      ...base,
      addresses: [{ line1: '1 Congress Ave', city: 'austin', state: 'tx', zip: '78701' }],
    });
    expect(c.addresses[0]).toMatchObject({ state: 'TX', county: 'Travis', kind: 'HOME' });
  });

  it('search columns hold names, emails and phone digits', () => {
    const c = applyCustomerInput(EMPTY_CUSTOMER, {
      ...base,
      emails: ['jon@example.com'],
      phones: [{ number: '512-555-0100' }],
    });
    expect(searchColumns(c)).toEqual({
      name: 'jon smith',
      contact: 'jon@example.com 15125550100 5125550100',
    });
  });

  it('birth dates: real, past, after 1900', () => {
    expect(validateBirthDate('d', '1980-02-29')).toBe('1980-02-29');
    expect(fieldOf(() => validateBirthDate('d', '1981-02-29'))).toBe('d');
    expect(fieldOf(() => validateBirthDate('d', '2999-01-01'))).toBe('d');
  });
});

describe('mergeFields', () => {
  it('keeps the survivor and adds what only the duplicate has', () => {
    const a = applyCustomerInput(EMPTY_CUSTOMER, {
      firstName: 'Jon',
      lastName: 'Smith',
      emails: ['a@x.io'],
      marketingConsent: true,
    });
    const b = applyCustomerInput(EMPTY_CUSTOMER, {
      firstName: 'Jonathan',
      lastName: 'Smith',
      emails: ['b@x.io', 'a@x.io'],
      phones: [{ number: '5125550100' }],
      dateOfBirth: '1980-01-01',
      doNotContact: true,
    });
    const m = mergeFields(a, b);
    expect(m).toMatchObject({
      firstName: 'Jon',
      emails: ['a@x.io', 'b@x.io'],
      phones: [{ number: '+15125550100', kind: 'MOBILE' }],
      doNotContact: true,
      marketingConsent: false,
    });
    // Sealed to its row: the service re-seals the duplicate's date for the survivor.
    expect(m.dateOfBirth).toBeUndefined();
  });
});

describe('planSearch', () => {
  it('tells names, phones and emails apart', () => {
    expect(planSearch(' Jon  SMTH ')).toEqual({ kind: 'name', text: 'jon smth' });
    expect(planSearch('(512) 555-01')).toEqual({ kind: 'phone', digits: '51255501' });
    expect(planSearch('Jon@Example')).toEqual({ kind: 'contact', pattern: 'jon@example' });
    expect(planSearch('   ')).toBeUndefined();
    expect(fieldOf(() => planSearch('55'))).toBe('search');
  });
});

describe('OfflineAddressValidator', () => {
  const v = new OfflineAddressValidator();
  it('fills the county when ZIP, city and state agree', () => {
    const r = v.validateSync({
      line1: '1 Congress Ave',
      city: 'Austin',
      state: 'TX',
      zip: '78701-1234',
    });
    expect(r).toMatchObject({ valid: true, normalized: { county: 'Travis', zip: '78701-1234' } });
  });
  it('reports (does not fix) a state that disagrees with the ZIP', () => {
    const r = v.validateSync({ line1: '1 Main', city: 'Austin', state: 'CA', zip: '78701' });
    expect(r.valid).toBe(false);
    expect(r.normalized).toBeNull();
    expect(r.problems.map((p) => p.field)).toContain('state');
  });
  it('reports an unknown ZIP and a wrong county', () => {
    expect(
      v.validateSync({ line1: '1 Main', city: 'X', state: 'TX', zip: '00000' }).problems[0]!.field,
    ).toBe('zip');
    const r = v.validateSync({
      line1: '1 Main',
      city: 'Austin',
      state: 'TX',
      zip: '78701',
      county: 'Harris',
    });
    expect(r.problems).toEqual([{ field: 'county', message: expect.stringContaining('Travis') }]);
    expect(
      v.validateSync({
        line1: '1 Main',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
        county: 'Travis County',
      }).valid,
    ).toBe(true);
  });
});
