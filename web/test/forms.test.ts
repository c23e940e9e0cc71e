// Server errors onto form fields, the customer form's API shapes, CSV chunking and safe return paths.
import { describe, expect, it } from 'vitest';
import {
  csvChunks,
  csvRecords,
  EMPTY_REPORT,
  mergeChunk,
  reportLine,
} from '../src/lib/csv-import.ts';
import type { CustomerFullFragment } from '../src/generated/graphql.ts';
import {
  customerFieldOf,
  customerFormSchema,
  EMPTY_CUSTOMER,
  fromCustomer,
  toCustomerInput,
  toCustomerPatch,
} from '../src/lib/customer-form.ts';
import { ApiError, describeError, fieldErrors } from '../src/lib/errors.ts';
import { dateOfBirthOnFile } from '../src/lib/format.ts';
import { safeNext, signInPath } from '../src/lib/navigation.ts';
import { signInErrors } from '../src/lib/sign-in-form.ts';
import { toVehicleFilter, EMPTY_FILTERS } from '../src/lib/vehicle-filter.ts';

describe('server field errors', () => {
  const error = new ApiError(
    [
      {
        message: 'Not a phone number.',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.phones.0.number', requestId: 'r1' },
      },
      {
        message: 'Bad ZIP.',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.addresses.0.zip' },
      },
      { message: 'Nope.', extensions: { code: 'FORBIDDEN' } },
    ],
    400,
  );

  it('maps API paths to form fields', () => {
    const byPath = fieldErrors(error);
    expect(byPath).toEqual({
      'phones.0.number': 'Not a phone number.',
      'addresses.0.zip': 'Bad ZIP.',
    });
    expect(customerFieldOf('phones.0.number')).toBe('phone');
    expect(customerFieldOf('emails.1')).toBe('email');
    expect(customerFieldOf('addresses.0.zip')).toBe('zip');
    expect(customerFieldOf('firstName')).toBe('firstName');
    expect(customerFieldOf('somethingElse')).toBeUndefined();
    expect(fieldErrors(new Error('x'))).toEqual({});
  });

  it('describes errors with the request id', () => {
    expect(describeError(error)).toContain('(request r1)');
    expect(error.code).toBe('BAD_USER_INPUT');
  });
});

describe('customer form', () => {
  it('requires a name and a complete address, and builds the API input', () => {
    expect(customerFormSchema.safeParse(EMPTY_CUSTOMER).success).toBe(false);
    const partial = customerFormSchema.safeParse({
      ...EMPTY_CUSTOMER,
      lastName: 'Lee',
      city: 'Austin',
    });
    expect(partial.success).toBe(false);
    const ok = customerFormSchema.parse({
      ...EMPTY_CUSTOMER,
      lastName: 'Lee',
      email: 'a@b.co',
      phone: '5125550100',
    });
    expect(toCustomerInput(ok)).toMatchObject({
      lastName: 'Lee',
      firstName: null,
      emails: ['a@b.co'],
      phones: [{ number: '5125550100' }],
      addresses: [],
    });
  });
});

describe('customer edit: only what changed, the masked date of birth never written back', () => {
  const customer: CustomerFullFragment = {
    id: 'c1',
    kind: 'INDIVIDUAL',
    firstName: 'Dana',
    middleName: null,
    lastName: 'Whitfield',
    businessName: null,
    displayName: 'Dana Whitfield',
    emails: ['dana@example.com', 'dana.work@example.com'],
    phones: [
      { number: '+15125550142', kind: 'HOME' },
      { number: '+15125550199', kind: 'WORK' },
    ],
    addresses: [
      {
        kind: 'HOME',
        line1: '100 Congress Ave',
        line2: 'Apt 4',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
        county: 'Travis',
      },
    ],
    dateOfBirth: '1985-**-**',
    birthYear: 1985,
    preferredContact: null,
    marketingConsent: false,
    doNotContact: false,
    source: 'WALK_IN',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    version: 3,
  };
  const parse = (v: ReturnType<typeof fromCustomer>) => customerFormSchema.parse(v);

  it('starts the date empty, shows the mask beside it, and sends nothing when untouched', () => {
    const values = fromCustomer(customer);
    expect(values.dateOfBirth).toBe('');
    expect(values.clearDateOfBirth).toBe(false);
    expect(dateOfBirthOnFile(customer)).toBe('1985-**-**');
    expect(dateOfBirthOnFile({ ...customer, dateOfBirth: null, birthYear: null })).toBeNull();
    const patch = toCustomerPatch(parse(values), customer);
    expect(patch).toEqual({});
    expect('dateOfBirth' in patch).toBe(false);
    // A name change alone: still no date of birth in the patch, and the lists are left out.
    const renamed = toCustomerPatch(parse({ ...values, lastName: 'Whitfield-Ross' }), customer);
    expect(renamed).toEqual({ lastName: 'Whitfield-Ross' });
  });

  it('sends a typed date, and null only when "remove" is ticked', () => {
    const values = fromCustomer(customer);
    expect(toCustomerPatch(parse({ ...values, dateOfBirth: '1985-06-02' }), customer)).toEqual({
      dateOfBirth: '1985-06-02',
    });
    expect(toCustomerPatch(parse({ ...values, clearDateOfBirth: true }), customer)).toEqual({
      dateOfBirth: null,
    });
    // The mask itself, or a date and "remove" together, do not pass the form.
    expect(customerFormSchema.safeParse({ ...values, dateOfBirth: '1985-**-**' }).success).toBe(
      false,
    );
    expect(
      customerFormSchema.safeParse({ ...values, dateOfBirth: '1985-06-02', clearDateOfBirth: true })
        .success,
    ).toBe(false);
  });

  it('a changed email, phone or street replaces the first entry and keeps the others', () => {
    const values = fromCustomer(customer);
    expect(
      toCustomerPatch(
        parse({ ...values, email: 'd@example.org', phone: '5125550100', line1: '1 Main St' }),
        customer,
      ),
    ).toEqual({
      emails: ['d@example.org', 'dana.work@example.com'],
      phones: [
        { number: '5125550100', kind: 'HOME' },
        { number: '+15125550199', kind: 'WORK' },
      ],
      addresses: [{ kind: 'HOME', line1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' }],
    });
    // Only the ZIP changed: the second line stays with its street.
    expect(toCustomerPatch(parse({ ...values, zip: '78702' }), customer).addresses).toEqual([
      {
        kind: 'HOME',
        line1: '100 Congress Ave',
        line2: 'Apt 4',
        city: 'Austin',
        state: 'TX',
        zip: '78702',
      },
    ]);
  });

  it('a new customer sends the date typed (or none)', () => {
    const base = { ...EMPTY_CUSTOMER, lastName: 'Lee' };
    expect(toCustomerInput(parse({ ...base, dateOfBirth: '1990-01-31' })).dateOfBirth).toBe(
      '1990-01-31',
    );
    expect(toCustomerInput(parse(base)).dateOfBirth).toBeNull();
  });
});

describe('CSV import chunks', () => {
  const csv = 'VIN,Stock\n"A\nB",1\nC,2\r\nD,3\n\n';
  it('keeps quoted newlines in their record and skips blank lines', () => {
    expect(csvRecords(csv)).toEqual(['VIN,Stock', '"A\nB",1', 'C,2', 'D,3']);
  });
  it('repeats the header in every chunk and maps line numbers back to the file', () => {
    const chunks = csvChunks(csv, 2);
    expect(chunks.map((c) => [c.firstLine, c.rows])).toEqual([
      [2, 2],
      [4, 1],
    ]);
    expect(chunks[1]!.csv).toBe('VIN,Stock\nD,3\n');
    let report = mergeChunk(EMPTY_REPORT, chunks[0]!, {
      rows: 2,
      imported: 1,
      updated: 1,
      unchanged: 0,
      failed: 0,
      errors: [],
    });
    report = mergeChunk(report, chunks[1]!, {
      rows: 1,
      imported: 0,
      updated: 0,
      unchanged: 0,
      failed: 1,
      errors: [{ row: 2, field: 'vin', message: 'bad' }],
    });
    expect(report).toEqual({
      rows: 3,
      imported: 1,
      updated: 1,
      unchanged: 0,
      failed: 1,
      errors: [{ row: 4, field: 'vin', message: 'bad' }],
    });
    // A re-import says what it updated by VIN apart from what it added.
    expect(reportLine(report)).toBe('1 imported, 1 updated by VIN, 1 refused, of 3 rows.');
    expect(reportLine({ ...report, updated: 0 })).toBe('1 imported, 1 refused, of 3 rows.');
  });
});

describe('navigation and filters', () => {
  it('returns only to same-site paths', () => {
    expect(safeNext('/customers?x=1')).toBe('/customers?x=1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
    expect(signInPath('/deals/1', true)).toBe('/sign-in?next=%2Fdeals%2F1&expired=1');
  });
  it('turns filter boxes into the API filter, blanks meaning any', () => {
    expect(toVehicleFilter(EMPTY_FILTERS)).toEqual({
      text: undefined,
      make: undefined,
      model: undefined,
      yearMin: undefined,
      yearMax: undefined,
      priceMin: undefined,
      priceMax: undefined,
      status: undefined,
      daysInStockMin: undefined,
    });
    expect(
      toVehicleFilter({
        ...EMPTY_FILTERS,
        make: ' Ford ',
        yearMin: '2019',
        priceMax: '30000.50',
        status: 'SOLD',
        yearMax: 'abc',
      }),
    ).toMatchObject({
      make: 'Ford',
      yearMin: 2019,
      priceMax: '30000.50',
      status: ['SOLD'],
      yearMax: undefined,
    });
  });
});

describe('sign-in check', () => {
  it('names each missing box in words; a blank username is missing', () => {
    expect(signInErrors({ username: ' ', password: '' })).toEqual({
      username: 'Enter your username.',
      password: 'Enter your password.',
    });
    expect(signInErrors({ username: 'sam', password: 'x' })).toEqual({});
  });
});
